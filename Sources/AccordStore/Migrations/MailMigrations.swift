import FluentKit
import SQLKit

/// Where a user's messages go (issue 19).
struct UpdateUsersAddEmail: AsyncMigration {
    var name: String { "UpdateUsersAddEmail" }

    func prepare(on database: any Database) async throws {
        try await database.schema("users").field("email", .string).update()
    }

    func revert(on database: any Database) async throws { try await database.schema("users").deleteField("email").update() }
}

/// Messages waiting for the relay, written with the change that causes them; one per event and recipient.
struct CreateOutbox: AsyncMigration {
    var name: String { "CreateOutbox" }

    func prepare(on database: any Database) async throws {
        try await database.schema("outbox")
            .field("id", .uuid, .identifier(auto: false))
            .field("event_key", .string, .required)
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("to_address", .string, .required)
            .field("kind", .string, .required)
            .field("subject", .string, .required)
            .field("text_body", .string, .required)
            .field("html_body", .string, .required)
            .field("unsubscribe_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("claimed_until", .datetime)
            .field("last_error", .string)
            .field("sent_at", .datetime)
            .unique(on: "event_key", "user_id")
            .unique(on: "unsubscribe_token")
            .create()
        try await database.sqlIndex("outbox_due", on: "outbox", columns: ["status", "next_attempt_at"])
        try await database.schema("notice_preferences")
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("delivery", .string, .required)
            .unique(on: "user_id", "kind")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("notice_preferences").delete()
        try await database.schema("outbox").delete()
    }
}

/// Held messages (for a user's digest) keep the page they link to, and each program's weekly digest is claimed
/// once per week, whichever instance or command sends it (issue 19).
struct CreateDigestRuns: AsyncMigration {
    var name: String { "CreateDigestRuns" }

    func prepare(on database: any Database) async throws {
        try await database.schema("outbox").field("path", .string).update()
        try await database.sqlIndex("outbox_held", on: "outbox", columns: ["user_id", "status"])
        try await database.schema("digest_runs")
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("week", .int32, .required)
            .field("started_at", .datetime, .required)
            .field("messages", .int, .required)
            .unique(on: "program_id", "week")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("digest_runs").delete()
        try await database.schema("outbox").deleteField("path").update()
    }
}

/// Reminders look for open action items by due day across a program (issue 19).
struct UpdateActionItemsAddDueIndex: AsyncMigration {
    var name: String { "UpdateActionItemsAddDueIndex" }

    func prepare(on database: any Database) async throws {
        try await database.sqlIndex("action_items_due", on: "action_items", columns: ["status", "due_day"])
    }

    func revert(on database: any Database) async throws {
        try await (database as? any SQLDatabase)?.raw("DROP INDEX action_items_due").run()
    }
}
