import AccordCore
import FluentKit
import Foundation
import SQLKit

/// The side a proposal waits for, kept with its standing so that inboxes find what waits for a side in SQL.
struct UpdateGoalStandingsAddAwaitingSide: AsyncMigration {
    var name: String { "UpdateGoalStandingsAddAwaitingSide" }

    func prepare(on database: any Database) async throws {
        try await database.schema("goal_standings").field("awaiting_side", .string).update()
        try await database.sqlIndex(
            "goal_standings_awaiting", on: "goal_standings", columns: ["program_id", "awaiting_side", "lapses_at"])
        guard let sql = database as? any SQLDatabase else { return }
        // `Goal.awaitingSide` for the stored proposals: the vendor's answer is awaited unless a vendor user accepted the
        // current revision. New standings are written by Core's rule; `check-scorecard` compares the two.
        let vendorRoles = Role.allCases.filter { $0.side == .vendor }.map(\.rawValue)
        try await sql.raw(
            """
            UPDATE goal_standings SET awaiting_side = CASE WHEN EXISTS (
              SELECT 1 FROM goal_acceptances a WHERE a.goal_id = goal_standings.goal_id AND a.actor_role IN (\(binds: vendorRoles))
              AND a.revision = (SELECT MAX(r.number) FROM goal_revisions r WHERE r.goal_id = goal_standings.goal_id)
            ) THEN 'partner' ELSE 'vendor' END
            WHERE goal_status = 'proposed'
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("goal_standings").deleteField("awaiting_side").update()
    }
}

/// Review action items by owner and due day, so an inbox lists what a person owns without reading every review.
/// Kept from the review's record on each save of the review (the record stays the source).
struct CreateActionItems: AsyncMigration {
    var name: String { "CreateActionItems" }

    func prepare(on database: any Database) async throws {
        try await database.schema("action_items")
            .field("id", .uuid, .identifier(auto: false))
            .field("review_id", .uuid, .required, .references("reviews", "id", onDelete: .cascade))
            .field("partner_id", .uuid, .required, .references("partners", "id", onDelete: .cascade))
            .field("side", .string, .required)
            .field("owner", .string, .required)
            .field("title", .string, .required)
            .field("due_day", .int32, .required)
            .field("status", .string, .required)
            .create()
        try await database.sqlIndex("action_items_owner", on: "action_items", columns: ["owner", "side", "status", "due_day"])
        try await database.sqlIndex("action_items_partner", on: "action_items", columns: ["partner_id", "status", "due_day"])
        try await database.sqlIndex("action_items_review", on: "action_items", columns: ["review_id"])
        guard let sql = database as? any SQLDatabase else { return }
        for row in try await sql.raw("SELECT record FROM reviews").all() {
            let review = try AccordStore.planDecoder.decode(Review.self, from: Data(try row.decode(column: "record", as: String.self).utf8))
            try await AccordStore.writeActionItems(of: review, on: sql)
        }
    }

    func revert(on database: any Database) async throws { try await database.schema("action_items").delete() }
}
