import Foundation
import Vapor

/// Gives every request an id (the proxy's `X-Request-Id` when it sends a sane one), logs one line per request with
/// it, returns it in the response, and counts the request in `/metrics`. Outermost, so that it sees errors as the
/// client does.
struct RequestLog: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let id = Self.sane(request.headers.first(name: "X-Request-Id")) ?? UUID().uuidString.lowercased()
        // Vapor names its own id "request-id"; ours replaces it so that one id follows the request everywhere.
        request.logger[metadataKey: "request-id"] = .string(id)
        let started = ContinuousClock.now
        AccordMetrics.inFlight.increment()
        defer { AccordMetrics.inFlight.decrement() }
        let response = try await next.respond(to: request)
        let elapsed = ContinuousClock.now - started
        response.headers.replaceOrAdd(name: "X-Request-Id", value: id)
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        AccordMetrics.request(method: request.method.rawValue, route: route, status: response.status.code, duration: elapsed)
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        request.logger.log(
            level: response.status.code >= 500 ? .warning : .info, "request",
            metadata: [
                "method": .string(request.method.rawValue), "route": .string(route), "status": .stringConvertible(response.status.code),
                "ms": .string(String(format: "%.1f", milliseconds)),
            ])
        return response
    }

    /// Ids from outside are echoed into logs and headers: only short, plain ones are kept.
    static func sane(_ value: String?) -> String? {
        guard let value, (1...128).contains(value.count),
            value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) })
        else { return nil }
        return value
    }
}
