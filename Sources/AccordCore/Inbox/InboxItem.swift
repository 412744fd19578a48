import Foundation

/// One thing that waits for a user (DOMAIN §5.2, §10, §11): an answer they owe, a proposal of theirs about to lapse,
/// a decline to decide on, a review to hold, an action item they own. It names where it is answered.
public struct InboxItem: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A goal proposed or countered to the user's side.
        case goalToAnswer = "goal_to_answer"
        /// A joint plan proposed or revised to the user's side.
        case planToAnswer = "plan_to_answer"
        /// The user's side's own proposal, about to lapse (or lapsed) without an answer: chase it or withdraw it.
        case proposalLapsing = "proposal_lapsing"
        /// A goal the other side declined: propose it again, changed, or let it go.
        case declinedGoal = "declined_goal"
        case reviewToHold = "review_to_hold"
        case actionItem = "action_item"
    }

    public let kind: Kind
    /// The goal, plan or review the item is answered on.
    public let subjectID: UUID
    /// The action item, for `actionItem`.
    public let actionItemID: UUID?
    public let partnerID: UUID
    public let partnerName: String
    /// The goal's metric key, for goal items.
    public let metricKey: String?
    public let period: Period?
    /// The goal's current target, for goals to answer and proposals lapsing.
    public let target: Int64?
    /// An action item's title, or the reason a goal was declined.
    public let text: String?
    /// When it falls due: a proposal's lapse, a review's due day or an action item's (the start of that day, UTC).
    public let due: Date?

    public init(
        kind: Kind, subjectID: UUID, actionItemID: UUID? = nil, partnerID: UUID, partnerName: String, metricKey: String? = nil,
        period: Period? = nil, target: Int64? = nil, text: String? = nil, due: Date? = nil
    ) {
        self.kind = kind
        self.subjectID = subjectID
        self.actionItemID = actionItemID
        self.partnerID = partnerID
        self.partnerName = partnerName
        self.metricKey = metricKey
        self.period = period
        self.target = target
        self.text = text
        self.due = due
    }

    /// Past its moment: a lapsed proposal, an overdue review or action item.
    public func isOverdue(now: Date) -> Bool { due.map { $0 < now } ?? false }
}
