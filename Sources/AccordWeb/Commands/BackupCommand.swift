import AccordStore
import Foundation
import Vapor

/// `accord backup FILE`: an online copy of the SQLite database, safe while `accord serve` runs. Restoring is
/// stopping Accord and putting the copy in place of the database file (docs/OPERATIONS.md).
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Where to write the copy; it must not exist yet.") var file: String
    }

    var help: String { "Copies the SQLite database while Accord runs (PostgreSQL: use pg_dump)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let store = AccordStore(database: context.application.db)
        let started = ContinuousClock.now
        try await store.backup(to: signature.file)
        let size = (try? FileManager.default.attributesOfItem(atPath: signature.file)[.size] as? Int) ?? 0
        context.console.info(
            "Backed up to \(signature.file) (\(ByteCountFormatter.string(fromByteCount: Int64(size), countStyle: .file)), "
                + "\(ContinuousClock.now - started)).")
    }
}

/// `/healthz` (the process answers), `/readyz` (the database answers too) and `/metrics` (Prometheus).
enum OperationsController {
    struct Readiness: Content {
        let status: String
        let reason: String?
    }

    @Sendable static func ready(req: Request) async throws -> Response {
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await req.store.ping() }
                group.addTask {
                    try await Task.sleep(for: .seconds(2))
                    throw Abort(.serviceUnavailable, reason: "the database did not answer within 2 seconds")
                }
                try await group.next()
                group.cancelAll()
            }
            AccordMetrics.databaseReady.set(to: 1.0)
            return try await Readiness(status: "ready", reason: nil).encodeResponse(for: req)
        } catch {
            AccordMetrics.databaseReady.set(to: 0.0)
            req.logger.warning("not ready: \(error)")
            return try await Readiness(status: "unavailable", reason: "the database cannot be reached")
                .encodeResponse(status: .serviceUnavailable, for: req)
        }
    }

    @Sendable static func metrics(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(string: AccordMetrics.registry.emitToString()))
    }
}
