import FluentKit

struct CreateUsers: AsyncMigration {
    var name: String { "CreateUsers" }

    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("login", .string, .required)
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("partner_id", .uuid, .references("partners", "id", onDelete: .cascade))
            .field("password_hash", .string)
            .field("disabled", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("password_changed_at", .datetime)
            .unique(on: "login")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("users").delete() }
}

/// One-time links to set a password (invitation or reset); only a hash of the token is kept.
struct CreatePasswordLinks: AsyncMigration {
    var name: String { "CreatePasswordLinks" }

    func prepare(on database: any Database) async throws {
        try await database.schema("password_links")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("purpose", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("password_links").delete() }
}

/// API tokens for integrations: hashed at rest, scoped to a role (and a partner for partner roles), revocable.
struct CreateAPITokens: AsyncMigration {
    var name: String { "CreateAPITokens" }

    func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens")
            .id()
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("role", .string, .required)
            .field("partner_id", .uuid, .references("partners", "id", onDelete: .cascade))
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .field("last_used_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("api_tokens").delete() }
}

/// Failed sign-ins, counted per account and per address across every instance sharing the database.
struct CreateLoginFailures: AsyncMigration {
    var name: String { "CreateLoginFailures" }

    func prepare(on database: any Database) async throws {
        try await database.schema("login_failures")
            .id()
            .field("key", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await database.sqlIndex("login_failures_key_at", on: "login_failures", columns: ["key", "at"])
    }

    func revert(on database: any Database) async throws { try await database.schema("login_failures").delete() }
}

/// Sign-in attempts per account and per address, counted atomically: failures and checks in flight within a window
/// (see `AccordStore.reserveSignInCheck`). Replaces the list of failures, which concurrent attempts all read before
/// any of them was written.
struct CreateSignInAttempts: AsyncMigration {
    var name: String { "CreateSignInAttempts" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sign_in_attempts")
            .field("key", .string, .identifier(auto: false))
            .field("window_start", .double, .required)
            .field("failures", .int, .required)
            .field("pending", .int, .required)
            .create()
        try await database.schema("login_failures").delete()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sign_in_attempts").delete()
        try await CreateLoginFailures().prepare(on: database)
    }
}
