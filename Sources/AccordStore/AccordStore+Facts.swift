import AccordCore
import FluentKit
import Foundation
import SQLKit

extension AccordStore {
    /// Fact rows per INSERT statement: under SQLite's 32,766 and PostgreSQL's 65,535 binds.
    static let factBatchSize = 1_000
}

/// What an import added: facts whose id was already stored count once (DOMAIN §4).
public struct FactImportCount: Sendable, Equatable, Codable {
    public var inserted: Int
    public var alreadyPresent: Int

    public init(inserted: Int = 0, alreadyPresent: Int = 0) {
        self.inserted = inserted
        self.alreadyPresent = alreadyPresent
    }

    public static func + (lhs: Self, rhs: Self) -> Self {
        .init(inserted: lhs.inserted + rhs.inserted, alreadyPresent: lhs.alreadyPresent + rhs.alreadyPresent)
    }
}

/// One import run: marks the facts it writes, so that a streaming import can tell an id repeated inside its own
/// file (an error, with the line it first appeared on) from a fact stored before (counted once, DOMAIN §4).
public struct ImportRun: Sendable, Hashable {
    public let number: Int64

    public init(number: Int64 = .random(in: 1...Int64.max)) {
        self.number = number
    }
}

/// A validated fact on its way in: the partner resolved and the line of the file it came from.
public struct StagedFact<Fact: Sendable>: Sendable {
    public let fact: Fact
    public let partnerID: UUID
    public let line: Int

    public init(_ fact: Fact, partnerID: UUID, line: Int) {
        self.fact = fact
        self.partnerID = partnerID
        self.line = line
    }
}

/// What one batch of an import did: counts, and the rows refused as they were written — an id that came earlier
/// in the same run, or an id stored before with other details.
public struct FactAppendOutcome: Sendable {
    public var count = FactImportCount()
    public var rowProblems: [RowError] = []
    /// What the batch wrote, for the refresh of the goals it moved (`refreshStandings(touching:programID:)`).
    public var spans = FactSpans()
}

extension AccordStore {
    /// Readies the connection of an import's transaction for many writes. A file of millions of lines changes more
    /// pages than SQLite's default 2 MiB page cache holds, and the spilled pages are read back again and again; the
    /// import's connection gets a 32 MiB cache instead (docs/PERFORMANCE.md). The pooled connection keeps it after the
    /// import — one connection per event loop, so at most 32 MiB per core. PostgreSQL needs nothing.
    public func prepareForBulkWrite() async throws {
        guard sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA cache_size = -32768").run()
    }

    /// Appends sales lines whose partners are already resolved; ids already stored are skipped.
    /// Call inside `transaction` to make a whole file land or not at all.
    public func append(sales lines: [(SalesLine, UUID)], programID: UUID) async throws -> FactImportCount {
        let staged = lines.enumerated().map { StagedFact($0.element.0, partnerID: $0.element.1, line: $0.offset + 1) }
        return try await transaction { store in
            let outcome = try await store.append(sales: staged, programID: programID, run: ImportRun())
            try await store.refreshStandings(touching: outcome.spans, programID: programID)
            return outcome.count
        }
    }

    public func append(activities records: [(ActivityRecord, UUID)], programID: UUID) async throws -> FactImportCount {
        let staged = records.enumerated().map { StagedFact($0.element.0, partnerID: $0.element.1, line: $0.offset + 1) }
        return try await transaction { store in
            let outcome = try await store.append(activities: staged, programID: programID, run: ImportRun())
            try await store.refreshStandings(touching: outcome.spans, programID: programID)
            return outcome.count
        }
    }

    /// Appends one batch of an import run and updates the rollups for what was new, in one transaction.
    /// Sales line ids are unique in a program (the vendor's ERP makes them).
    public func append(sales lines: [StagedFact<SalesLine>], programID: UUID, run: ImportRun) async throws -> FactAppendOutcome {
        try await transaction { store in
            try await store.appendFacts(
                lines, table: "sales_lines", idColumn: "transaction_id", id: \.id, day: \.day, programID: programID, run: run,
                perPartner: false,
                columns: ["program_id", "fact_id", "partner_id", "day", "amount", "solution", "customer", "region"],
                values: { line in
                    [
                        SQLBind(line.fact.amount.minorUnits), SQLBind(line.fact.solution), SQLBind(line.fact.customer),
                        SQLBind(line.fact.region),
                    ]
                },
                differences: { line, row in
                    var fields: [String] = []
                    if try row.decode(column: "partner_id", as: UUID.self) != line.partnerID { fields.append("partner_key") }
                    if try row.decode(column: "day", as: Int32.self) != Int32(line.fact.day.number) { fields.append("date") }
                    if try row.decode(column: "amount", as: Int64.self) != line.fact.amount.minorUnits { fields.append("amount") }
                    if try row.decode(column: "customer", as: String.self) != line.fact.customer { fields.append("customer") }
                    if try row.decode(column: "solution", as: String.self) != line.fact.solution { fields.append("solution") }
                    if try row.decode(column: "region", as: String.self) != line.fact.region { fields.append("region") }
                    return fields
                },
                rollup: { delta, line in
                    let day = Int32(line.fact.day.number)
                    try delta.add(
                        partnerID: line.partnerID, source: FactRollups.salesSource, day: day, value: line.fact.amount.minorUnits,
                        latestFactID: nil, line: line.line)
                    delta.see(
                        partnerID: line.partnerID, source: FactRollups.customerSource, subject: line.fact.customer, day: day,
                        keepDays: false)
                })
        }
    }

    /// Activity ids are unique per partner: each partner's systems make their own, and one partner's ids say nothing
    /// about another's.
    public func append(activities records: [StagedFact<ActivityRecord>], programID: UUID, run: ImportRun) async throws
        -> FactAppendOutcome
    {
        try await transaction { store in
            try await store.appendFacts(
                records, table: "activity_records", idColumn: "activity_id", id: \.id, day: \.day, programID: programID, run: run,
                perPartner: true,
                columns: ["program_id", "fact_id", "partner_id", "day", "metric_key", "value", "subject"],
                values: { record in [SQLBind(record.fact.metricKey), SQLBind(record.fact.value), SQLBind(record.fact.subject)] },
                differences: { record, row in
                    var fields: [String] = []
                    if try row.decode(column: "day", as: Int32.self) != Int32(record.fact.day.number) { fields.append("date") }
                    if try row.decode(column: "metric_key", as: String.self) != record.fact.metricKey { fields.append("metric") }
                    if try row.decode(column: "value", as: Int64.self) != record.fact.value { fields.append("value") }
                    if try row.decode(column: "subject", as: String.self) != record.fact.subject { fields.append("subject") }
                    return fields
                },
                rollup: { delta, record in
                    let day = Int32(record.fact.day.number)
                    try delta.add(
                        partnerID: record.partnerID, source: record.fact.metricKey, day: day, value: record.fact.value,
                        latestFactID: record.fact.id, line: record.line)
                    if !record.fact.subject.isEmpty {
                        delta.see(
                            partnerID: record.partnerID, source: record.fact.metricKey, subject: record.fact.subject, day: day,
                            keepDays: true)
                    }
                })
        }
    }

    /// Where an id is unique: the program (sales lines) or the partner within it (activities).
    private struct FactKey: Hashable {
        let partnerID: UUID?
        let id: String
    }

    /// Inserts the facts whose id is new (one statement per batch), names the ids this run already wrote and the
    /// ids stored before with other details, and adds the new facts to the rollups. The same record again counts once.
    private func appendFacts<Fact>(
        _ facts: [StagedFact<Fact>], table: String, idColumn: String, id: KeyPath<Fact, String>, day: KeyPath<Fact, Day>,
        programID: UUID, run: ImportRun, perPartner: Bool, columns: [String], values: (StagedFact<Fact>) -> [any SQLExpression],
        differences: (StagedFact<Fact>, any SQLRow) throws -> [String],
        rollup: (inout FactRollups.Delta, StagedFact<Fact>) throws -> Void
    ) async throws -> FactAppendOutcome {
        var outcome = FactAppendOutcome()
        var delta = FactRollups.Delta()
        let key = { (staged: StagedFact<Fact>) in FactKey(partnerID: perPartner ? staged.partnerID : nil, id: staged.fact[keyPath: id]) }
        let uniqueOn = perPartner ? ["program_id", "partner_id", "fact_id"] : ["program_id", "fact_id"]
        for batch in facts.chunked(Self.factBatchSize) {
            // An id twice in one batch: the later rows are repeats, never sent.
            var firstLine: [FactKey: Int] = [:]
            var unique: [StagedFact<Fact>] = []
            for staged in batch {
                if let line = firstLine[key(staged)] {
                    outcome.rowProblems.append(Self.repeated(staged.fact[keyPath: id], line: staged.line, first: line))
                } else {
                    firstLine[key(staged)] = staged.line
                    unique.append(staged)
                }
            }
            guard !unique.isEmpty else { continue }
            let insert = sql.insert(into: table).columns(columns + ["import_run", "import_line"])
            for staged in unique {
                let common: [any SQLExpression] = [
                    SQLBind(programID), SQLBind(staged.fact[keyPath: id]), SQLBind(staged.partnerID),
                    SQLBind(Int32(staged.fact[keyPath: day].number)),
                ]
                insert.values(common + values(staged) + [SQLBind(run.number), SQLBind(Int32(clamping: staged.line))])
            }
            var inserted: Set<FactKey> = []
            for row in try await insert.ignoringConflicts(with: uniqueOn).returning("partner_id", "fact_id").all() {
                inserted.insert(
                    FactKey(
                        partnerID: perPartner ? try row.decode(column: "partner_id", as: UUID.self) : nil,
                        id: try row.decode(column: "fact_id", as: String.self)))
            }
            let conflicting = unique.filter { !inserted.contains(key($0)) }
            let stored = try await storedFacts(
                conflicting.map { (key($0), $0.fact[keyPath: id]) }, table: table, programID: programID, perPartner: perPartner)
            for staged in conflicting {
                guard let row = stored[key(staged)] else { continue }
                if try row.decode(column: "import_run", as: Int64?.self) == run.number,
                    let line = try row.decode(column: "import_line", as: Int32?.self)
                {
                    outcome.rowProblems.append(Self.repeated(staged.fact[keyPath: id], line: staged.line, first: Int(line)))
                    continue
                }
                let changed = try differences(staged, row)
                if changed.isEmpty {
                    outcome.count.alreadyPresent += 1
                } else {
                    outcome.rowProblems.append(
                        RowError(
                            line: staged.line,
                            reason:
                                "\(idColumn) '\(staged.fact[keyPath: id])' was imported before with a different "
                                + changed.joined(separator: ", ")
                                + "; facts are never changed: record a correction under a new id"))
                }
            }
            outcome.count.inserted += inserted.count
            for staged in unique where inserted.contains(key(staged)) { try rollup(&delta, staged) }
        }
        try await FactRollups(sql: sql).apply(delta, programID: programID)
        outcome.spans = FactSpans(delta)
        return outcome
    }

    private static func repeated(_ id: String, line: Int, first: Int) -> RowError {
        RowError(line: line, reason: "id '\(id)' already appears on line \(first) of this file")
    }

    /// The stored rows of the given ids, within the program (or the partner) where an id is unique.
    private func storedFacts(_ keys: [(FactKey, String)], table: String, programID: UUID, perPartner: Bool) async throws
        -> [FactKey: any SQLRow]
    {
        guard !keys.isEmpty else { return [:] }
        var rows: [FactKey: any SQLRow] = [:]
        let partners = perPartner ? Array(Set(keys.compactMap(\.0.partnerID))) : []
        let partnerFilter: SQLQueryString = perPartner ? " AND partner_id IN (\(binds: partners))" : ""
        for row in try await sql.raw(
            "SELECT * FROM \(ident: table) WHERE program_id = \(bind: programID)" + partnerFilter
                + " AND fact_id IN (\(binds: Array(Set(keys.map(\.1)))))"
        ).all() {
            let key = FactKey(
                partnerID: perPartner ? try row.decode(column: "partner_id", as: UUID.self) : nil,
                id: try row.decode(column: "fact_id", as: String.self))
            rows[key] = row
        }
        return rows
    }

    /// Compares every rollup with a recomputation from the program's facts; empty when they agree.
    public func rollupDifferences(programID: UUID) async throws -> [RollupDifference] {
        try await FactRollups(sql: sql).differences(programID: programID)
    }

    /// Recomputes a program's rollups from its facts, in one transaction.
    public func rebuildRollups(programID: UUID) async throws {
        try await transaction { store in
            try await FactRollups(sql: store.sql).rebuildAll(programID: programID)
            // Progress is read from the rollups: rebuilt rollups rebuild it too.
            if let day = try await store.standingsDay(programID: programID) {
                try await store.rebuildStandings(programID: programID, asOf: day)
            }
        }
    }

    /// Totals of a program's facts: what tests and operators compare after an import.
    public func factTotals(programID: UUID) async throws -> (salesLines: Int, salesAmount: Int64, activities: Int) {
        let sales = try await sql.raw(
            "SELECT COUNT(*) AS n, CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS total FROM sales_lines WHERE program_id = \(bind: programID)"
        ).first()
        let activities = try await sql.raw(
            "SELECT COUNT(*) AS n FROM activity_records WHERE program_id = \(bind: programID)"
        ).first()
        return (
            try sales?.decode(column: "n", as: Int.self) ?? 0, try sales?.decode(column: "total", as: Int64.self) ?? 0,
            try activities?.decode(column: "n", as: Int.self) ?? 0
        )
    }
}
