import Foundation

/// A signed-in user as the rules see them (DOMAIN §1): a role, and for partner users their one partner.
public struct Viewer: Hashable, Sendable {
    public let userID: UUID
    public let name: String
    public let role: Role
    /// The partner a partner user belongs to; nil for vendor staff.
    public let partnerID: UUID?
    /// The channel-manager name whose partners a channel manager may change (their own name; a token's name).
    public let portfolio: String

    public init(userID: UUID, name: String, role: Role, partnerID: UUID?, portfolio: String? = nil) {
        self.userID = userID
        self.name = name
        self.role = role
        self.partnerID = partnerID
        self.portfolio = portfolio ?? name
    }

    public var actor: Actor { Actor(name: name, role: role) }
    public var side: Side { role.side }
}

/// Who may see and change what (DOMAIN §1, §9). Every route asks these, never its own logic.
public enum AccessRule {
    /// Vendor staff read every partner; a partner user reads only their own.
    public static func mayRead(partnerID: UUID, as viewer: Viewer) -> Bool {
        viewer.side == .vendor || viewer.partnerID == partnerID
    }

    /// Program admins change any partner; channel managers their portfolio; partner admins their own partner
    /// (goals, plans, capacity). Partner members record activities only.
    public static func mayChange(_ partner: Partner, as viewer: Viewer) -> Bool {
        switch viewer.role {
        case .programAdmin: true
        case .channelManager: partner.channelManager == viewer.portfolio
        case .partnerAdmin: viewer.partnerID == partner.id
        case .partnerMember: false
        }
    }

    /// Who records a metric's activities (DOMAIN §1, §4): vendor commitments (MDF delivered, leads passed, …) are
    /// the vendor's to record; partner users record their own side's activities, members included.
    public static func mayRecord(_ metric: Metric, as viewer: Viewer) -> Bool {
        metric.category != .vendorCommitment || viewer.side == .vendor
    }

    /// A draft belongs to the side that wrote it until it is sent (DOMAIN §5.2): the other side sees it nowhere —
    /// not in lists, records, the audit log, scorecards, pages, counts, exports or e-mails — and a draft withdrawn
    /// before it was sent never reaches the other side at all.
    public static func maySee(_ goal: Goal, as audience: Audience) -> Bool {
        maySee(unsentDraftOf: goal.unsentDraftOf, as: audience)
    }

    /// The same rule for a goal known by whose unsent draft it is (nil: nobody's), as the maintained progress keeps it.
    public static func maySee(unsentDraftOf side: Side?, as audience: Audience) -> Bool {
        guard let side else { return true }
        switch audience {
        case .side(let viewer): return viewer == side
        case .bothSides: return false
        case .accord: return true
        }
    }

    /// Internal planning figures never reach a partner user (DOMAIN §9).
    public static func maySeeInternalPlanning(_ viewer: Viewer) -> Bool { viewer.side == .vendor }

    /// Program settings, users, tokens, the audit log: program admins only.
    public static func mayAdminister(_ viewer: Viewer) -> Bool { viewer.role == .programAdmin }

    /// Partner records and sales facts are the vendor's to manage.
    public static func mayManagePartners(_ viewer: Viewer) -> Bool { viewer.side == .vendor }
}
