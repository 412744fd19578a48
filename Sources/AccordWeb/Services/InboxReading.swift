import AccordCore
import AccordStore
import AccordViews
import Foundation
import Vapor

/// Reads a user's "Waiting for you" (`Inbox`) for the inbox page, the API and the count in the navigation.
struct InboxReading {
    let req: Request
    var store: AccordStore { req.store }
    var clock: AccordClock { req.clock }

    /// The most items of one kind listed at once; the count says how many more there are.
    static let itemsPerKind = 50

    /// The program whose items a user reads: a partner user's is their partner's; vendor staff name it when there
    /// are several (`requested`), as the API does everywhere.
    func program(for viewer: Viewer, requested: UUID?) async throws -> Program {
        if let partnerID = viewer.partnerID {
            let partner = try await store.partner(partnerID)
            if let requested, requested != partner.programID { throw StoreError.notFound("program \(requested)") }
            return try await store.program(partner.programID)
        }
        if let requested { return try await store.program(requested) }
        let programs = try await store.programs()
        guard let first = programs.first else { throw StoreError.notFound("a program (create one first)") }
        guard programs.count == 1 else { throw InputError("there are several programs: name one with program_id", field: "program_id") }
        return first
    }

    func contents(for viewer: Viewer, in program: Program, limit: Int = InboxReading.itemsPerKind) async throws -> InboxContents {
        // Proposals are found through the maintained standings: brought to today first, as every page does.
        try await req.currentStandings(program.id)
        return try await store.inbox(
            programID: program.id, scope: Inbox.scope(of: viewer), side: viewer.side, owner: viewer.name, kinds: Inbox.kinds(for: viewer),
            windows: windows(program), now: clock.now(), today: clock.today, limit: limit)
    }

    func count(for viewer: Viewer, in program: Program) async throws -> Int {
        try await req.currentStandings(program.id)
        return try await store.inboxCount(
            programID: program.id, scope: Inbox.scope(of: viewer), side: viewer.side, owner: viewer.name, kinds: Inbox.kinds(for: viewer),
            windows: windows(program), now: clock.now(), today: clock.today)
    }

    private func windows(_ program: Program) -> Inbox.Windows {
        Inbox.windows(now: clock.now(), today: clock.today, responseWindowDays: program.settings.responseWindowDays)
    }

    /// The words of each kind: what it is, what to do, and how its tile is labelled.
    static func label(_ kind: InboxItem.Kind, side: Side) -> (kind: String, action: String, tile: String) {
        switch kind {
        case .goalToAnswer: ("Goal to answer", "Answer", "goals to answer")
        case .planToAnswer: ("Joint plan to answer", "Answer", "plans to answer")
        case .proposalLapsing: ("Your side's proposal, unanswered", "Open", "proposals about to lapse")
        case .declinedGoal: ("Declined by the \(side.other.rawValue)", "Decide", "declined goals to decide on")
        case .reviewToHold: ("Review to hold", "Hold the review", "reviews to hold")
        case .actionItem: ("Your action item", "Open the review", "action items you own")
        }
    }

    /// The page's lines, in Inbox's order, with amounts in the metric's unit and dates people read.
    func lines(_ contents: InboxContents, program: Program, metrics: [String: Metric], side: Side) -> [InboxPage.Line] {
        Self.lines(contents.items, program: program, metrics: metrics, side: side, now: clock.now())
    }

    static func lines(_ items: [InboxItem], program: Program, metrics: [String: Metric], side: Side, now: Date) -> [InboxPage.Line] {
        items.map { item in
            let words = Self.label(item.kind, side: side)
            let overdue = item.isOverdue(now: now)
            let metric = item.metricKey.flatMap { metrics[$0] }
            let goal = [
                metric?.name ?? item.metricKey, item.period.map { "\($0.label) (\($0.dates))" },
                item.target.flatMap { target in metric.map { $0.format(target, currency: program.currency) } },
            ].compactMap { $0 }.joined(separator: " · ")
            let day = item.due.map { Self.day(of: $0).readable }
            // Reviews and action items fall due at the end of their day: the moment is the next day's start.
            let dueDay = item.due.map { Self.day(of: $0.addingTimeInterval(-86_400)).readable }
            let (what, path, due, detail): (String, String, String?, String?) =
                switch item.kind {
                case .goalToAnswer:
                    (goal, SiteURL.goal(item.subjectID).path, day.map { overdue ? "lapsed unanswered on \($0)" : "answer by \($0)" }, nil)
                case .proposalLapsing:
                    (
                        goal, SiteURL.goal(item.subjectID).path, day.map { overdue ? "lapsed unanswered on \($0)" : "lapses on \($0)" },
                        "Waiting for the \(side.other.rawValue)'s answer: remind them, or withdraw it."
                    )
                case .declinedGoal:
                    (goal, SiteURL.goal(item.subjectID).path, nil, item.text.map { "Their reason: \($0)" })
                case .planToAnswer: ("Joint business plan", SiteURL.plan(item.subjectID).path, nil, nil)
                case .reviewToHold:
                    (
                        "\(item.period?.label ?? "Period") review", SiteURL.review(item.subjectID).path,
                        dueDay.map { overdue ? "was due on \($0)" : "due on \($0)" }, nil
                    )
                case .actionItem:
                    (
                        item.text ?? "Action item", SiteURL.review(item.subjectID).path,
                        dueDay.map { overdue ? "overdue: was due on \($0)" : "due on \($0)" }, nil
                    )
                }
            return InboxPage.Line(
                kind: words.kind, partnerName: item.partnerName, what: what, detail: detail, due: due, overdue: overdue, path: path,
                action: words.action)
        }
    }

    static func day(of moment: Date) -> Day { Day(number: Int((moment.timeIntervalSince1970 / 86_400).rounded(.down))) }
}
