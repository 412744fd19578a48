import AccordCore
import Foundation
import SQLKit

/// Summaries of the facts that scorecards, pacing, the overview and period close read instead of raw facts
/// (DOMAIN §4, §6). They are written in the same transaction as the facts they summarise.
///
/// The grain is partner × source × day: goal periods follow each partner's own fiscal calendar, pacing looks
/// at "period start to today" and the segments compare "the same days a year earlier", so any coarser grain
/// would have to fall back to raw facts at the edges. Three tables:
/// - `fact_day_rollups`: per day, the sum and count of values (sums, averages) and the day's last reading
///   (level metrics: the reading with the greatest fact id, compared byte by byte on both databases);
/// - `fact_first_seen`: the first day each customer bought from a partner, and each activity subject was
///   recorded (new customers, the enablement checklist);
/// - `fact_subject_days`: the days each activity subject was recorded (distinct counts within a period).
///
/// A source is the activity metric key, or `$sales` (amounts) and `$customer` (first purchases) for sales.
struct FactRollups {
    let sql: any SQLDatabase

    static let salesSource = "$sales"
    static let customerSource = "$customer"
    static let tables = ["fact_day_rollups", "fact_first_seen", "fact_subject_days"]

    // MARK: keeping them up to date

    /// What newly inserted facts add to the rollups.
    struct Delta {
        struct DayKey: Hashable {
            let partnerID: UUID
            let source: String
            let day: Int32
        }

        struct SubjectKey: Hashable {
            let partnerID: UUID
            let source: String
            let subject: String
        }

        struct SubjectDay: Hashable {
            let subject: SubjectKey
            let day: Int32
        }

        var days: [DayKey: DayFigures] = [:]
        /// The first line of the import that added to each day, to name it when the day's total is refused.
        var firstLines: [DayKey: Int] = [:]
        var firstSeen: [SubjectKey: Int32] = [:]
        var subjectDays: Set<SubjectDay> = []

        mutating func add(partnerID: UUID, source: String, day: Int32, value: Int64, latestFactID: String?, line: Int) throws(RowError) {
            let key = DayKey(partnerID: partnerID, source: source, day: day)
            var figures = days[key] ?? DayFigures()
            do { try figures.add(value, factID: latestFactID) } catch { throw RowError(line: line, reason: error.description) }
            days[key] = figures
            if firstLines[key] == nil { firstLines[key] = line }
        }

        mutating func see(partnerID: UUID, source: String, subject: String, day: Int32, keepDays: Bool) {
            let key = SubjectKey(partnerID: partnerID, source: source, subject: subject)
            firstSeen[key] = min(firstSeen[key] ?? day, day)
            if keepDays { subjectDays.insert(SubjectDay(subject: key, day: day)) }
        }
    }

    /// Rows per upsert statement: well under both databases' bind limits.
    static let batchSize = 1_000

    /// Adds a delta to the stored rollups; a day whose stored and new facts together would pass
    /// `FigureLimits.largestDayTotal` is refused with the first line that added to it (the caller's transaction
    /// then leaves everything as it was).
    func apply(_ delta: Delta, programID: UUID) async throws {
        let later = laterFactID("excluded.latest_fact_id", than: "fact_day_rollups.latest_fact_id")
        let takesLatest = "excluded.latest_fact_id IS NOT NULL AND (fact_day_rollups.latest_fact_id IS NULL OR \(later))"
        for batch in Array(delta.days).chunked(Self.batchSize) {
            let insert = sql.insert(into: "fact_day_rollups")
                .columns("program_id", "partner_id", "source", "day", "total", "records", "latest_fact_id", "latest_value")
            for (key, figures) in batch {
                insert.values([
                    SQLBind(programID), SQLBind(key.partnerID), SQLBind(key.source), SQLBind(key.day), SQLBind(figures.total),
                    SQLBind(figures.records), SQLBind(figures.latestFactID), SQLBind(figures.latestValue),
                ])
            }
            // Both sides are at most 2^53, so the sum cannot overflow in SQL; the bound is checked on what comes back.
            let written = try await insert.onConflict(with: ["program_id", "partner_id", "source", "day"]) {
                $0.set(SQLColumn("total"), to: SQLRaw("fact_day_rollups.total + excluded.total"))
                    .set(SQLColumn("records"), to: SQLRaw("fact_day_rollups.records + excluded.records"))
                    .set(
                        SQLColumn("latest_value"),
                        to: SQLRaw("CASE WHEN \(takesLatest) THEN excluded.latest_value ELSE fact_day_rollups.latest_value END")
                    )
                    .set(
                        SQLColumn("latest_fact_id"),
                        to: SQLRaw("CASE WHEN \(takesLatest) THEN excluded.latest_fact_id ELSE fact_day_rollups.latest_fact_id END"))
            }.returning("partner_id", "source", "day", "total").all()
            for row in written {
                let total = try row.decode(column: "total", as: Int64.self)
                guard total > FigureLimits.largestDayTotal else { continue }
                let key = Delta.DayKey(
                    partnerID: try row.decode(column: "partner_id", as: UUID.self),
                    source: try row.decode(column: "source", as: String.self),
                    day: try row.decode(column: "day", as: Int32.self))
                throw RowError(line: delta.firstLines[key] ?? 0, reason: DayTotalError.tooLarge.description)
            }
        }
        for batch in Array(delta.firstSeen).chunked(Self.batchSize) {
            let insert = sql.insert(into: "fact_first_seen").columns("program_id", "partner_id", "source", "subject", "first_day")
            for (key, day) in batch {
                insert.values([SQLBind(programID), SQLBind(key.partnerID), SQLBind(key.source), SQLBind(key.subject), SQLBind(day)])
            }
            // Most subjects are seen again later (a customer buys again): only an earlier day is written, since a
            // row rewritten with the same value is a new row version in PostgreSQL, kept until the import commits.
            try await insert.onConflict(with: ["program_id", "partner_id", "source", "subject"]) {
                $0.set(SQLColumn("first_day"), to: SQLColumn("first_day", table: "excluded"))
                    .where(SQLColumn("first_day", table: "excluded"), .lessThan, SQLColumn("first_day", table: "fact_first_seen"))
            }.run()
        }
        for batch in Array(delta.subjectDays).chunked(Self.batchSize) {
            let insert = sql.insert(into: "fact_subject_days").columns("program_id", "partner_id", "source", "subject", "day")
            for entry in batch {
                insert.values([
                    SQLBind(programID), SQLBind(entry.subject.partnerID), SQLBind(entry.subject.source),
                    SQLBind(entry.subject.subject), SQLBind(entry.day),
                ])
            }
            try await insert.ignoringConflicts(with: ["program_id", "partner_id", "source", "day", "subject"]).run()
        }
    }

    // MARK: recomputing from facts

    /// The rollups as they should be, computed from raw facts; one SELECT per table, same columns as the table.
    func expected(_ table: String, programID: UUID?) -> SQLQueryString {
        let sales: SQLQueryString = programID.map { "WHERE program_id = \(bind: $0)" } ?? "WHERE 1 = 1"
        let activities: SQLQueryString = programID.map { "WHERE program_id = \(bind: $0)" } ?? "WHERE 1 = 1"
        switch table {
        case "fact_day_rollups":
            return """
                SELECT program_id, partner_id, CAST('\(unsafeRaw: Self.salesSource)' AS TEXT) AS source, day,
                    CAST(SUM(amount) AS BIGINT) AS total, CAST(COUNT(*) AS BIGINT) AS records,
                    CAST(NULL AS TEXT) AS latest_fact_id, CAST(NULL AS BIGINT) AS latest_value
                FROM sales_lines \(sales) GROUP BY program_id, partner_id, day
                UNION ALL
                SELECT program_id, partner_id, source, day, total, records, latest_fact_id, latest_value FROM (
                    SELECT program_id, partner_id, CAST(metric_key AS TEXT) AS source, day,
                        CAST(SUM(value) OVER (PARTITION BY program_id, partner_id, metric_key, day) AS BIGINT) AS total,
                        CAST(COUNT(*) OVER (PARTITION BY program_id, partner_id, metric_key, day) AS BIGINT) AS records,
                        CAST(fact_id AS TEXT) AS latest_fact_id, value AS latest_value,
                        ROW_NUMBER() OVER (PARTITION BY program_id, partner_id, metric_key, day
                            ORDER BY \(bytewise("fact_id")) DESC) AS rn
                    FROM activity_records \(activities)
                ) ranked WHERE rn = 1
                """
        case "fact_first_seen":
            return """
                SELECT program_id, partner_id, CAST('\(unsafeRaw: Self.customerSource)' AS TEXT) AS source,
                    CAST(customer AS TEXT) AS subject, MIN(day) AS first_day
                FROM sales_lines \(sales) GROUP BY program_id, partner_id, customer
                UNION ALL
                SELECT program_id, partner_id, CAST(metric_key AS TEXT) AS source, CAST(subject AS TEXT) AS subject, MIN(day) AS first_day
                FROM activity_records \(activities) AND subject <> '' GROUP BY program_id, partner_id, metric_key, subject
                """
        default:
            return """
                SELECT DISTINCT program_id, partner_id, CAST(metric_key AS TEXT) AS source, CAST(subject AS TEXT) AS subject, day
                FROM activity_records \(activities) AND subject <> ''
                """
        }
    }

    static let columns = [
        "fact_day_rollups": "program_id, partner_id, source, day, total, records, latest_fact_id, latest_value",
        "fact_first_seen": "program_id, partner_id, source, subject, first_day",
        "fact_subject_days": "program_id, partner_id, source, subject, day",
    ]

    /// Throws the rollups away and recomputes them from the facts (after a migration, or to repair).
    func rebuildAll(programID: UUID? = nil) async throws {
        for table in Self.tables {
            let filter: SQLQueryString = programID.map { " WHERE program_id = \(bind: $0)" } ?? ""
            try await sql.raw("DELETE FROM \(ident: table)" + filter).run()
            try await sql.raw(
                "INSERT INTO \(ident: table) (\(unsafeRaw: Self.columns[table]!)) " + expected(table, programID: programID)
            ).run()
        }
    }

    /// Rows that differ between the rollups and a recomputation from the facts: missing, extra or wrong.
    func differences(programID: UUID) async throws -> [RollupDifference] {
        var found: [RollupDifference] = []
        for table in Self.tables {
            let stored: SQLQueryString =
                "SELECT \(unsafeRaw: Self.columns[table]!) FROM \(ident: table) WHERE program_id = \(bind: programID)"
            let recomputed = expected(table, programID: programID)
            let missing = try await count("SELECT * FROM (" + recomputed + ") a EXCEPT SELECT * FROM (" + stored + ") b")
            let extra = try await count("SELECT * FROM (" + stored + ") a EXCEPT SELECT * FROM (" + recomputed + ") b")
            if missing > 0 || extra > 0 { found.append(RollupDifference(table: table, missingOrWrong: missing, extraOrWrong: extra)) }
        }
        return found
    }

    private func count(_ query: SQLQueryString) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM (" + query + ") differing").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    // MARK: the two places the dialects differ

    private var isPostgres: Bool { sql.dialect.name == "postgresql" }

    /// Byte order for fact ids, so both databases and Swift agree on "the greatest id".
    private func bytewise(_ column: String) -> SQLQueryString {
        isPostgres ? "\(ident: column) COLLATE \"C\"" : "\(ident: column)"
    }

    private func laterFactID(_ a: String, than b: String) -> String {
        isPostgres ? "\(a) COLLATE \"C\" > \(b) COLLATE \"C\"" : "\(a) > \(b)"
    }
}

/// A table whose rows differ from a recomputation: `missingOrWrong` rows of the recomputation are not stored
/// as such, `extraOrWrong` stored rows are not in the recomputation.
public struct RollupDifference: Sendable, Hashable, Codable {
    public let table: String
    public let missingOrWrong: Int
    public let extraOrWrong: Int
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
