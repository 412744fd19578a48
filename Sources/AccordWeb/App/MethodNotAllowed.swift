import Vapor

/// Answers 405 with an `Allow` header, instead of 404, when a path exists but not for the method used (RFC 9110):
/// an integration that sends PUT where POST is meant learns what went wrong.
struct MethodNotAllowed: AsyncMiddleware {
    /// Every registered route: its method and path components.
    let routes: [(method: HTTPMethod, path: [PathComponent])]

    init(routes: Routes) {
        self.routes = routes.all.map { ($0.method, $0.path) }
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let error as any AbortError where error.status == .notFound && request.route == nil {
            let segments = request.url.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            var allowed = Set(routes.filter { Self.matches($0.path, segments) }.map(\.method.rawValue))
            guard !allowed.isEmpty else { throw error }
            if allowed.contains("GET") { allowed.insert("HEAD") }
            throw Abort(
                .methodNotAllowed, headers: ["Allow": allowed.sorted().joined(separator: ", ")],
                reason: "\(request.method.rawValue) is not allowed here; use \(allowed.sorted().joined(separator: " or "))")
        }
    }

    static func matches(_ pattern: [PathComponent], _ segments: [String]) -> Bool {
        if case .catchall = pattern.last { return segments.count >= pattern.count - 1 }
        guard pattern.count == segments.count else { return false }
        return zip(pattern, segments).allSatisfy { component, segment in
            switch component {
            case .constant(let text): text == segment
            case .parameter, .anything, .catchall: true
            }
        }
    }
}
