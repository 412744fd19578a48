import FluentKit

/// Joint business plans (DOMAIN §10): the plan, its immutable revisions and the acceptances of each side.
struct CreateJointPlans: AsyncMigration {
    var name: String { "CreateJointPlans" }

    func prepare(on database: any Database) async throws {
        try await database.schema("joint_plans")
            .id()
            .field("partner_id", .uuid, .required, .references("partners", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("agreed_revision", .int)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.sqlIndex("joint_plans_partner", on: "joint_plans", columns: ["partner_id"])
        try await database.schema("plan_revisions")
            .id()
            .field("plan_id", .uuid, .required, .references("joint_plans", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("content", .string, .required)
            .field("author_name", .string, .required)
            .field("author_role", .string, .required)
            .field("at", .datetime, .required)
            .unique(on: "plan_id", "number")
            .create()
        try await database.schema("plan_acceptances")
            .id()
            .field("plan_id", .uuid, .required, .references("joint_plans", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("revision", .int, .required)
            .field("actor_name", .string, .required)
            .field("actor_role", .string, .required)
            .field("at", .datetime, .required)
            .unique(on: "plan_id", "position")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("plan_acceptances").delete()
        try await database.schema("plan_revisions").delete()
        try await database.schema("joint_plans").delete()
    }
}

/// Goals remember the plan objective they serve (DOMAIN §10).
struct UpdateGoalsAddObjectiveID: AsyncMigration {
    var name: String { "UpdateGoalsAddObjectiveID" }

    func prepare(on database: any Database) async throws {
        try await database.schema("goals").field("objective_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("goals").deleteField("objective_id").update()
    }
}

/// Reviews (DOMAIN §11), one per partner and reviewed period; the snapshot is stored as it was seen.
struct CreateReviews: AsyncMigration {
    var name: String { "CreateReviews" }

    func prepare(on database: any Database) async throws {
        try await database.schema("reviews")
            .id()
            .field("partner_id", .uuid, .required, .references("partners", "id", onDelete: .cascade))
            .field("fiscal_start_month", .int, .required)
            .field("period_kind", .string, .required)
            .field("fiscal_year", .int, .required)
            .field("period_index", .int, .required)
            .field("due_day", .int32, .required)
            .field("record", .string, .required)
            .field("held_on", .int32)
            .field("created_at", .datetime, .required)
            .unique(on: "partner_id", "period_kind", "fiscal_year", "period_index")
            .create()
        try await database.sqlIndex("reviews_due", on: "reviews", columns: ["due_day"])
    }

    func revert(on database: any Database) async throws { try await database.schema("reviews").delete() }
}

/// Plans count their saves, so that a save made from an older copy is refused as a conflict (two answers at once).
struct UpdateJointPlansAddVersion: AsyncMigration {
    var name: String { "UpdateJointPlansAddVersion" }

    func prepare(on database: any Database) async throws {
        try await database.schema("joint_plans").field("version", .int, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("joint_plans").deleteField("version").update()
    }
}

/// The conversation of a joint plan (issue 19): each comment on the revision it answers, never rewritten.
struct CreatePlanComments: AsyncMigration {
    var name: String { "CreatePlanComments" }

    func prepare(on database: any Database) async throws {
        try await database.schema("plan_comments")
            .id()
            .field("plan_id", .uuid, .required, .references("joint_plans", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("revision", .int, .required)
            .field("author_name", .string, .required)
            .field("author_role", .string, .required)
            .field("at", .datetime, .required)
            .field("text", .string, .required)
            .unique(on: "plan_id", "position")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("plan_comments").delete() }
}
