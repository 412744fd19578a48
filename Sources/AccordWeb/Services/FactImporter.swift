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
    var skipInvalid = false
    /// When set, rows may only name this partner (a partner user's import).
    var onlyPartner: UUID? = nil
    /// The file's own names for our columns (ours → theirs).
    var columnNames: [String: String] = [:]
    /// Row errors kept for the report; the count goes on.
    var keptErrors = 1_000
    /// Rows validated before they are written as one batch.
    var batchRows = 5_000
    /// Called after each chunk of input.
    var progress: (@Sendable (ImportProgress) -> Void)? = nil
    /// Called for every bad row, beyond those kept for the report (the CLI's rejects file).
    var rejects: (@Sendable (RowError) -> Void)? = nil

    func run<Chunks: AsyncSequence & Sendable>(chunks: Chunks) async throws -> ImportReport where Chunks.Element == [UInt8] {
        let program = try await store.program(programID)
        let metrics = try await store.metrics(of: programID)
        let onlyPartner = onlyPartner
        let partnerIDs = try await store.partnerIDsByKey(in: programID).filter { onlyPartner == nil || $0.value == onlyPartner }
        let parser = FactRowParser(
            kind: kind, currency: program.currency, metrics: metrics, checklistItems: program.settings.checklistItems,
            columnNames: columnNames)
        let importer = self
        return try await store.transaction { tx in
            var batch = Batch(importer: importer, store: tx, parser: parser, partnerIDs: partnerIDs)
            do {
                for try await chunk in chunks {
                    try await batch.take(try batch.reader.feed(chunk))
                    batch.progress.bytes += chunk.count
                    importer.progress?(batch.progress)
                }
                try await batch.take(try batch.reader.finish())
                try await batch.flush()
                importer.progress?(batch.progress)
            } catch let failure as CSVReader.Failure {
                throw ImportFailure(rows: [RowError(line: failure.line, reason: failure.reason)], total: 1)
            } catch let error as RowError {
                throw ImportFailure(rows: [error], total: 1)
            }
            guard batch.sawHeader else {
                throw ImportFailure(rows: [RowError(line: 1, reason: "the file is empty; it needs a header row")], total: 1)
            }
            // Throwing rolls the transaction back: nothing of the file stays.
            // Repeated ids are found as batches are written: put every problem in file order.
            let errors = batch.errors.sorted { $0.line < $1.line }
            if batch.errorCount > 0 && !importer.skipInvalid { throw ImportFailure(rows: errors, total: batch.errorCount) }
            return ImportReport(
                inserted: batch.count.inserted, alreadyPresent: batch.count.alreadyPresent, rejected: errors,
                rejectedCount: batch.errorCount)
        }
    }

    /// The state of one run: the reader, the rows waiting to be written, and what has been found so far.
    private struct Batch {
        let importer: FactImporter
        let store: AccordStore
        var parser: FactRowParser
        let partnerIDs: [String: UUID]
        let run = ImportRun()
        var reader = CSVReader()
        var sawHeader = false
        var sales: [StagedFact<SalesLine>] = []
        var activities: [StagedFact<ActivityRecord>] = []
        var errors: [RowError] = []
        var errorCount = 0
        var count = FactImportCount()
        var progress = ImportProgress()

        /// Once a row is bad and bad rows are not skipped, nothing more is written: the file is refused,
        /// but the rest is still read so the report names every problem.
        var writing: Bool { errorCount == 0 || importer.skipInvalid }

        init(importer: FactImporter, store: AccordStore, parser: FactRowParser, partnerIDs: [String: UUID]) {
            self.importer = importer
            self.store = store
            self.parser = parser
            self.partnerIDs = partnerIDs
        }

        mutating func note(_ error: RowError) {
            errorCount += 1
            progress.problems = errorCount
            if errors.count < importer.keptErrors { errors.append(error) }
            importer.rejects?(error)
        }

        mutating func take(_ records: [CSVReader.Record]) async throws {
            for record in records {
                if !sawHeader {
                    try parser.readHeader(record)
                    sawHeader = true
                    continue
                }
                progress.rows += 1
                do {
                    switch importer.kind {
                    case .sales:
                        let line = try parser.salesLine(record)
                        let partnerID = try partner(line.partnerKey, record)
                        if writing { sales.append(StagedFact(line, partnerID: partnerID, line: record.line)) }
                    case .activities:
                        let activity = try parser.activity(record)
                        let partnerID = try partner(activity.partnerKey, record)
                        if writing { activities.append(StagedFact(activity, partnerID: partnerID, line: record.line)) }
                    }
                } catch {
                    note(error)
                }
                if sales.count + activities.count >= importer.batchRows { try await flush() }
            }
        }

        func partner(_ key: String, _ record: CSVReader.Record) throws(RowError) -> UUID {
            guard let id = partnerIDs[key] else { throw RowError(line: record.line, reason: "unknown partner key '\(key)'") }
            return id
        }

        mutating func flush() async throws {
            defer {
                sales.removeAll(keepingCapacity: true)
                activities.removeAll(keepingCapacity: true)
            }
            guard writing, !sales.isEmpty || !activities.isEmpty else { return }
            let outcome =
                sales.isEmpty
                ? try await store.append(activities: activities, programID: importer.programID, run: run)
                : try await store.append(sales: sales, programID: importer.programID, run: run)
            count = count + outcome.count
            progress.inserted = count.inserted
            for repeated in outcome.repeatedInRun { note(repeated) }
        }
    }
}
