import Foundation

/// How often vendor and partner review their goals together (DOMAIN §2, §11).
public enum ReviewCadence: String, Codable, Sendable, CaseIterable {
    case monthly, quarterly
    case halfYearly = "half_yearly"

    public var periodKind: PeriodKind {
        switch self {
        case .monthly: .month
        case .quarterly: .quarter
        case .halfYearly: .half
        }
    }
}

/// Reviews fall at the end of the partner's periods of the cadence's length (DOMAIN §2, §11).
public enum ReviewSchedule {
    /// The periods whose review falls due (their last day) in `from..<to`, in the partner's calendar.
    public static func periods(cadence: ReviewCadence, calendar: FiscalCalendar, from: Day, to: Day) -> [Period] {
        // A review is due on the last day of its period.
        var period = calendar.period(cadence.periodKind, containing: from)
        var result: [Period] = []
        while period.end.advanced(by: -1) < to {
            if period.end.advanced(by: -1) >= from { result.append(period) }
            period = period.next
        }
        return result
    }
}

/// One action agreed in a review: who does what by when, on which side (DOMAIN §11).
public struct ActionItem: Hashable, Codable, Sendable, Identifiable {
    public enum Status: String, Codable, Sendable, CaseIterable { case open, done, dropped }

    public let id: UUID
    public var side: Side
    public var owner: String
    public var title: String
    public var due: Day
    public var status: Status
    /// When and by whom the item was marked done or dropped.
    public var closedOn: Day?
    public var closedBy: String?

    public init(id: UUID = UUID(), side: Side, owner: String, title: String, due: Day, status: Status = .open) {
        self.id = id
        self.side = side
        self.owner = owner
        self.title = title
        self.due = due
        self.status = status
    }

    /// Who may mark the item done or dropped (DOMAIN §11): its owner, an admin of its side, or a program admin. A
    /// partner member is read-mostly (§1) and changes nothing of its partner's, even an item in its name.
    public func mayBeClosed(by actor: Actor) -> Bool {
        guard actor.role != .partnerMember else { return false }
        return (actor.side == side && (actor.name == owner || actor.role == .partnerAdmin)) || actor.role == .programAdmin
    }

    /// Open past its due date.
    public func isOverdue(today: Day) -> Bool { status == .open && due < today }
}

/// A review: when it is due, when it was held, who attended, the scorecard as it stood, notes, decisions, actions.
public struct Review: Hashable, Codable, Sendable, Identifiable {
    public let id: UUID
    public let partnerID: UUID
    /// The partner period it reviews; due at its end.
    public let period: Period
    public var heldOn: Day?
    public var attendees: [Attendee]
    /// The scorecard frozen when the review was held: later facts do not change it.
    public var snapshot: [ScorecardSnapshotLine]
    public var notes: String
    public var decisions: [String]
    public var actionItems: [ActionItem]

    public init(
        id: UUID = UUID(), partnerID: UUID, period: Period, heldOn: Day? = nil, attendees: [Attendee] = [],
        snapshot: [ScorecardSnapshotLine] = [], notes: String = "", decisions: [String] = [], actionItems: [ActionItem] = []
    ) {
        self.id = id
        self.partnerID = partnerID
        self.period = period
        self.heldOn = heldOn
        self.attendees = attendees
        self.snapshot = snapshot
        self.notes = notes
        self.decisions = decisions
        self.actionItems = actionItems
    }

    /// The day the review falls due: the last day of the reviewed period.
    public var due: Day { period.end.advanced(by: -1) }

    /// Not held within `graceDays` after it fell due.
    public func isOverdue(today: Day, graceDays: Int = 14) -> Bool {
        heldOn == nil && due.advanced(by: graceDays) < today
    }

    /// The first day the review is flagged (§11): it is overdue, or one of its action items is; nil while nothing
    /// will be. What `isOverdue` and `ActionItem.isOverdue` say, as a day the store can compare with today.
    public func flaggedFrom(graceDays: Int = 14) -> Day? {
        let unheld = heldOn == nil ? due.advanced(by: graceDays + 1) : nil
        let items = actionItems.filter { $0.status == .open }.map { $0.due.advanced(by: 1) }
        return ([unheld].compactMap { $0 } + items).min()
    }

    /// Held by the due day or within the same grace: what a channel manager's scorecard counts (DOMAIN §13).
    public func wasHeldOnTime(graceDays: Int = 14) -> Bool {
        heldOn.map { $0 <= due.advanced(by: graceDays) } ?? false
    }

    public struct Attendee: Hashable, Codable, Sendable {
        public let name: String
        public let side: Side

        public init(name: String, side: Side) {
            self.name = name
            self.side = side
        }
    }

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case needsBothSides
        case alreadyHeld
        case heldBeforeThePeriodEnded
        case noSuchActionItem
        case actionItemClosed(ActionItem.Status)
        case notTheOwner(String)
        case notAClosingStatus

        public var description: String {
            switch self {
            case .needsBothSides: "A review is held by both sides: list at least one attendee of each."
            case .alreadyHeld: "This review was already held; its record is kept as it was."
            case .heldBeforeThePeriodEnded: "A review can be held from the last week of the period it reviews."
            case .noSuchActionItem: "This review has no such action item."
            case .actionItemClosed(let status): "This action item is already \(status.rawValue)."
            case .notTheOwner(let owner): "Only \(owner), an admin of the same side or a program admin can close this action item."
            case .notAClosingStatus: "An action item is closed as done or dropped."
            }
        }
    }

    /// Marks an open action item done or dropped (DOMAIN §11), with the day and who did it. Its overdue flag, and the
    /// review's if it was the reason, clear with it (`flaggedFrom`); the frozen scorecard is untouched.
    public mutating func close(item id: UUID, as status: ActionItem.Status, on day: Day, by actor: Actor) throws(Problem) {
        guard status != .open else { throw .notAClosingStatus }
        guard let index = actionItems.firstIndex(where: { $0.id == id }) else { throw .noSuchActionItem }
        let item = actionItems[index]
        guard item.status == .open else { throw .actionItemClosed(item.status) }
        guard item.mayBeClosed(by: actor) else { throw .notTheOwner(item.owner) }
        actionItems[index].status = status
        actionItems[index].closedOn = day
        actionItems[index].closedBy = actor.name
    }

    /// Records the review as held, freezing the scorecard as it stands now (DOMAIN §11).
    public mutating func hold(
        on day: Day, attendees: [Attendee], snapshot: [ScorecardSnapshotLine], notes: String, decisions: [String],
        actionItems: [ActionItem]
    ) throws(Problem) {
        guard heldOn == nil else { throw .alreadyHeld }
        guard Set(attendees.map(\.side)).count == Side.allCases.count else { throw .needsBothSides }
        guard day >= period.end.advanced(by: -7) else { throw .heldBeforeThePeriodEnded }
        heldOn = day
        self.attendees = attendees
        self.snapshot = snapshot
        self.notes = notes.trimmingCharacters(in: .whitespacesAndNewlines)
        self.decisions = decisions.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        self.actionItems = actionItems
    }
}

/// One goal's line of the scorecard as it stood when a review was held.
public struct ScorecardSnapshotLine: Hashable, Codable, Sendable {
    public let goalID: UUID
    public let metricName: String
    public let target: String
    public let actual: String
    public let attainment: Double?
    public let pacing: PacingStatus
    public let status: GoalStatus

    public init(
        goalID: UUID, metricName: String, target: String, actual: String, attainment: Double?, pacing: PacingStatus, status: GoalStatus
    ) {
        self.goalID = goalID
        self.metricName = metricName
        self.target = target
        self.actual = actual
        self.attainment = attainment
        self.pacing = pacing
        self.status = status
    }

    /// Freezes a goal's progress into display values.
    public init(_ progress: GoalProgress, currency: Currency) {
        self.init(
            goalID: progress.goal.id, metricName: progress.metric.name,
            target: progress.metric.format(progress.goal.target, currency: currency),
            actual: progress.actual.map { progress.metric.format($0, currency: currency) } ?? "—", attainment: progress.attainment,
            pacing: progress.pacing.status, status: progress.goal.status)
    }
}
