import AccordCore
import FluentKit
import Foundation
import SQLKit

/// Goal progress as maintained data (ARCHITECTURE, the main data path): a row per goal with the figures Core
/// computed, and per program the day they are as of. Created empty: the first refresh of a program fills it.
struct CreateGoalStandings: AsyncMigration {
    var name: String { "CreateGoalStandings" }

    func prepare(on database: any Database) async throws {
        try await database.schema("goal_standings")
            .field("goal_id", .uuid, .identifier(auto: false), .references("goals", "id", onDelete: .cascade))
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("partner_id", .uuid, .required, .references("partners", "id", onDelete: .cascade))
            .field("metric_key", .string, .required)
            .field("owner_side", .string, .required)
            .field("goal_status", .string, .required)
            .field("fiscal_start_month", .int, .required)
            .field("period_kind", .string, .required)
            .field("fiscal_year", .int, .required)
            .field("period_index", .int, .required)
            .field("period_start", .int32, .required)
            .field("period_end", .int32, .required)
            .field("quarter_start", .int32)
            .field("target", .int64, .required)
            .field("baseline", .int64)
            .field("actual", .int64)
            .field("attainment", .double)
            .field("improvement", .double)
            .field("elapsed_share", .double, .required)
            .field("expected", .double, .required)
            .field("pacing_status", .string, .required)
            .field("attention_rank", .int)
            .field("forecast", .double)
            .field("as_of", .int32, .required)
            .field("lapses_at", .datetime)
            .field("carried_forward", .bool, .required)
            .field("draft_of", .string)
            .create()
        try await database.sqlIndex("goal_standings_quarter", on: "goal_standings", columns: ["program_id", "quarter_start"])
        try await database.sqlIndex("goal_standings_partner", on: "goal_standings", columns: ["partner_id", "period_start"])
        try await database.sqlIndex("goal_standings_period_end", on: "goal_standings", columns: ["program_id", "period_end"])
        try await database.sqlIndex("goal_standings_status", on: "goal_standings", columns: ["program_id", "goal_status"])
        try await database.schema("scorecard_days")
            .field("program_id", .uuid, .identifier(auto: false), .references("programs", "id", onDelete: .cascade))
            .field("as_of", .int32, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("scorecard_days").delete()
        try await database.schema("goal_standings").delete()
    }
}

/// The first day each review is flagged (`Review.flaggedFrom`), so lists count overdue reviews in SQL.
struct UpdateReviewsAddFlaggedFrom: AsyncMigration {
    var name: String { "UpdateReviewsAddFlaggedFrom" }

    func prepare(on database: any Database) async throws {
        try await database.schema("reviews").field("flagged_from", .int32).update()
        try await database.sqlIndex("reviews_partner_flagged", on: "reviews", columns: ["partner_id", "flagged_from"])
        guard let sql = database as? any SQLDatabase else { return }
        for row in try await sql.raw("SELECT id, record FROM reviews").all() {
            let review = try AccordStore.planDecoder.decode(Review.self, from: Data(try row.decode(column: "record", as: String.self).utf8))
            try await sql.raw(
                "UPDATE reviews SET flagged_from = \(bind: review.flaggedFrom().map { Int32($0.number) }) WHERE id = \(bind: review.id)"
            ).run()
        }
    }

    func revert(on database: any Database) async throws { try await database.schema("reviews").deleteField("flagged_from").update() }
}
