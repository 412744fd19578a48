import FluentKit
import SQLKit

/// Goals count their saves, so that a save made from an older copy is refused as a conflict (two answers at once).
struct UpdateGoalsAddVersion: AsyncMigration {
    var name: String { "UpdateGoalsAddVersion" }

    func prepare(on database: any Database) async throws {
        try await database.schema("goals").field("version", .int, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("goals").deleteField("version").update()
    }
}

/// Carried-forward goals were recorded as accepted, on the close day, by the people who had agreed the missed goal —
/// which they never did (DOMAIN §5.3: the carry-forward is agreed by the rule). Those acceptances are removed; the
/// agreement the carried goal rests on stays on the goal it continues.
struct UpdateGoalAcceptancesRemoveCarryForward: AsyncMigration {
    var name: String { "UpdateGoalAcceptancesRemoveCarryForward" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw(
            """
            DELETE FROM goal_acceptances WHERE EXISTS (
                SELECT 1 FROM goal_revisions r WHERE r.goal_id = goal_acceptances.goal_id
                AND r.number = goal_acceptances.revision AND r.origin = 'carry_forward')
            """
        ).run()
    }

    /// The removed records were never true; nothing is put back.
    func revert(on database: any Database) async throws {}
}

/// A goal's conversation (DOMAIN §5.2): comments in the order written, each on the revision it speaks to.
struct CreateGoalComments: AsyncMigration {
    var name: String { "CreateGoalComments" }

    func prepare(on database: any Database) async throws {
        try await database.schema("goal_comments")
            .id()
            .field("goal_id", .uuid, .required, .references("goals", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("revision", .int, .required)
            .field("author_name", .string, .required)
            .field("author_role", .string, .required)
            .field("at", .datetime, .required)
            .field("text", .string, .required)
            .unique(on: "goal_id", "position")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("goal_comments").delete() }
}
