import AccordContract
import Vapor

/// A query parameter that the API contract (`openapi/openapi.yaml`) does not declare for an operation is refused
/// with a 400 naming it, never ignored: a filter that is not understood must not quietly return everything.
struct QueryContract: AsyncMiddleware {
    /// `METHOD /path/{param}` (below /api/v1) → the query parameters the operation declares.
    let declared: [String: Set<String>]

    init(contract: APIContract, routes: Routes) {
        self.routes = routes
        var declared: [String: Set<String>] = [:]
        for operation in contract.operations {
            declared["\(operation.method) \(operation.path)"] = Set(operation.parameters.filter { $0.location == "query" }.map(\.name))
        }
        self.declared = declared
    }

    /// The application's routes, read when a request comes (they are all registered by then, not when this is made).
    let routes: Routes

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let route = request.route {
            // A path another method owns (POST on `/plans/:planID/suggestions`) is a 405, before its query is judged.
            let shadowing = MethodNotAllowed.shadowing(route, request: request, in: routes.all.map { ($0.method, $0.path) })
            guard shadowing.isEmpty else { throw MethodNotAllowed.refusal(request, allowed: shadowing) }
            if let names = declared[Self.operation(route)] { try request.onlyQuery(names) }
        }
        return try await next.respond(to: request)
    }

    /// A route as the contract names its operation.
    static func operation(_ route: Route) -> String {
        let parts = route.path.map { component -> String in
            switch component {
            case .constant(let text): text
            case .parameter(let name): "{\(name)}"
            case .anything: "*"
            case .catchall: "**"
            }
        }
        return "\(route.method.rawValue) /" + parts.dropFirst(2).joined(separator: "/")
    }
}
