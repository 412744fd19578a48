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

/// How far an import has come: what a progress bar shows.
struct ImportProgress: Sendable {
    var bytes: Int = 0
    var rows: Int = 0
    var inserted: Int = 0
    var problems: Int = 0
}

/// Streams a CSV of facts through validation into the database in batches, inside one transaction: memory stays
/// flat whatever the file size, and either the whole file lands (bad rows skipped only when asked) or nothing
/// does. Ids already stored count once; an id repeated inside the file is a bad row (DOMAIN §4).
struct FactImporter: Sendable {
    let store: AccordStore
    let programID: UUID
    let kind: FactRowParser.Kind
    /// When set, rows may only name this partner (a partner user's import).
    var onlyPartner: UUID? = nil
    /// Who records the facts, when a person or token does (not the operator's CLI): partner users record their own
    /// side's activities only, never the vendor's commitments (`AccessRule.mayRecord`).
    var recordedBy: Viewer? = nil
    /// The file's own names for our columns (ours → theirs).
    var columnNames: [String: String] = [:]
    /// Skipping bad rows, batch size, progress and rejects: see `CSVImportRun`.
    var options = CSVImportRun()

    func run<Chunks: AsyncSequence & Sendable>(chunks: Chunks) async throws -> ImportReport where Chunks.Element == [UInt8] {
        let program = try await store.program(programID)
        let metrics = try await store.metrics(of: programID)
        let onlyPartner = onlyPartner
        let partnerIDs = try await store.partnerIDsByKey(in: programID).filter { onlyPartner == nil || $0.value == onlyPartner }
        let parser = FactRowParser(
            kind: kind, currency: program.currency, metrics: metrics, checklistItems: program.settings.checklistItems,
            columnNames: columnNames)
        let (options, kind, programID) = (options, kind, programID)
        let report = try await store.transaction { tx in
            try await tx.prepareForBulkWrite()
            var rows = FactRows(
                store: tx, programID: programID, kind: kind, parser: parser, partnerIDs: partnerIDs, recordedBy: recordedBy)
            let (rejected, count) = try await options.run(chunks, into: &rows)
            // The goals the file moved get their new progress before the import commits: no page shows it stale.
            try await tx.refreshStandings(touching: rows.spans, programID: programID)
            return ImportReport(
                inserted: rows.count.inserted, alreadyPresent: rows.count.alreadyPresent, rejected: rejected, rejectedCount: count)
        }
        AccordMetrics.imported(
            kind.rawValue, inserted: report.inserted, alreadyPresent: report.alreadyPresent, rejected: report.rejectedCount)
        return report
    }

    /// Fact rows of one run: validated, partners resolved, written in batches tagged with the run.
    private struct FactRows: CSVImportRows {
        let store: AccordStore
        let programID: UUID
        let kind: FactRowParser.Kind
        var parser: FactRowParser
        let partnerIDs: [String: UUID]
        let recordedBy: Viewer?
        let importRun = ImportRun()
        var sales: [StagedFact<SalesLine>] = []
        var activities: [StagedFact<ActivityRecord>] = []
        var count = FactImportCount()
        var spans = FactSpans()

        var pendingCount: Int { sales.count + activities.count }
        var writtenCount: Int { count.inserted }

        mutating func readHeader(_ record: CSVReader.Record) throws(RowError) { try parser.readHeader(record) }

        mutating func take(_ record: CSVReader.Record, keep: Bool) throws(RowError) {
            switch kind {
            case .sales:
                let line = try parser.salesLine(record)
                let partnerID = try partner(line.partnerKey, record)
                if keep { sales.append(StagedFact(line, partnerID: partnerID, line: record.line)) }
            case .activities:
                let activity = try parser.activity(record)
                if let viewer = recordedBy, let metric = parser.metrics[activity.metricKey], !AccessRule.mayRecord(metric, as: viewer) {
                    throw RowError(
                        line: record.line,
                        reason: "\(activity.metricKey) is a vendor commitment: the vendor's staff record it, not the partner's")
                }
                let partnerID = try partner(activity.partnerKey, record)
                if keep { activities.append(StagedFact(activity, partnerID: partnerID, line: record.line)) }
            }
        }

        func partner(_ key: String, _ record: CSVReader.Record) throws(RowError) -> UUID {
            guard let id = partnerIDs[key] else { throw RowError(line: record.line, reason: "unknown partner key '\(key)'") }
            return id
        }

        mutating func flush(write: Bool) async throws -> [RowError] {
            defer {
                sales.removeAll(keepingCapacity: true)
                activities.removeAll(keepingCapacity: true)
            }
            guard write, pendingCount > 0 else { return [] }
            let outcome =
                sales.isEmpty
                ? try await store.append(activities: activities, programID: programID, run: importRun)
                : try await store.append(sales: sales, programID: programID, run: importRun)
            count = count + outcome.count
            spans.merge(outcome.spans)
            return outcome.rowProblems
        }
    }
}
