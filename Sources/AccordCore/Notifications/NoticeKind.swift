/// What a message tells its reader (issue 19; DOMAIN §5.2, §5.3). Each user chooses per kind whether it reaches them.
public enum NoticeKind: String, Codable, Sendable, CaseIterable {
    case goalProposed = "goal_proposed"
    case goalCountered = "goal_countered"
    case goalAccepted = "goal_accepted"
    case goalDeclined = "goal_declined"
    case goalWithdrawn = "goal_withdrawn"
    case goalLowered = "goal_lowered"

    public var label: String {
        switch self {
        case .goalProposed: "A goal is proposed to my side"
        case .goalCountered: "The other side counters a goal"
        case .goalAccepted: "A goal is accepted or agreed"
        case .goalDeclined: "A goal is declined"
        case .goalWithdrawn: "A proposal is withdrawn"
        case .goalLowered: "An agreed target is lowered"
        }
    }
}

/// How a kind of message reaches one user.
public enum NoticeDelivery: String, Codable, Sendable, CaseIterable {
    /// Sent as it happens.
    case immediately
    case never

    public var label: String {
        switch self {
        case .immediately: "At once"
        case .never: "Never"
        }
    }

    /// What a user gets before choosing: every event as it happens.
    public static let standard = NoticeDelivery.immediately
}
