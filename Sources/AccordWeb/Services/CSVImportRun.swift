import AccordCore
import Foundation

/// What differs between CSV imports (facts, the roster): what the header and each row mean, and how a batch of
/// kept rows is written.
protocol CSVImportRows {
    mutating func readHeader(_ record: CSVReader.Record) throws(RowError)
    /// Validates a row; keeps it for the next batch only when `keep` (no bad row yet, or bad rows skipped).
    mutating func take(_ record: CSVReader.Record, keep: Bool) throws(RowError)
    /// Rows kept and not yet written.
    var pendingCount: Int { get }
    /// Writes the kept rows and returns the problems found while writing (an id the file already had);
    /// with `write` false, forgets them.
    mutating func flush(write: Bool) async throws -> [RowError]
    /// Rows written so far, for the progress bar.
    var writtenCount: Int { get }
}

/// The streaming part every CSV import shares: chunks through the reader, rows through validation, batches to the
/// database, every problem noted with its line. Run it inside one transaction: when it throws, nothing of the file
/// stays; once a row is bad and bad rows are not skipped, nothing more is written, but the rest is still read so the
/// report names every problem.
struct CSVImportRun: Sendable {
    var skipInvalid = false
    /// Row errors kept for the report; the count goes on.
    var keptErrors = 1_000
    /// Rows validated before they are written as one batch.
    var batchRows = 5_000
    /// Called after each chunk of input.
    var progress: (@Sendable (ImportProgress) -> Void)? = nil
    /// Called for every bad row, beyond those kept for the report (the CLI's rejects file).
    var rejects: (@Sendable (RowError) -> Void)? = nil

    /// Every problem in file order, and how many there were; throws `ImportFailure` when the file is refused.
    func run<Chunks: AsyncSequence, Rows: CSVImportRows>(_ chunks: Chunks, into rows: inout Rows) async throws
        -> (rejected: [RowError], count: Int)
    where Chunks.Element == [UInt8] {
        var state = State(run: self)
        var reader = CSVReader()
        do {
            for try await chunk in chunks {
                try await state.take(try reader.feed(chunk), into: &rows)
                state.progress.bytes += chunk.count
                progress?(state.progress)
            }
            try await state.take(try reader.finish(), into: &rows)
            try await state.flush(&rows)
            progress?(state.progress)
        } catch let failure as CSVReader.Failure {
            throw ImportFailure(rows: [RowError(line: failure.line, reason: failure.reason)], total: 1)
        } catch let error as RowError {
            throw ImportFailure(rows: [error], total: 1)
        }
        guard state.sawHeader else {
            throw ImportFailure(rows: [RowError(line: 1, reason: "the file is empty; it needs a header row")], total: 1)
        }
        // Repeated ids are found as batches are written: put every problem in file order.
        let errors = state.errors.sorted { $0.line < $1.line }
        if state.errorCount > 0 && !skipInvalid { throw ImportFailure(rows: errors, total: state.errorCount) }
        return (errors, state.errorCount)
    }

    private struct State {
        let run: CSVImportRun
        var sawHeader = false
        var errors: [RowError] = []
        var errorCount = 0
        var progress = ImportProgress()

        var writing: Bool { errorCount == 0 || run.skipInvalid }

        mutating func note(_ error: RowError) {
            errorCount += 1
            progress.problems = errorCount
            if errors.count < run.keptErrors { errors.append(error) }
            run.rejects?(error)
        }

        mutating func take<Rows: CSVImportRows>(_ records: [CSVReader.Record], into rows: inout Rows) async throws {
            for record in records {
                if !sawHeader {
                    try rows.readHeader(record)
                    sawHeader = true
                    continue
                }
                progress.rows += 1
                do { try rows.take(record, keep: writing) } catch { note(error) }
                if rows.pendingCount >= run.batchRows { try await flush(&rows) }
            }
        }

        mutating func flush<Rows: CSVImportRows>(_ rows: inout Rows) async throws {
            for problem in try await rows.flush(write: writing) { note(problem) }
            progress.inserted = rows.writtenCount
        }
    }
}
