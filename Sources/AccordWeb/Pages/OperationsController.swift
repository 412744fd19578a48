import AccordCore
import AccordStore
import Vapor

/// `/readyz` (the database answers too) and `/metrics` (Prometheus); `/healthz` is inline in routes.
enum OperationsController {
    struct Readiness: Content {
        let status: String
        let reason: String?
    }

    /// A refused connection fails at once; a database that does not answer is bounded by the pool's 5 s timeout.
    @Sendable static func ready(req: Request) async throws -> Response {
        do {
            try await req.store.ping()
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
        // The outbox as it stands: pending messages wait for the relay, failed ones for an operator.
        if let counts = try? await req.store.outboxCounts() {
            for status in OutboxMessage.Status.allCases { AccordMetrics.outbox(status.rawValue).set(to: Double(counts[status] ?? 0)) }
        }
        return Response(status: .ok, headers: headers, body: .init(string: AccordMetrics.registry.emitToString()))
    }
}
