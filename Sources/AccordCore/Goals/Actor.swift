/// The two sides of a partnership: goals are agreed between them, never assigned (DOMAIN §5.2).
public enum Side: String, Codable, Sendable, CaseIterable {
    case vendor, partner

    public var other: Side { self == .vendor ? .partner : .vendor }
}

/// The roles of DOMAIN §1.
public enum Role: String, Codable, Sendable, CaseIterable {
    case programAdmin = "program_admin"
    case channelManager = "channel_manager"
    case partnerAdmin = "partner_admin"
    case partnerMember = "partner_member"

    public var side: Side {
        switch self {
        case .programAdmin, .channelManager: .vendor
        case .partnerAdmin, .partnerMember: .partner
        }
    }

    /// Partner members are read-mostly: they record activities but do not commit their company to goals.
    public var mayNegotiateGoals: Bool { self != .partnerMember }

    public var label: String {
        switch self {
        case .programAdmin: "Program admin"
        case .channelManager: "Channel manager"
        case .partnerAdmin: "Partner admin"
        case .partnerMember: "Partner member"
        }
    }
}

/// Who did something: kept on every revision, acceptance and audit entry.
public struct Actor: Hashable, Codable, Sendable {
    public let name: String
    public let role: Role

    public init(name: String, role: Role) {
        self.name = name
        self.role = role
    }

    public var side: Side { role.side }

    /// Accord itself, for what its jobs record (level reviews, activating agreed goals).
    public static let accord = Actor(name: "Accord", role: .programAdmin)

    /// The rule of §5.3 at period close: the author of a carry-forward, which no person made.
    public static let periodClose = Actor(name: "Accord, period close", role: .programAdmin)
}
