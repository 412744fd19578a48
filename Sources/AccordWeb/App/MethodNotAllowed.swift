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
        } catch let error as any AbortError where error.status == .notFound {
            // No route for this method, or only a general one (`/plans/:planID/:action`) where another method has this
            // very path (`GET /plans/:planID/suggestions`): the path exists, the method does not.
            let allowed = request.route.map { Self.shadowing($0, request: request, in: routes) } ?? Self.methods(request, in: routes)
            guard !allowed.isEmpty else { throw error }
            throw Self.refusal(request, allowed: allowed)
        }
    }

    static func refusal(_ request: Request, allowed: Set<String>) -> Abort {
        var allowed = allowed
        if allowed.contains("GET") { allowed.insert("HEAD") }
        return Abort(
            .methodNotAllowed, headers: ["Allow": allowed.sorted().joined(separator: ", ")],
            reason: "\(request.method.rawValue) is not allowed here; use \(allowed.sorted().joined(separator: " or "))")
    }

    static func segments(_ request: Request) -> [String] {
        request.url.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    /// The methods of every route matching the request's path.
    static func methods(_ request: Request, in routes: [(method: HTTPMethod, path: [PathComponent])]) -> Set<String> {
        let segments = segments(request)
        return Set(routes.filter { matches($0.path, segments) }.map(\.method.rawValue))
    }

    /// The methods of routes that match the path with more constant segments than the route that took the request:
    /// for those the path is theirs, and the method used is not one of them.
    static func shadowing(_ route: Route, request: Request, in routes: [(method: HTTPMethod, path: [PathComponent])]) -> Set<String> {
        let segments = segments(request)
        let constants = { (path: [PathComponent]) in path.filter { if case .constant = $0 { true } else { false } }.count }
        let taken = constants(route.path)
        return Set(
            routes.filter { $0.method != route.method && matches($0.path, segments) && constants($0.path) > taken }.map(\.method.rawValue))
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
