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
    /// The file's own names for our columns (ours → theirs).
    var columnNames: [String: String] = [:]
    /// Skipping bad rows, progress and rejects: see `CSVImportRun`.
    var options = CSVImportRun(batchRows: 1_000)

    func run<Chunks: AsyncSequence & Sendable>(chunks: Chunks) async throws -> RosterReport where Chunks.Element == [UInt8] {
        let program = try await store.program(programID)
        let parser = RosterRowParser(currency: program.currency, asOf: clock.today, columnNames: columnNames)
        let (options, actor, clock) = (options, actor, clock)
        let report = try await store.transaction { tx in
            var rows = RosterRows(store: tx, program: program, parser: parser, actor: actor, clock: clock)
            let (rejected, count) = try await options.run(chunks, into: &rows)
            return RosterReport(
                created: rows.count.created, updated: rows.count.updated, unchanged: rows.count.unchanged, rejected: rejected,
                rejectedCount: count)
        }
        AccordMetrics.imported(
            "partners", inserted: report.created + report.updated, alreadyPresent: report.unchanged, rejected: report.rejectedCount)
        return report
    }

    /// Roster rows: validated, compared with the partners they name, saved in batches.
    private struct RosterRows: CSVImportRows {
        let store: AccordStore
        let program: Program
        var parser: RosterRowParser
        let actor: Actor
        let clock: AccordClock
        var pending: [RosterEntry] = []
        /// A roster holds one row per partner: a key seen twice is a mistake in the export.
        var seenKeys: [String: Int] = [:]
        var count = RosterCount()

        var pendingCount: Int { pending.count }
        var writtenCount: Int { count.created + count.updated }

        mutating func readHeader(_ record: CSVReader.Record) throws(RowError) { try parser.readHeader(record) }

        mutating func take(_ record: CSVReader.Record, keep: Bool) throws(RowError) {
            let entry = try parser.entry(record)
            if let first = seenKeys[entry.externalKey] {
                throw RowError(line: record.line, reason: "partner_key '\(entry.externalKey)' already appears on line \(first)")
            }
            seenKeys[entry.externalKey] = record.line
            if keep { pending.append(entry) }
        }

        /// Rows whose change breaks a rule (a stage move not allowed) are problems; the others are saved, and the
        /// transaction drops them all when the file is refused.
        mutating func flush(write: Bool) async throws -> [RowError] {
            defer { pending.removeAll(keepingCapacity: true) }
            guard write, !pending.isEmpty else { return [] }
            let known = try await store.partnersByKey(pending.map(\.externalKey), in: program.id)
            var changes: [RosterChange] = []
            var problems: [RowError] = []
            for entry in pending {
                do {
                    changes.append(
                        try RosterChange.make(
                            entry, existing: known[entry.externalKey]?.0, latestCapacity: known[entry.externalKey]?.1,
                            programID: program.id, programStartMonth: program.calendar.startMonth,
                            firstTier: program.settings.tiers.first?.name ?? "Registered", today: clock.today, by: actor.name))
                } catch {
                    problems.append(error)
                }
            }
            let done = try await store.apply(changes, by: actor, at: clock.now())
            count.created += done.created
            count.updated += done.updated
            count.unchanged += done.unchanged
            return problems
        }
    }
}
