import AccordCore
import AccordStore
import Foundation
import Vapor

/// The outcome of a roster import.
struct RosterReport: Content, Equatable {
    var created: Int
    var updated: Int
    var unchanged: Int
    var rejected: [RowError]
    var rejectedCount: Int
}

/// Streams the vendor's partner roster (a CRM export) into partners, by external key, in batches inside one
/// transaction: new partners are created, known ones updated, every change audited (DOMAIN §3, §14). Like the
/// fact import, the whole file lands or nothing does unless bad rows are skipped on request.
struct RosterImporter: Sendable {
    let store: AccordStore
    let programID: UUID
    let actor: Actor
    let clock: AccordClock
    var skipInvalid = false
    var columnNames: [String: String] = [:]
    var keptErrors = 1_000
    var batchRows = 1_000
    var progress: (@Sendable (ImportProgress) -> Void)? = nil
    var rejects: (@Sendable (RowError) -> Void)? = nil

    func run<Chunks: AsyncSequence & Sendable>(chunks: Chunks) async throws -> RosterReport where Chunks.Element == [UInt8] {
        let program = try await store.program(programID)
        let parser = RosterRowParser(currency: program.currency, asOf: clock.today, columnNames: columnNames)
        let importer = self
        let firstTier = program.settings.tiers.first?.name ?? "Registered"
        return try await store.transaction { tx in
            var state = State(importer: importer, store: tx, parser: parser, program: program, firstTier: firstTier)
            do {
                for try await chunk in chunks {
                    try await state.take(try state.reader.feed(chunk))
                    state.progress.bytes += chunk.count
                    importer.progress?(state.progress)
                }
                try await state.take(try state.reader.finish())
                try await state.flush()
                importer.progress?(state.progress)
            } catch let failure as CSVReader.Failure {
                throw ImportFailure(rows: [RowError(line: failure.line, reason: failure.reason)], total: 1)
            } catch let error as RowError {
                throw ImportFailure(rows: [error], total: 1)
            }
            guard state.sawHeader else {
                throw ImportFailure(rows: [RowError(line: 1, reason: "the file is empty; it needs a header row")], total: 1)
            }
            let errors = state.errors.sorted { $0.line < $1.line }
            if state.errorCount > 0 && !importer.skipInvalid { throw ImportFailure(rows: errors, total: state.errorCount) }
            return RosterReport(
                created: state.count.created, updated: state.count.updated, unchanged: state.count.unchanged, rejected: errors,
                rejectedCount: state.errorCount)
        }
    }

    private struct State {
        let importer: RosterImporter
        let store: AccordStore
        var parser: RosterRowParser
        let program: Program
        let firstTier: String
        var reader = CSVReader()
        var sawHeader = false
        var pending: [RosterEntry] = []
        /// A roster holds one row per partner: a key seen twice is a mistake in the export.
        var seenKeys: [String: Int] = [:]
        var errors: [RowError] = []
        var errorCount = 0
        var count = RosterCount()
        var progress = ImportProgress()

        var writing: Bool { errorCount == 0 || importer.skipInvalid }

        init(importer: RosterImporter, store: AccordStore, parser: RosterRowParser, program: Program, firstTier: String) {
            self.importer = importer
            self.store = store
            self.parser = parser
            self.program = program
            self.firstTier = firstTier
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
                do throws(RowError) {
                    let entry = try parser.entry(record)
                    if let first = seenKeys[entry.externalKey] {
                        throw RowError(line: record.line, reason: "partner_key '\(entry.externalKey)' already appears on line \(first)")
                    }
                    seenKeys[entry.externalKey] = record.line
                    if writing { pending.append(entry) }
                } catch {
                    note(error)
                }
                if pending.count >= importer.batchRows { try await flush() }
            }
        }

        mutating func flush() async throws {
            defer { pending.removeAll(keepingCapacity: true) }
            guard writing, !pending.isEmpty else { return }
            let known = try await store.partnersByKey(pending.map(\.externalKey), in: program.id)
            var changes: [RosterChange] = []
            for entry in pending {
                do {
                    changes.append(
                        try RosterChange.make(
                            entry, existing: known[entry.externalKey]?.0, latestCapacity: known[entry.externalKey]?.1,
                            programID: program.id, programStartMonth: program.calendar.startMonth, firstTier: firstTier,
                            today: importer.clock.today, by: importer.actor.name))
                } catch {
                    note(error)
                }
            }
            guard writing else { return }
            let done = try await store.apply(changes, by: importer.actor, at: importer.clock.now())
            count.created += done.created
            count.updated += done.updated
            count.unchanged += done.unchanged
            progress.inserted = count.created + count.updated
        }
    }
}
