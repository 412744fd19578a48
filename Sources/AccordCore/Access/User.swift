import Foundation

/// A person who signs in to Accord (DOMAIN §1). Partner users belong to exactly one partner.
public struct User: Hashable, Codable, Sendable, Identifiable {
    public let id: UUID
    public let login: String
    public let name: String
    public let role: Role
    public let partnerID: UUID?
    public let hasPassword: Bool
    public let disabled: Bool
    public let passwordChangedAt: Date?
    /// Where the user's messages go; a user without one is told nothing by e-mail.
    public let email: EmailAddress?

    public init(
        id: UUID, login: String, name: String, role: Role, partnerID: UUID?, hasPassword: Bool, disabled: Bool,
        passwordChangedAt: Date?, email: EmailAddress? = nil
    ) {
        self.id = id
        self.login = login
        self.name = name
        self.role = role
        self.partnerID = partnerID
        self.hasPassword = hasPassword
        self.disabled = disabled
        self.passwordChangedAt = passwordChangedAt
        self.email = email
    }

    public var viewer: Viewer { Viewer(userID: id, name: name, role: role, partnerID: partnerID) }

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case invalidLogin
        case emptyName
        case partnerRoleNeedsPartner
        case vendorRoleHasNoPartner

        public var description: String {
            switch self {
            case .invalidLogin: "A sign-in name has 3–100 characters and no spaces."
            case .emptyName: "A user needs a name."
            case .partnerRoleNeedsPartner: "A partner admin or member belongs to exactly one partner: name it."
            case .vendorRoleHasNoPartner: "Vendor staff do not belong to a partner."
            }
        }
    }

    /// Checks what an admin typed for a new user.
    public static func validate(login: String, name: String, role: Role, partnerID: UUID?) throws(Problem) -> String {
        guard let normalized = LoginName.normalized(login) else { throw .invalidLogin }
        guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .emptyName }
        if role.side == .partner && partnerID == nil { throw .partnerRoleNeedsPartner }
        if role.side == .vendor && partnerID != nil { throw .vendorRoleHasNoPartner }
        return normalized
    }
}

/// A token an integration uses for the API, scoped to a role (and a partner for partner roles).
public struct APIToken: Hashable, Codable, Sendable, Identifiable {
    public let id: UUID
    public let name: String
    public let role: Role
    public let partnerID: UUID?
    public let createdBy: String
    public let createdAt: Date
    public let revokedAt: Date?
    public let lastUsedAt: Date?

    public init(
        id: UUID, name: String, role: Role, partnerID: UUID?, createdBy: String, createdAt: Date, revokedAt: Date?,
        lastUsedAt: Date?
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.partnerID = partnerID
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }

    public var isRevoked: Bool { revokedAt != nil }

    /// A token acts as a viewer named after it; a channel-manager token's name is the portfolio it acts for.
    public var viewer: Viewer { Viewer(userID: id, name: "token \(name)", role: role, partnerID: partnerID, portfolio: name) }
}
