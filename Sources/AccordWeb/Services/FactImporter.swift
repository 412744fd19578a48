import AccordCore
import AccordStore
import Foundation

/// An import that was refused, with every bad row: nothing of the file was saved.
struct ImportFailure: Error, CustomStringConvertible {
    let rows: [RowError]
    /// How many problems there were in all (only the first `rows` are kept).
    let total: Int

    var description: String {
        guard let first = rows.first else { return "the file could not be imported" }
        let more = total > 1 ? " (and \(total - 1) more problem\(total == 2 ? "" : "s"))" : ""
        return "nothing was imported: line \(first.line): \(first.reason)\(more)"
    }
}

/// The outcome of an import.
struct ImportReport: Codable, Equatable {
    var inserted: Int
    var alreadyPresent: Int
    /// Rows skipped with `--skip-invalid`.
    var rejected: [RowError]
    var rejectedCount: Int
}

/// Reads a CSV of facts in chunks, validates every row, and appends them in one transaction:
/// either the whole file lands (bad rows skipped only when asked) or nothing does.
struct FactImporter {
    let store: AccordStore
    let programID: UUID
    let kind: FactRowParser.Kind
    var skipInvalid = false
    /// When set, rows may only name this partner (a partner user's import).
    var onlyPartner: UUID? = nil
    /// Row errors kept for the report; the count goes on.
    var keptErrors = 1_000

    func run(chunks: some AsyncSequence<[UInt8], any Error>) async throws -> ImportReport {
        let program = try await store.program(programID)
        let metrics = try await store.metrics(of: programID)
        let onlyPartner = onlyPartner
        let partnerIDs = try await store.partnerIDsByKey(in: programID).filter { onlyPartner == nil || $0.value == onlyPartner }
        var parser = FactRowParser(
            kind: kind, currency: program.currency, metrics: metrics, checklistItems: program.settings.checklistItems)
        var reader = CSVReader()
        var sawHeader = false
        var errors: [RowError] = []
        var errorCount = 0
        var sales: [(SalesLine, UUID)] = []
        var activities: [(ActivityRecord, UUID)] = []

        func note(_ error: RowError) {
            errorCount += 1
            if errors.count < keptErrors { errors.append(error) }
        }

        func take(_ records: [CSVReader.Record]) throws {
            for record in records {
                if !sawHeader {
                    try parser.readHeader(record)
                    sawHeader = true
                    continue
                }
                do {
                    switch kind {
                    case .sales:
                        let line = try parser.salesLine(record)
                        guard let id = partnerIDs[line.partnerKey] else {
                            throw RowError(line: record.line, reason: "unknown partner key '\(line.partnerKey)'")
                        }
                        sales.append((line, id))
                    case .activities:
                        let activity = try parser.activity(record)
                        guard let id = partnerIDs[activity.partnerKey] else {
                            throw RowError(line: record.line, reason: "unknown partner key '\(activity.partnerKey)'")
                        }
                        activities.append((activity, id))
                    }
                } catch let error as RowError {
                    note(error)
                }
            }
        }

        do {
            for try await chunk in chunks { try take(try reader.feed(chunk)) }
            try take(try reader.finish())
        } catch let failure as CSVReader.Failure {
            throw ImportFailure(rows: [RowError(line: failure.line, reason: failure.reason)], total: 1)
        } catch let error as RowError {
            throw ImportFailure(rows: [error], total: 1)
        }
        guard sawHeader else {
            throw ImportFailure(rows: [RowError(line: 1, reason: "the file is empty; it needs a header row")], total: 1)
        }
        if errorCount > 0 && !skipInvalid { throw ImportFailure(rows: errors, total: errorCount) }

        let (salesRows, activityRows, programID) = (sales, activities, programID)
        let count = try await store.transaction { tx in
            try await tx.append(sales: salesRows, programID: programID) + tx.append(activities: activityRows, programID: programID)
        }
        return ImportReport(inserted: count.inserted, alreadyPresent: count.alreadyPresent, rejected: errors, rejectedCount: errorCount)
    }
}
