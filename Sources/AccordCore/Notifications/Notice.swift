import Foundation

/// One message to one person about one event (issue 19). What it says is decided here, by the access rules of
/// DOMAIN §1 and §9: a notice about a goal goes to the other side of that goal's partner only, is never about a
/// draft, and carries no internal planning figure. Views only lay it out.
public struct Notice: Hashable, Sendable {
    public struct Recipient: Hashable, Sendable {
        public let userID: UUID
        public let name: String
        public let email: EmailAddress

        public init(userID: UUID, name: String, email: EmailAddress) {
            self.userID = userID
            self.name = name
            self.email = email
        }
    }

    /// A titled list in a longer message (the digest): each line may link to where it is answered.
    public struct Section: Hashable, Sendable {
        public struct Line: Hashable, Sendable {
            /// What the line is about (the link's words when it has a path).
            public let text: String
            /// Where it stands, said after it.
            public let detail: String?
            public let path: String?

            public init(_ text: String, detail: String? = nil, path: String? = nil) {
                self.text = text
                self.detail = detail
                self.path = path
            }
        }

        public let title: String
        public let lines: [Line]

        public init(title: String, lines: [Line]) {
            self.title = title
            self.lines = lines
        }
    }

    public let kind: NoticeKind
    /// One message per event and recipient: the outbox keeps a key once, so a retried change sends nothing twice.
    public let eventKey: String
    public let recipient: Recipient
    public let subject: String
    /// The message's paragraphs, plain text.
    public let paragraphs: [String]
    /// The site path where the answer is given, and what the link says.
    public let path: String
    public let linkLabel: String
    /// Lists after the paragraphs; empty for a message about one event.
    public let sections: [Section]

    public init(
        kind: NoticeKind, eventKey: String, recipient: Recipient, subject: String, paragraphs: [String], path: String, linkLabel: String,
        sections: [Section] = []
    ) {
        self.kind = kind
        self.eventKey = eventKey
        self.recipient = recipient
        self.subject = subject
        self.paragraphs = paragraphs
        self.path = path
        self.linkLabel = linkLabel
        self.sections = sections
    }
}

/// Who hears about what happens on a partner's goals and plans, and in which words.
public enum Notices {
    /// The people of `side` who answer for `partner`: its partner admins, or the vendor's channel manager for it —
    /// the program's admins when no user is that channel manager. Disabled users and users without an address are
    /// left out; a partner member answers nothing for the partner (§1).
    public static func answerers(of side: Side, for partner: Partner, among users: [User]) -> [Notice.Recipient] {
        let reachable = users.filter { !$0.disabled && $0.email != nil }
        let chosen: [User]
        switch side {
        case .partner: chosen = reachable.filter { $0.role == .partnerAdmin && $0.partnerID == partner.id }
        case .vendor:
            let managers = reachable.filter { $0.role == .channelManager && $0.name == partner.channelManager }
            chosen = managers.isEmpty ? reachable.filter { $0.role == .programAdmin } : managers
        }
        return chosen.compactMap { user in user.email.map { Notice.Recipient(userID: user.id, name: user.name, email: $0) } }
    }

    /// The notices a saved goal change sends: to the side that did not make it, about what it now asks of them.
    /// `action` is the store's name for the change; a draft's own changes, and the withdrawal of a draft the other
    /// side never saw, tell nobody anything.
    public static func forGoal(
        _ goal: Goal, action: String, by actor: Actor, metric: Metric, partner: Partner, currency: Currency, responseWindowDays: Int,
        users: [User]
    ) -> [Notice] {
        guard !goal.isUnsentDraft else { return [] }
        let show = { (value: Int64) in metric.format(value, currency: currency) }
        let what = "\(metric.name), \(goal.period.label) (\(goal.period.dates))"
        let who = actor.name
        let lapses = goal.lapses(responseWindowDays: responseWindowDays).map {
            Day(number: Int(($0.timeIntervalSince1970 / 86_400).rounded(.down))).readable
        }
        let answerBy = lapses.map { "Please answer by \($0): a proposal unanswered for \(responseWindowDays) days is flagged as lapsed." }
        var paragraphs: [String] = []
        let kind: NoticeKind
        let subject: String
        var recipients: [Notice.Recipient]
        switch action {
        case "propose", "send":
            kind = .goalProposed
            subject = "\(partner.name): \(who) proposes a \(metric.name) goal for \(goal.period.label)"
            paragraphs =
                [
                    "\(who) proposes this goal for \(partner.name): \(what), target \(show(goal.target))"
                        + (goal.baseline.map { " against a baseline of \(show($0.value))." } ?? "."),
                    "The behaviour it is meant to motivate: \(goal.behaviour)",
                ] + (answerBy.map { [$0] } ?? [])
            recipients = answerers(of: actor.side.other, for: partner, among: users)
        case "counter":
            kind = .goalCountered
            subject = "\(partner.name): \(who) counters the \(metric.name) goal for \(goal.period.label)"
            paragraphs = ["\(who) answers with other terms: \(what), target \(show(goal.target))."]
            if let said = goal.comments.last(where: { $0.revision == goal.current.number && $0.author == actor }) {
                paragraphs.append("Why: \(said.text)")
            }
            paragraphs += answerBy.map { [$0] } ?? []
            recipients = answerers(of: actor.side.other, for: partner, among: users)
        case "accept":
            kind = .goalAccepted
            let agreed = goal.status.isCommitted
            subject = "\(partner.name): the \(metric.name) goal for \(goal.period.label) is " + (agreed ? "agreed" : "accepted")
            paragraphs = [
                agreed
                    ? "\(who) accepted: \(what), target \(show(goal.target)), is agreed by both sides."
                    : "\(who) accepted \(what), target \(show(goal.target)); it waits for the other side's acceptance."
            ]
            recipients = answerers(of: actor.side.other, for: partner, among: users)
        case "decline":
            kind = .goalDeclined
            subject = "\(partner.name): \(who) declined the \(metric.name) goal for \(goal.period.label)"
            paragraphs = ["\(who) declined \(what), target \(show(goal.target))."]
            if let reason = goal.decline?.reason, !reason.isEmpty { paragraphs.append("Their reason: \(reason)") }
            paragraphs.append("You can propose it again, changed, from the goal's page.")
            recipients = answerers(of: actor.side.other, for: partner, among: users)
        case "withdraw":
            kind = .goalWithdrawn
            subject = "\(partner.name): \(who) withdrew the \(metric.name) proposal for \(goal.period.label)"
            paragraphs = ["\(who) withdrew the proposal \(what), target \(show(goal.target)); nothing is left to answer."]
            recipients = answerers(of: actor.side.other, for: partner, among: users)
        case "lower":
            kind = .goalLowered
            let override = goal.overrides.last
            subject = "\(partner.name): the \(metric.name) target for \(goal.period.label) was lowered"
            paragraphs = [
                "\(who) lowered the agreed target of \(what)"
                    + (override.map { " from \(show($0.from)) to \(show($0.to))." } ?? " to \(show(goal.target))."),
                override.map { "The reason recorded: \($0.reason)" } ?? "",
            ].filter { !$0.isEmpty }
            // Both sides hear of an override: the partner's goal changed, and the channel manager answers for it.
            recipients = answerers(of: .partner, for: partner, among: users) + answerers(of: .vendor, for: partner, among: users)
        default: return []
        }
        // Nobody is told what they did themselves (a program admin lowering a target for partners without a CAM user).
        recipients = recipients.filter { $0.name != actor.name }
        let event =
            "goal/\(goal.id.uuidString.lowercased())/\(action)/\(goal.revisions.count)-\(goal.acceptances.count)-\(goal.overrides.count)"
        return unique(recipients).map { recipient in
            Notice(
                kind: kind, eventKey: event, recipient: recipient, subject: subject, paragraphs: paragraphs,
                path: "/goals/\(goal.id.uuidString.lowercased())",
                linkLabel: kind == .goalProposed || kind == .goalCountered ? "Answer on Accord" : "Open the goal")
        }
    }

    static func unique(_ recipients: [Notice.Recipient]) -> [Notice.Recipient] {
        var seen: Set<UUID> = []
        return recipients.filter { seen.insert($0.userID).inserted }
    }
}
