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

/// What one batch of an import did: counts, and the rows whose id already came earlier in the same run.
public struct FactAppendOutcome: Sendable {
    public var count = FactImportCount()
    public var repeatedInRun: [RowError] = []
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
        return try await append(sales: staged, programID: programID, run: ImportRun()).count
    }

    public func append(activities records: [(ActivityRecord, UUID)], programID: UUID) async throws -> FactImportCount {
        let staged = records.enumerated().map { StagedFact($0.element.0, partnerID: $0.element.1, line: $0.offset + 1) }
        return try await append(activities: staged, programID: programID, run: ImportRun()).count
    }

    /// Appends one batch of an import run and updates the rollups for what was new, in one transaction.
    public func append(sales lines: [StagedFact<SalesLine>], programID: UUID, run: ImportRun) async throws -> FactAppendOutcome {
        try await transaction { store in
            try await store.appendFacts(
                lines, table: "sales_lines", id: \.id, day: \.day, programID: programID, run: run,
                columns: ["program_id", "fact_id", "partner_id", "day", "amount", "solution", "customer", "region"],
                values: { line in
                    [
                        SQLBind(line.fact.amount.minorUnits), SQLBind(line.fact.solution), SQLBind(line.fact.customer),
                        SQLBind(line.fact.region),
                    ]
                },
                rollup: { delta, line in
                    let day = Int32(line.fact.day.number)
                    delta.add(
                        partnerID: line.partnerID, source: FactRollups.salesSource, day: day, value: line.fact.amount.minorUnits,
                        latestFactID: nil)
                    delta.see(
                        partnerID: line.partnerID, source: FactRollups.customerSource, subject: line.fact.customer, day: day,
                        keepDays: false)
                })
        }
    }

    public func append(activities records: [StagedFact<ActivityRecord>], programID: UUID, run: ImportRun) async throws
        -> FactAppendOutcome
    {
        try await transaction { store in
            try await store.appendFacts(
                records, table: "activity_records", id: \.id, day: \.day, programID: programID, run: run,
                columns: ["program_id", "fact_id", "partner_id", "day", "metric_key", "value", "subject"],
                values: { record in [SQLBind(record.fact.metricKey), SQLBind(record.fact.value), SQLBind(record.fact.subject)] },
                rollup: { delta, record in
                    let day = Int32(record.fact.day.number)
                    delta.add(
                        partnerID: record.partnerID, source: record.fact.metricKey, day: day, value: record.fact.value,
                        latestFactID: record.fact.id)
                    if !record.fact.subject.isEmpty {
                        delta.see(
                            partnerID: record.partnerID, source: record.fact.metricKey, subject: record.fact.subject, day: day,
                            keepDays: true)
                    }
                })
        }
    }

    /// Inserts the facts whose id is new (one statement per batch), names the ids this run already wrote, and adds
    /// the new facts to the rollups.
    private func appendFacts<Fact>(
        _ facts: [StagedFact<Fact>], table: String, id: KeyPath<Fact, String>, day: KeyPath<Fact, Day>, programID: UUID, run: ImportRun,
        columns: [String], values: (StagedFact<Fact>) -> [any SQLExpression],
        rollup: (inout FactRollups.Delta, StagedFact<Fact>) -> Void
    ) async throws -> FactAppendOutcome {
        var outcome = FactAppendOutcome()
        var delta = FactRollups.Delta()
        for batch in facts.chunked(Self.factBatchSize) {
            // An id twice in one batch: the later rows are repeats, never sent.
            var firstLine: [String: Int] = [:]
            var unique: [StagedFact<Fact>] = []
            for staged in batch {
                let factID = staged.fact[keyPath: id]
                if let line = firstLine[factID] {
                    outcome.repeatedInRun.append(Self.repeated(factID, line: staged.line, first: line))
                } else {
                    firstLine[factID] = staged.line
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
            let inserted = Set(
                try await insert.ignoringConflicts(with: ["program_id", "fact_id"]).returning("fact_id").all()
                    .map { try $0.decode(column: "fact_id", as: String.self) })
            let conflicting = unique.filter { !inserted.contains($0.fact[keyPath: id]) }
            let earlierInRun = try await linesWritten(
                by: run, ids: conflicting.map { $0.fact[keyPath: id] }, table: table, programID: programID)
            for staged in conflicting {
                let factID = staged.fact[keyPath: id]
                if let line = earlierInRun[factID] {
                    outcome.repeatedInRun.append(Self.repeated(factID, line: staged.line, first: line))
                } else {
                    outcome.count.alreadyPresent += 1
                }
            }
            outcome.count.inserted += inserted.count
            for staged in unique where inserted.contains(staged.fact[keyPath: id]) { rollup(&delta, staged) }
        }
        try await FactRollups(sql: sql).apply(delta, programID: programID)
        return outcome
    }

    private static func repeated(_ id: String, line: Int, first: Int) -> RowError {
        RowError(line: line, reason: "id '\(id)' already appears on line \(first) of this file")
    }

    /// The lines on which this run wrote the given ids (empty when none of them is its own).
    private func linesWritten(by run: ImportRun, ids: [String], table: String, programID: UUID) async throws -> [String: Int] {
        guard !ids.isEmpty else { return [:] }
        var lines: [String: Int] = [:]
        for row in try await sql.raw(
            """
            SELECT fact_id, import_line FROM \(ident: table) WHERE program_id = \(bind: programID)
            AND import_run = \(bind: run.number) AND fact_id IN (\(binds: ids))
            """
        ).all() {
            lines[try row.decode(column: "fact_id", as: String.self)] = Int(try row.decode(column: "import_line", as: Int32.self))
        }
        return lines
    }

    /// Compares every rollup with a recomputation from the program's facts; empty when they agree.
    public func rollupDifferences(programID: UUID) async throws -> [RollupDifference] {
        try await FactRollups(sql: sql).differences(programID: programID)
    }

    /// Recomputes a program's rollups from its facts, in one transaction.
    public func rebuildRollups(programID: UUID) async throws {
        try await transaction { store in try await FactRollups(sql: store.sql).rebuildAll(programID: programID) }
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
