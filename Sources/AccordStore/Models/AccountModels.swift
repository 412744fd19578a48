import AccordCore
import FluentKit
import Foundation

final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "login") var login: String
    @Field(key: "name") var name: String
    @Field(key: "role") var role: String
    @OptionalField(key: "partner_id") var partnerID: UUID?
    @OptionalField(key: "password_hash") var passwordHash: String?
    @Field(key: "disabled") var disabled: Bool
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "password_changed_at") var passwordChangedAt: Date?
    @OptionalField(key: "email") var email: String?

    init() {}

    func core() throws -> User {
        guard let role = Role(rawValue: role) else { throw StoreError.corrupt("user \(login)") }
        return User(
            id: try requireID(), login: login, name: name, role: role, partnerID: partnerID,
            hasPassword: passwordHash != nil, disabled: disabled, passwordChangedAt: passwordChangedAt,
            email: try email.map { text throws in
                do { return try EmailAddress(text) } catch { throw StoreError.corrupt("user \(login)'s e-mail address") }
            })
    }
}

final class PasswordLinkModel: Model, @unchecked Sendable {
    static let schema = "password_links"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "purpose") var purpose: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}
}

final class APITokenModel: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "role") var role: String
    @OptionalField(key: "partner_id") var partnerID: UUID?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?

    init() {}

    func core() throws -> APIToken {
        guard let role = Role(rawValue: role) else { throw StoreError.corrupt("token \(name)") }
        return APIToken(
            id: try requireID(), name: name, role: role, partnerID: partnerID, createdBy: createdBy, createdAt: createdAt,
            revokedAt: revokedAt, lastUsedAt: lastUsedAt)
    }
}
