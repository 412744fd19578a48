import AccordCore
import FluentKit
import Foundation
import SQLKit

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

extension AccordStore {
    /// Rows per INSERT statement: well under SQLite's and PostgreSQL's bind limits.
    static let factBatchSize = 500

    /// Appends sales lines whose partners are already resolved; ids already stored are skipped.
    /// Call inside `transaction` to make a whole file land or not at all.
    public func append(sales lines: [(SalesLine, UUID)], programID: UUID) async throws -> FactImportCount {
        var count = FactImportCount()
        for start in stride(from: 0, to: lines.count, by: Self.factBatchSize) {
            let batch = lines[start..<min(start + Self.factBatchSize, lines.count)]
            let insert = sql.insert(into: "sales_lines")
                .columns("program_id", "fact_id", "partner_id", "day", "amount", "solution", "customer", "region")
            for (line, partnerID) in batch {
                let row: [any SQLExpression] = [
                    SQLBind(programID), SQLBind(line.id), SQLBind(partnerID), SQLBind(Int32(line.day.number)),
                    SQLBind(line.amount.minorUnits), SQLBind(line.solution), SQLBind(line.customer), SQLBind(line.region),
                ]
                insert.values(row)
            }
            let inserted = try await Self.insertIgnoringKnownIDs(insert)
            count = count + FactImportCount(inserted: inserted, alreadyPresent: batch.count - inserted)
        }
        return count
    }

    public func append(activities records: [(ActivityRecord, UUID)], programID: UUID) async throws -> FactImportCount {
        var count = FactImportCount()
        for start in stride(from: 0, to: records.count, by: Self.factBatchSize) {
            let batch = records[start..<min(start + Self.factBatchSize, records.count)]
            let insert = sql.insert(into: "activity_records")
                .columns("program_id", "fact_id", "partner_id", "day", "metric_key", "value", "subject")
            for (record, partnerID) in batch {
                let row: [any SQLExpression] = [
                    SQLBind(programID), SQLBind(record.id), SQLBind(partnerID), SQLBind(Int32(record.day.number)),
                    SQLBind(record.metricKey), SQLBind(record.value), SQLBind(record.subject),
                ]
                insert.values(row)
            }
            let inserted = try await Self.insertIgnoringKnownIDs(insert)
            count = count + FactImportCount(inserted: inserted, alreadyPresent: batch.count - inserted)
        }
        return count
    }

    /// Runs an insert that skips ids already stored and returns how many rows were new.
    private static func insertIgnoringKnownIDs(_ insert: SQLInsertBuilder) async throws -> Int {
        try await insert.ignoringConflicts(with: ["program_id", "fact_id"]).returning("fact_id").all().count
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
