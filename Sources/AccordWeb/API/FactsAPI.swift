import AccordCore
import AccordStore
import Foundation
import Vapor

/// `/api/v1/facts` (JSON batches) and `/api/v1/imports` (CSV bodies, streamed): facts in (DOMAIN §4).
/// A batch lands whole or not at all; ids already stored count once.
enum FactsAPI {
    @Sendable static func postSales(req: Request) async throws -> Response {
        let batch = try req.json(DTO.SalesBatch.self)
        let program = try await req.program(batch.programId)
        let header = ["transaction_id", "partner_key", "date", "amount", "currency", "customer", "solution", "region"]
        let rows = batch.lines.map { line in
            [
                line.transactionId, line.partnerKey, line.date, line.amount.text, line.currency, line.customer, line.solution ?? "",
                line.region ?? "",
            ]
        }
        return try await importRows(.sales, header: header, rows: rows, program: program, req: req)
    }

    @Sendable static func postActivities(req: Request) async throws -> Response {
        let batch = try req.json(DTO.ActivityBatch.self)
        let program = try await req.program(batch.programId)
        let header = ["activity_id", "partner_key", "date", "metric", "value", "subject"]
        let rows = batch.records.map { r in [r.activityId, r.partnerKey, r.date, r.metric, r.value?.text ?? "", r.subject ?? ""] }
        return try await importRows(.activities, header: header, rows: rows, program: program, req: req)
    }

    /// Runs JSON items through the same validation as a CSV file: item N is "line N + 1".
    static func importRows(_ kind: FactRowParser.Kind, header: [String], rows: [[String]], program: Program, req: Request) async throws
        -> Response
    {
        guard !rows.isEmpty else { throw InputError("the batch is empty", field: kind == .sales ? "lines" : "records") }
        guard rows.count <= 10_000 else {
            throw InputError("a batch holds at most 10,000 items; send larger sets as CSV to /api/v1/imports", status: .payloadTooLarge)
        }
        let csv = ([header] + rows).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n")
        let report = try await FactImporter(
            store: req.store, programID: program.id, kind: kind, onlyPartner: try req.readablePartner(), recordedBy: try req.viewer()
        )
        .run(chunks: OneChunk(bytes: Array(csv.utf8)))
        return try await result(report).encodeResponse(status: report.inserted > 0 ? .created : .ok, for: req)
    }

    @Sendable static func importSales(req: Request) async throws -> Response { try await importCSV(.sales, req: req) }

    @Sendable static func importActivities(req: Request) async throws -> Response { try await importCSV(.activities, req: req) }

    /// Partner users import only their own partner's activities: other keys read as unknown.
    static func importCSV(_ kind: FactRowParser.Kind, req: Request) async throws -> Response {
        let program = try await req.program(nil)
        let skipInvalid = try req.queryBool("skip_invalid") ?? false
        let importer = FactImporter(
            store: req.store, programID: program.id, kind: kind, onlyPartner: try req.readablePartner(), recordedBy: try req.viewer(),
            options: CSVImportRun(skipInvalid: skipInvalid))
        let report = try await UploadBody(req).reading { try await importer.run(chunks: $0) }
        return try await result(report).encodeResponse(status: report.inserted > 0 ? .created : .ok, for: req)
    }

    /// The partner roster from the CRM, as CSV: partners created or updated by external key (DOMAIN §3).
    @Sendable static func importRoster(req: Request) async throws -> Response {
        let program = try await req.program(nil)
        let skipInvalid = try req.queryBool("skip_invalid") ?? false
        let importer = RosterImporter(
            store: req.store, programID: program.id, actor: try req.actor(), clock: req.clock,
            options: CSVImportRun(skipInvalid: skipInvalid))
        let report = try await UploadBody(req).reading { try await importer.run(chunks: $0) }
        return try await report.encodeResponse(status: report.created > 0 ? .created : .ok, for: req)
    }

    static func result(_ report: ImportReport) -> DTO.ImportResult {
        DTO.ImportResult(
            inserted: report.inserted, alreadyPresent: report.alreadyPresent, rejected: report.rejected, rejectedCount: report.rejectedCount
        )
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// A byte buffer as a one-element async sequence.
struct OneChunk: AsyncSequence, Sendable {
    typealias Element = [UInt8]
    typealias Failure = any Error
    let bytes: [UInt8]

    struct AsyncIterator: AsyncIteratorProtocol {
        var bytes: [UInt8]?
        mutating func next() async throws -> [UInt8]? {
            defer { bytes = nil }
            return bytes
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(bytes: bytes) }
}

/// `/api/v1/audit`: the audit log (DOMAIN §14).
enum AuditAPI {
    @Sendable static func list(req: Request) async throws -> DTO.Page<DTO.AuditEntryDTO> {
        let limit = try req.queryInt("limit", in: 1...1_000) ?? 100
        var entries = try await req.store.auditEntries(
            entity: try req.queryText("entity"), entityID: try req.queryText("entity_id"), limit: limit)
        // The record of a goal is the viewer's to read only as far as the goal is (AccessRule.maySee): another side's
        // unsent draft is not in the log either.
        let goalIDs = entries.filter { $0.entity == "goal" }.compactMap { UUID(uuidString: $0.entityID) }
        let hidden = Set(
            try await req.store.goals(GoalQuery(seenBy: .accord), ids: Array(Set(goalIDs)))
                .filter { !AccessRule.maySee($0, as: .side(try req.viewer().side)) }.map(\.id.uuidString))
        entries.removeAll { $0.entity == "goal" && hidden.contains($0.entityID) }
        // Amounts in the program's currency and each metric's unit (one program per installation is the common case).
        let program = try await req.store.programs().first
        var metrics: [Metric] = []
        if let program { metrics = try await req.store.metrics(of: program.id) }
        let byKey = Dictionary(metrics.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        return .init(
            items: entries.map { entry in
                DTO.AuditEntryDTO(
                    at: entry.at, user: entry.actor.name, role: entry.actor.role.rawValue, entity: entry.entity, entityId: entry.entityID,
                    action: entry.action, before: entry.before, after: entry.after, reason: entry.reason,
                    changes: AuditReading.changes(of: entry, currency: program?.currency ?? .usd, metrics: byKey).map {
                        .init(field: $0.field, before: $0.before, after: $0.after)
                    })
            }, total: entries.count)
    }
}
