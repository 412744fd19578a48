import FluentKit

/// Every migration in order. Names are stable: a deployed database records them.
public enum AccordMigrations {
    public static let all: [any Migration] = [
        CreatePrograms(),
        CreateMetrics(),
        CreatePartners(),
        CreateCapacityProfiles(),
        CreateStageChanges(),
        CreateGoals(),
        CreateGoalRevisions(),
        CreateGoalAcceptances(),
        CreateGoalOverrides(),
        CreateSalesLines(),
        CreateActivityRecords(),
        CreateAuditEntries(),
        CreateUsers(),
        CreatePasswordLinks(),
        CreateAPITokens(),
        CreateLoginFailures(),
        CreateJointPlans(),
        CreateReviews(),
        UpdateGoalsAddObjectiveID(),
        CreateMotivation(),
        UpdateFactsAddImportRun(),
        CreateFactRollups(),
        UpdateActivityRecordsUniquePerPartner(),
        UpdateGoalsAddVersion(),
        UpdateGoalAcceptancesRemoveCarryForward(),
        CreateSignInAttempts(),
        UpdateJointPlansAddVersion(),
        CreateGoalStandings(),
        UpdateReviewsAddFlaggedFrom(),
        UpdateFactDayRollupsCoveringIndex(),
        CreateGoalComments(),
        UpdateGoalStandingsAddAwaitingSide(),
        CreateActionItems(),
        UpdateUsersAddEmail(),
        CreateOutbox(),
        CreateDigestRuns(),
        CreatePlanComments(),
        UpdateActionItemsAddDueIndex(),
    ]
}

struct CreatePrograms: AsyncMigration {
    var name: String { "CreatePrograms" }

    func prepare(on database: any Database) async throws {
        try await database.schema("programs")
            .id()
            .field("name", .string, .required)
            .field("currency", .string, .required)
            .field("fiscal_start_month", .int, .required)
            .field("settings", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("programs").delete() }
}

struct CreateMetrics: AsyncMigration {
    var name: String { "CreateMetrics" }

    func prepare(on database: any Database) async throws {
        try await database.schema("metrics")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("key", .string, .required)
            .field("name", .string, .required)
            .field("unit", .string, .required)
            .field("aggregation", .string, .required)
            .field("direction", .string, .required)
            .field("category", .string, .required)
            .field("source", .string, .required)
            .field("summary", .string, .required)
            .unique(on: "program_id", "key")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("metrics").delete() }
}

struct CreatePartners: AsyncMigration {
    var name: String { "CreatePartners" }

    func prepare(on database: any Database) async throws {
        try await database.schema("partners")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("external_key", .string, .required)
            .field("business_model", .string, .required)
            .field("region", .string, .required)
            .field("channel_manager", .string, .required)
            .field("fiscal_start_month", .int, .required)
            .field("tier", .string, .required)
            .field("stage", .string, .required)
            .field("show_on_recognition_wall", .bool, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "program_id", "external_key")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("partners").delete() }
}

struct CreateCapacityProfiles: AsyncMigration {
    var name: String { "CreateCapacityProfiles" }

    func prepare(on database: any Database) async throws {
        try await database.schema("capacity_profiles")
            .id()
            .field("partner_id", .uuid, .required, .references("partners", "id", onDelete: .cascade))
            .field("as_of", .int32, .required)
            .field("company_revenue", .int64, .required)
            .field("vendor_revenue_ttm", .int64, .required)
            .field("engineers", .int, .required)
            .field("certified_engineers", .int, .required)
            .field("recorded_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("capacity_profiles").delete() }
}

struct CreateStageChanges: AsyncMigration {
    var name: String { "CreateStageChanges" }

    func prepare(on database: any Database) async throws {
        try await database.schema("stage_changes")
            .id()
            .field("partner_id", .uuid, .required, .references("partners", "id", onDelete: .cascade))
            .field("from_stage", .string, .required)
            .field("to_stage", .string, .required)
            .field("on_day", .int32, .required)
            .field("by", .string, .required)
            .field("reason", .string, .required)
            .field("recorded_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("stage_changes").delete() }
}

struct CreateGoals: AsyncMigration {
    var name: String { "CreateGoals" }

    func prepare(on database: any Database) async throws {
        try await database.schema("goals")
            .id()
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("partner_id", .uuid, .required, .references("partners", "id", onDelete: .cascade))
            .field("fiscal_start_month", .int, .required)
            .field("period_kind", .string, .required)
            .field("fiscal_year", .int, .required)
            .field("period_index", .int, .required)
            .field("period_start", .int32, .required)
            .field("period_end", .int32, .required)
            .field("metric_key", .string, .required)
            .field("owner_side", .string, .required)
            .field("baseline_value", .int64)
            .field("baseline_source", .string)
            .field("status", .string, .required)
            .field("carried_from", .uuid)
            .field("closing_actual", .int64)
            .field("decline_actor", .string)
            .field("decline_role", .string)
            .field("decline_reason", .string)
            .field("declined_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.sqlIndex("goals_partner_period", on: "goals", columns: ["partner_id", "period_start"])
        try await database.sqlIndex("goals_program_status", on: "goals", columns: ["program_id", "status"])
    }

    func revert(on database: any Database) async throws { try await database.schema("goals").delete() }
}

struct CreateGoalRevisions: AsyncMigration {
    var name: String { "CreateGoalRevisions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("goal_revisions")
            .id()
            .field("goal_id", .uuid, .required, .references("goals", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("target", .int64, .required)
            .field("behaviour", .string, .required)
            .field("objective", .string)
            .field("author_name", .string, .required)
            .field("author_role", .string, .required)
            .field("at", .datetime, .required)
            .field("origin", .string, .required)
            .unique(on: "goal_id", "number")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("goal_revisions").delete() }
}

struct CreateGoalAcceptances: AsyncMigration {
    var name: String { "CreateGoalAcceptances" }

    func prepare(on database: any Database) async throws {
        try await database.schema("goal_acceptances")
            .id()
            .field("goal_id", .uuid, .required, .references("goals", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("revision", .int, .required)
            .field("actor_name", .string, .required)
            .field("actor_role", .string, .required)
            .field("at", .datetime, .required)
            .unique(on: "goal_id", "position")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("goal_acceptances").delete() }
}

struct CreateGoalOverrides: AsyncMigration {
    var name: String { "CreateGoalOverrides" }

    func prepare(on database: any Database) async throws {
        try await database.schema("goal_overrides")
            .id()
            .field("goal_id", .uuid, .required, .references("goals", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("from_target", .int64, .required)
            .field("to_target", .int64, .required)
            .field("reason", .string, .required)
            .field("actor_name", .string, .required)
            .field("actor_role", .string, .required)
            .field("at", .datetime, .required)
            .unique(on: "goal_id", "position")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("goal_overrides").delete() }
}

/// Facts are keyed by (program, fact id): importing the same id again changes nothing (DOMAIN §4).
struct CreateSalesLines: AsyncMigration {
    var name: String { "CreateSalesLines" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sales_lines")
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("fact_id", .string, .required)
            .field("partner_id", .uuid, .required, .references("partners", "id", onDelete: .cascade))
            .field("day", .int32, .required)
            .field("amount", .int64, .required)
            .field("solution", .string, .required)
            .field("customer", .string, .required)
            .field("region", .string, .required)
            .unique(on: "program_id", "fact_id")
            .create()
        try await database.sqlIndex("sales_partner_day", on: "sales_lines", columns: ["partner_id", "day"])
        try await database.sqlIndex("sales_program_day", on: "sales_lines", columns: ["program_id", "day"])
    }

    func revert(on database: any Database) async throws { try await database.schema("sales_lines").delete() }
}

struct CreateActivityRecords: AsyncMigration {
    var name: String { "CreateActivityRecords" }

    func prepare(on database: any Database) async throws {
        try await database.schema("activity_records")
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("fact_id", .string, .required)
            .field("partner_id", .uuid, .required, .references("partners", "id", onDelete: .cascade))
            .field("day", .int32, .required)
            .field("metric_key", .string, .required)
            .field("value", .int64, .required)
            .field("subject", .string, .required)
            .unique(on: "program_id", "fact_id")
            .create()
        try await database.sqlIndex(
            "activity_partner_metric_day", on: "activity_records", columns: ["partner_id", "metric_key", "day"])
        try await database.sqlIndex(
            "activity_program_metric_day", on: "activity_records", columns: ["program_id", "metric_key", "day"])
    }

    func revert(on database: any Database) async throws { try await database.schema("activity_records").delete() }
}

/// Append-only: the store offers no update or delete of audit entries (DOMAIN §14).
struct CreateAuditEntries: AsyncMigration {
    var name: String { "CreateAuditEntries" }

    func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries")
            .field("id", .int64, .identifier(auto: true))
            .field("at", .datetime, .required)
            .field("actor_name", .string, .required)
            .field("actor_role", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .string, .required)
            .field("action", .string, .required)
            .field("before", .string)
            .field("after", .string)
            .field("reason", .string)
            .create()
        try await database.sqlIndex("audit_at", on: "audit_entries", columns: ["at"])
        try await database.sqlIndex("audit_entity", on: "audit_entries", columns: ["entity", "entity_id"])
    }

    func revert(on database: any Database) async throws { try await database.schema("audit_entries").delete() }
}
