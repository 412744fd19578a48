import FluentKit

/// Motivation and insight (DOMAIN §7, §8, §9, §12): goal benefits, the benefits ledger, level recommendations,
/// segment history and the vendor's top-down plan.
struct CreateMotivation: AsyncMigration {
    var name: String { "CreateMotivation" }

    func prepare(on database: any Database) async throws {
        try await database.schema("goal_benefits")
            .id()
            .field("goal_id", .uuid, .required, .references("goals", "id", onDelete: .cascade))
            .field("rewards", .string, .required)
            .field("consequences", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "goal_id")
            .create()
        // One line per goal and benefit kind: a goal closes once, so a ledger line is never written twice.
        try await database.schema("benefit_ledger")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("partner_id", .uuid, .required, .references("partners", "id", onDelete: .cascade))
            .field("goal_id", .uuid, .required, .references("goals", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("amount", .int64, .required)
            .field("on_day", .int32, .required)
            .field("detail", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "goal_id", "kind")
            .create()
        try await database.sqlIndex("benefit_ledger_partner", on: "benefit_ledger", columns: ["partner_id", "on_day"])
        try await database.schema("tier_recommendations")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("partner_id", .uuid, .required, .references("partners", "id", onDelete: .cascade))
            .field("as_of", .int32, .required)
            .field("kind", .string, .required)
            .field("from_tier", .string, .required)
            .field("to_tier", .string, .required)
            .field("reason", .string, .required)
            .field("status", .string, .required)
            .field("decided_by", .string)
            .field("decided_at", .datetime)
            .unique(on: "partner_id", "as_of")
            .create()
        try await database.schema("segment_snapshots")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("partner_id", .uuid, .required, .references("partners", "id", onDelete: .cascade))
            .field("period_start", .int32, .required)
            .field("period_label", .string, .required)
            .field("commitment", .double, .required)
            .field("performance", .double, .required)
            .field("segment", .string, .required)
            .unique(on: "partner_id", "period_label")
            .create()
        try await database.schema("topdown_plans")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("period_label", .string, .required)
            .field("amount", .int64, .required)
            .field("set_by", .string, .required)
            .field("set_at", .datetime, .required)
            .unique(on: "program_id", "period_label")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["topdown_plans", "segment_snapshots", "tier_recommendations", "benefit_ledger", "goal_benefits"] {
            try await database.schema(table).delete()
        }
    }
}
