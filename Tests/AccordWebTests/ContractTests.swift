import AccordContract
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// `openapi/openapi.yaml` is the API's contract: every route under /api/v1 is in it, and everything in it is a route.
@Suite("API contract")
struct ContractTests {
    /// `METHOD /path/{param}` of every route under /api/v1, as the app registers them.
    static func apiRoutes(_ app: Application) -> Set<String> {
        Set(
            app.routes.all.compactMap { route -> String? in
                guard route.path.count > 2, route.path[0].description == "api", route.path[1].description == "v1" else { return nil }
                return QueryContract.operation(route)
            })
    }

    @Test func theSpecAndTheRegisteredRoutesNameTheSameOperations() async throws {
        let contract = try APIContract.shipped.get()
        #expect(contract.basePath == "/api/v1")
        let specified = Set(contract.operations.map { "\($0.method) \($0.path)" })
        try await withAccord { app in
            let registered = Self.apiRoutes(app)
            #expect(
                registered.subtracting(specified).isEmpty, "routes missing from openapi.yaml: \(registered.subtracting(specified).sorted())"
            )
            #expect(specified.subtracting(registered).isEmpty, "operations without a route: \(specified.subtracting(registered).sorted())")
            #expect(registered.count > 50)
        }
    }

    @Test func everyOperationHasAnIdASummaryATagAndAnErrorResponse() throws {
        let contract = try APIContract.shipped.get()
        let tags = Set(contract.tags.map(\.name))
        for op in contract.operations {
            #expect(!op.id.isEmpty && !op.summary.isEmpty, "\(op.method) \(op.path)")
            #expect(tags.contains(op.tag), "\(op.method) \(op.path) has tag '\(op.tag)'")
            #expect(op.responses.contains { $0.status == "default" }, "\(op.method) \(op.path) documents no errors")
            #expect(op.responses.contains { $0.status.hasPrefix("2") }, "\(op.method) \(op.path) documents no success")
        }
        #expect(Set(contract.operations.map(\.id)).count == contract.operations.count, "operation ids are unique")
    }

    /// What a summary says about who may call an operation is what the route answers: "(program admins)" refuses a
    /// channel manager, "(vendor staff)" refuses a partner admin — and `lower` says it is the admin's override it is.
    @Test func whoASummarySaysMayCallAnOperationIsWhoTheRouteLetsIn() async throws {
        let contract = try APIContract.shipped.get()
        let lower = try #require(contract.operations.first { $0.id == "lowerGoal" })
        #expect(lower.summary.contains("at once") && lower.summary.contains("(program admins)"))
        #expect(!(lower.summary + lower.description).contains("must accept"), "the override needs nobody's acceptance")
        try await withAccord { app in
            let world = try await World.make(app)
            let goal = try await world.agreedRevenueGoal(app)
            func path(_ op: APIContract.Operation) -> String {
                var path = "/api/v1" + op.path
                for (name, value) in [
                    ("{programID}", world.programID), ("{partnerID}", world.partnerID), ("{goalID}", goal.id),
                ] {
                    path = path.replacingOccurrences(of: name, with: value.uuidString)
                }
                while let open = path.firstIndex(of: "{"), let close = path[open...].firstIndex(of: "}") {
                    path.replaceSubrange(open...close, with: UUID().uuidString)
                }
                return path
            }
            let claims: [(marker: String, outsider: HTTPHeaders, who: String)] = [
                ("(program admins)", world.cam, "a channel manager"), ("(vendor staff)", world.partnerAdmin, "a partner admin"),
            ]
            var checked = 0
            for op in contract.operations {
                for claim in claims where op.summary.contains(claim.marker) {
                    let method = HTTPMethod(rawValue: op.method.uppercased())
                    try await app.testing().test(method, path(op), headers: claim.outsider, body: method == .POST ? json([:]) : nil) {
                        res in
                        #expect(
                            res.status == .forbidden, "\(op.method) \(op.path) says \(claim.marker) but answers \(claim.who) \(res.status)")
                    }
                    checked += 1
                }
            }
            #expect(checked >= 20)
        }
    }

    @Test func theDocumentIsServedAsWrittenAndAsAReferencePage() async throws {
        try await withAccord { app in
            try await app.testing().test(.GET, "/api/v1/openapi.yaml") { res in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.description.hasPrefix("application/yaml") == true)
                #expect(res.body.string == APIContract.yaml)
            }
            try await app.testing().test(.GET, "/docs/api") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("/api/v1/partners/{partnerID}/scorecard"))
                #expect(res.body.string.contains("id=\"schema-Goal\""))
            }
        }
    }

    @Test func aKnownPathWithAnotherMethodAnswers405WithAllow() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            try await app.testing().test(.DELETE, "/api/v1/goals", headers: world.cam) { res in
                #expect(res.status == .methodNotAllowed)
                #expect(res.headers.first(name: "Allow") == "GET, HEAD, POST")
                #expect(res.errorReason?.contains("DELETE is not allowed") == true)
            }
            try await app.testing().test(.PUT, "/api/v1/partners/\(world.partnerID)/stage", headers: world.cam) { res in
                #expect(res.status == .methodNotAllowed)
                #expect(res.headers.first(name: "Allow") == "POST")
            }
            try await app.testing().test(.GET, "/api/v1/no-such-thing", headers: world.cam) { res in
                #expect(res.status == .notFound)
            }
            // A path that a general route also matches (`POST /plans/{planID}/{action}`) but another method owns
            // (`GET /plans/{planID}/suggestions`) is a 405 too, whatever its query says.
            try await app.testing().test(
                .POST, "/api/v1/plans/\(UUID())/suggestions?objective=\(UUID())&period_kind=month", headers: world.cam
            ) { res in
                #expect(res.status == .methodNotAllowed)
                #expect(res.headers.first(name: "Allow") == "GET, HEAD")
            }
            // A handler's own 404 (a missing partner) stays a 404.
            try await app.testing().test(.GET, "/api/v1/partners/\(UUID())", headers: world.cam) { res in
                #expect(res.status == .notFound)
            }
        }
    }
}
