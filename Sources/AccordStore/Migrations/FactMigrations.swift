import FluentKit
import SQLKit

/// Activity ids are unique per partner, not per program (each partner's systems make their own ids, and whether an
/// id is taken must say nothing about another partner): the unique key becomes (program, partner, fact id).
struct UpdateActivityRecordsUniquePerPartner: AsyncMigration {
    var name: String { "UpdateActivityRecordsUniquePerPartner" }

    static let columns = "program_id, fact_id, partner_id, day, metric_key, value, subject, import_run, import_line"

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            // The table has one unique constraint, the old key; its generated name is looked up, not guessed.
            let rows = try await sql.raw(
                "SELECT conname FROM pg_constraint WHERE conrelid = 'activity_records'::regclass AND contype = 'u'"
            ).all()
            for row in rows {
                let name = try row.decode(column: "conname", as: String.self)
                try await sql.raw("ALTER TABLE activity_records DROP CONSTRAINT \(ident: name)").run()
            }
            try await sql.raw(
                "ALTER TABLE activity_records ADD CONSTRAINT activity_records_partner_fact UNIQUE (program_id, partner_id, fact_id)"
            ).run()
            return
        }
        try await Self.rebuildOnSQLite(database, uniqueOn: ["program_id", "partner_id", "fact_id"])
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        guard sql.dialect.name == "postgresql" else {
            try await Self.rebuildOnSQLite(database, uniqueOn: ["program_id", "fact_id"])
            return
        }
        try await sql.raw("ALTER TABLE activity_records DROP CONSTRAINT activity_records_partner_fact").run()
        try await sql.raw("ALTER TABLE activity_records ADD UNIQUE (program_id, fact_id)").run()
    }

    /// SQLite cannot drop a table constraint: the table is rebuilt under another key, rows and indexes as they were.
    static func rebuildOnSQLite(_ database: any Database, uniqueOn key: [FieldKey]) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await database.schema("activity_records_rekeyed")
            .field("program_id", .uuid, .required, .references("programs", "id", onDelete: .cascade))
            .field("fact_id", .string, .required)
            .field("partner_id", .uuid, .required, .references("partners", "id", onDelete: .cascade))
            .field("day", .int32, .required)
            .field("metric_key", .string, .required)
            .field("value", .int64, .required)
            .field("subject", .string, .required)
            .field("import_run", .int64)
            .field("import_line", .int32)
            .constraint(.constraint(.unique(fields: key.map { .key($0) }), name: nil))
            .create()
        try await sql.raw(
            "INSERT INTO activity_records_rekeyed (\(unsafeRaw: columns)) SELECT \(unsafeRaw: columns) FROM activity_records"
        ).run()
        try await sql.raw("DROP TABLE activity_records").run()
        try await sql.raw("ALTER TABLE activity_records_rekeyed RENAME TO activity_records").run()
        try await database.sqlIndex(
            "activity_partner_metric_day", on: "activity_records", columns: ["partner_id", "metric_key", "day"])
        try await database.sqlIndex(
            "activity_program_metric_day", on: "activity_records", columns: ["program_id", "metric_key", "day"])
    }
}
