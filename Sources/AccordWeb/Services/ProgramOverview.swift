import AccordCore
import AccordStore
import Foundation
import Vapor

/// The program at a glance: every partner with its current-quarter goals and their pacing.
struct ProgramOverviewData {
    struct Row {
        let partner: Partner
        let period: Period
        let lines: [GoalProgress]
        /// Proposals waiting longer than the response window.
        let lapsed: Int
        let carriedForward: Int
        var overdueReviews = 0

        /// The worst pacing among the partner's live goals: what needs attention first.
        var worstStatus: PacingStatus? {
            let order: [PacingStatus] = [.behind, .atRisk, .onTrack, .achieved, .notStarted]
            let statuses = lines.filter { $0.goal.status == .active }.map(\.pacing.status)
            return order.first { statuses.contains($0) }
        }
    }

    let program: Program
    let rows: [Row]
    let goalCounts: [GoalStatus: Int]
    let today: Day
}

struct ProgramOverview {
    let store: AccordStore
    let clock: AccordClock

    func load(programID: UUID) async throws -> ProgramOverviewData {
        let program = try await store.program(programID)
        let partners = try await store.partners(of: programID)
        let metrics = Dictionary(uniqueKeysWithValues: try await store.metrics(of: programID).map { ($0.key, $0) })
        let today = clock.today
        let allGoals = try await store.goals(GoalQuery(seenBy: .side(.vendor), programID: programID))
        let byPartner = Dictionary(grouping: allGoals, by: \.partnerID)
        var current: [Goal] = []
        for partner in partners {
            let period = partner.calendar.period(.quarter, containing: today)
            current += (byPartner[partner.id] ?? []).filter { $0.period == period }
        }
        let progress = try await Scorecards(store: store, clock: clock).progress(current, metrics: metrics, program: program)
        let progressByPartner = Dictionary(grouping: progress, by: \.goal.partnerID)
        let now = clock.now()
        let overdue = Dictionary(
            grouping: try await store.reviews(dueBy: today).filter { review in
                review.isOverdue(today: today) || review.actionItems.contains { $0.isOverdue(today: today) }
            }, by: \.partnerID
        ).mapValues(\.count)
        let rows = partners.map { partner in
            let mine = byPartner[partner.id] ?? []
            return ProgramOverviewData.Row(
                partner: partner, period: partner.calendar.period(.quarter, containing: today),
                lines: progressByPartner[partner.id] ?? [],
                lapsed: mine.filter { $0.isLapsed(now: now, responseWindowDays: program.settings.responseWindowDays) }.count,
                carriedForward: mine.filter { $0.isCarriedForward && !$0.status.isFinal }.count, overdueReviews: overdue[partner.id] ?? 0)
        }
        return ProgramOverviewData(
            program: program, rows: rows, goalCounts: Dictionary(grouping: allGoals, by: \.status).mapValues(\.count), today: today)
    }
}

/// Which overview a load is for: the program, as of a day (the clock can differ between apps, e.g. in tests).
struct OverviewKey: Hashable, Sendable {
    let programID: UUID
    let today: Day
}

extension Application {
    private struct ProgramOverviewsKey: StorageKey { typealias Value = SharedLoads<OverviewKey, ProgramOverviewData> }

    /// Overview loads in progress, shared by the requests that arrive while they run.
    var programOverviews: SharedLoads<OverviewKey, ProgramOverviewData> {
        get {
            guard let loads = storage[ProgramOverviewsKey.self] else { preconditionFailure("configure(_:options:) sets programOverviews") }
            return loads
        }
        set { storage[ProgramOverviewsKey.self] = newValue }
    }
}

extension Request {
    /// The program overview, sharing a load already running for it.
    func programOverview(_ programID: UUID) async throws -> ProgramOverviewData {
        let overview = ProgramOverview(store: store, clock: clock)
        return try await application.programOverviews.value(for: OverviewKey(programID: programID, today: clock.today)) {
            try await overview.load(programID: programID)
        }
    }
}
