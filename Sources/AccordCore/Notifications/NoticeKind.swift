/// What a message tells its reader (issue 19; DOMAIN §5.2, §5.3, §10, §11). Each user chooses per kind whether and
/// when it reaches them.
public enum NoticeKind: String, Codable, Sendable, CaseIterable {
    case goalProposed = "goal_proposed"
    case goalCountered = "goal_countered"
    case goalAccepted = "goal_accepted"
    case goalDeclined = "goal_declined"
    case goalWithdrawn = "goal_withdrawn"
    case goalLowered = "goal_lowered"
    case planProposed = "plan_proposed"
    case planAccepted = "plan_accepted"
    /// A reminder: a proposal to my side lapses within the response window's last days (§5.2).
    case proposalLapsing = "proposal_lapsing"
    /// A reminder: an action item I own falls due within days (§11).
    case actionItemDue = "action_item_due"
    /// The weekly "where do we stand" digest itself.
    case weeklyDigest = "weekly_digest"

    public var label: String {
        switch self {
        case .goalProposed: "A goal is proposed to my side"
        case .goalCountered: "The other side counters a goal"
        case .goalAccepted: "A goal is accepted or agreed"
        case .goalDeclined: "A goal is declined"
        case .goalWithdrawn: "A proposal is withdrawn"
        case .goalLowered: "An agreed target is lowered"
        case .planProposed: "A joint plan is proposed or revised to my side"
        case .planAccepted: "A joint plan is accepted or agreed"
        case .proposalLapsing: "Reminder: a proposal to my side is about to lapse"
        case .actionItemDue: "Reminder: an action item I own is due soon"
        case .weeklyDigest: "The weekly “where do we stand” digest"
        }
    }

    /// The choices a user has for this kind: the digest itself goes weekly or not at all.
    public var choices: [NoticeDelivery] { self == .weeklyDigest ? [.immediately, .never] : NoticeDelivery.allCases }

    /// How the choice reads for this kind.
    public func label(of delivery: NoticeDelivery) -> String {
        self == .weeklyDigest && delivery == .immediately ? "Every week" : delivery.label
    }
}

/// How a kind of message reaches one user.
public enum NoticeDelivery: String, Codable, Sendable, CaseIterable {
    /// Sent as it happens.
    case immediately
    /// Held, and listed in the user's next weekly digest.
    case inDigest = "digest"
    case never

    public var label: String {
        switch self {
        case .immediately: "At once"
        case .inDigest: "In the weekly digest"
        case .never: "Never"
        }
    }

    /// What a user gets before choosing: every event as it happens, and the digest each week.
    public static let standard = NoticeDelivery.immediately

    /// How a message of `kind` reaches a user with these `choices`. A kind held for the digest is sent at once while
    /// the user has turned the digest off, so nothing they asked for is held for a message that never goes.
    public static func effective(for kind: NoticeKind, choices: [NoticeKind: NoticeDelivery]) -> NoticeDelivery {
        let chosen = choices[kind] ?? standard
        guard chosen == .inDigest else { return chosen }
        let digest = choices[.weeklyDigest] ?? standard
        return kind == .weeklyDigest || digest == .never ? .immediately : .inDigest
    }
}
