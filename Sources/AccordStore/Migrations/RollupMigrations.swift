import FluentKit
import SQLKit

/// Which import run wrote a fact and from which line: lets one streaming import tell a duplicate id inside
/// its own file from a fact stored before, without keeping every id of the file in memory.
struct UpdateFactsAddImportRun: AsyncMigration {
    var name: String { "UpdateFactsAddImportRun" }

    func prepare(on database: any Database) async throws {
        for table in ["sales_lines", "activity_records"] {
            // One column per statement: SQLite adds one column per ALTER TABLE.
            try await database.schema(table).field("import_run", .int64).update()
            try await database.schema(table).field("import_line", .int32).update()
        }
    }

    func revert(on database: any Database) async throws {
        for table in ["sales_lines", "activity_records"] {
            try await database.schema(table).deleteField("import_run").update()
            try await database.schema(table).deleteField("import_line").update()
        }
    }
}

/// Rollups the scorecards read instead of raw facts, kept in the same transaction as the facts (see FactRollups).
struct CreateFactRollups: AsyncMigration {
    var name: String { "CreateFactRollups" }

    func prepare(on database: any Database) async throws {
        try await database.schema("fact_day_rollups")
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("partner_id", .uuid, .required, .references("partners", "id", onDelete: .cascade))
            .field("source", .string, .required)
            .field("day", .int32, .required)
            .field("total", .int64, .required)
            .field("records", .int64, .required)
            .field("latest_fact_id", .string)
            .field("latest_value", .int64)
            .unique(on: "program_id", "partner_id", "source", "day")
            .create()
        try await database.sqlIndex("fact_day_rollups_source_day", on: "fact_day_rollups", columns: ["program_id", "source", "day"])
        try await database.schema("fact_first_seen")
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("partner_id", .uuid, .required, .references("partners", "id", onDelete: .cascade))
            .field("source", .string, .required)
            .field("subject", .string, .required)
            .field("first_day", .int32, .required)
            .unique(on: "program_id", "partner_id", "source", "subject")
            .create()
        try await database.sqlIndex(
            "fact_first_seen_source_day", on: "fact_first_seen", columns: ["program_id", "source", "first_day"])
        try await database.schema("fact_subject_days")
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("partner_id", .uuid, .required, .references("partners", "id", onDelete: .cascade))
            .field("source", .string, .required)
            .field("subject", .string, .required)
            .field("day", .int32, .required)
            .unique(on: "program_id", "partner_id", "source", "day", "subject")
            .create()
        // Facts imported before rollups existed.
        try await FactRollups(sql: database as! any SQLDatabase).rebuildAll()
    }

    func revert(on database: any Database) async throws {
        for table in ["fact_subject_days", "fact_first_seen", "fact_day_rollups"] { try await database.schema(table).delete() }
    }
}

/// Program-wide actuals (segments, recognition, coverage, close, the maintained progress) read a range of days of one
/// source for every partner. The index by program, source and day found those rows but fetched each from the table at
/// random: at 2,000 partners one quarter's revenue took 1.06 s in the `sqlite3` CLI. The same index carrying the
/// partner and the figures answers from the index alone: 0.11 s (docs/PERFORMANCE.md). It replaces the old one.
struct UpdateFactDayRollupsCoveringIndex: AsyncMigration {
    var name: String { "UpdateFactDayRollupsCoveringIndex" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "fact_day_rollups_source_day").run()
        try await database.sqlIndex(
            "fact_day_rollups_range", on: "fact_day_rollups",
            columns: ["program_id", "source", "day", "partner_id", "total", "records", "latest_value"])
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: "fact_day_rollups_range").run()
        try await database.sqlIndex("fact_day_rollups_source_day", on: "fact_day_rollups", columns: ["program_id", "source", "day"])
    }
}
