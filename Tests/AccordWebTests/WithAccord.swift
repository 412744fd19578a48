import AccordCore
import AccordStore
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// The date the web tests live on: FY2026 Q4 for a calendar-year partner (Oct–Dec 2026).
let testToday = Day(year: 2026, month: 11, day: 23)

/// Runs `body` against a configured Accord on a fresh database: in-memory SQLite, or a new schema of
/// `TEST_DATABASE_URL`'s PostgreSQL that is dropped afterwards, so tests run in parallel.
func withAccord<T>(today: Day = testToday, _ body: (Application) async throws -> T) async throws -> T {
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    let schema = "w_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    let location: DatabaseLocation = url.map { .postgres(url: $0, schema: String(schema)) } ?? .sqliteMemory
    func dropSchema() async {
        if url != nil, let sql = app.db as? any SQLDatabase {
            try? await sql.raw("DROP SCHEMA IF EXISTS \(ident: String(schema)) CASCADE").run()
        }
    }
    do {
        try await configure(
            app, options: AccordOptions(database: location, clock: .fixed(today.noonUTC), autoMigrate: false, bcryptCost: 4))
        if url != nil, let sql = app.db as? any SQLDatabase { try await sql.raw("CREATE SCHEMA \(ident: String(schema))").run() }
        try await app.autoMigrate()
        let result = try await body(app)
        await dropSchema()
        try await app.asyncShutdown()
        return result
    } catch {
        await dropSchema()
        try? await app.asyncShutdown()
        throw error
    }
}

/// Creates an API token for a role and returns headers that use it.
func token(_ app: Application, _ name: String, _ role: Role, partner: UUID? = nil) async throws -> HTTPHeaders {
    let secret = Secrets.token(prefix: "acc")
    _ = try await AccordStore(database: app.db).createToken(
        name: name, tokenHash: Secrets.hash(secret), role: role, partnerID: partner, by: Actor(name: "test setup", role: .programAdmin),
        at: app.clock.now())
    return ["Authorization": "Bearer \(secret)", "Content-Type": "application/json"]
}

/// A program with two calendar-year partners in two portfolios, and a token for every role. Partner A's
/// FY2025 Q4 revenue was $100,000.00: the baseline of FY2026 Q4.
struct World {
    let programID: UUID
    let partnerID: UUID
    let otherPartnerID: UUID
    let admin: HTTPHeaders
    /// The channel manager owning partner A.
    let cam: HTTPHeaders
    /// A channel manager owning partner B only.
    let otherCAM: HTTPHeaders
    let partnerAdmin: HTTPHeaders
    let partnerMember: HTTPHeaders
    /// Partner B's admin.
    let otherPartnerAdmin: HTTPHeaders

    static func make(_ app: Application) async throws -> World {
        let admin = try await token(app, "Ada Admin", .programAdmin)
        var programID: UUID!
        try await app.testing().test(
            .POST, "/api/v1/programs", headers: admin,
            body: json(["name": "Test program", "currency": "USD", "fiscal_year_start_month": 2])
        ) { res in
            #expect(res.status == .created)
            programID = try res.content.decode(DTO.Program.self).id
        }
        func partner(_ name: String, _ key: String, cam: String) async throws -> UUID {
            var id: UUID!
            try await app.testing().test(
                .POST, "/api/v1/partners", headers: admin,
                body: json([
                    "name": name, "external_key": key, "business_model": "reseller", "region": "EMEA",
                    "channel_manager": cam, "fiscal_year_start_month": 1, "stage": "established",
                ])
            ) { res in
                #expect(res.status == .created)
                id = try res.content.decode(DTO.Partner.self).id
            }
            return id
        }
        let partnerID = try await partner("Globex Resellers", "GX-1", cam: "Casey CAM")
        let otherPartnerID = try await partner("Initrode Systems", "IN-2", cam: "Olive CAM")
        let world = World(
            programID: programID, partnerID: partnerID, otherPartnerID: otherPartnerID, admin: admin,
            cam: try await token(app, "Casey CAM", .channelManager), otherCAM: try await token(app, "Olive CAM", .channelManager),
            partnerAdmin: try await token(app, "Pat Partner", .partnerAdmin, partner: partnerID),
            partnerMember: try await token(app, "Mo Member", .partnerMember, partner: partnerID),
            otherPartnerAdmin: try await token(app, "Ivy Initrode", .partnerAdmin, partner: otherPartnerID))
        let csv = """
            transaction_id,partner_key,date,amount,currency,customer
            H1,GX-1,2025-10-15,60000.00,USD,Initech
            H2,GX-1,2025-11-20,40000.00,USD,Umbrella
            H3,IN-2,2025-10-15,70000.00,USD,Hooli
            """
        try await app.testing().test(.POST, "/api/v1/imports/sales", headers: world.cam, body: ByteBuffer(string: csv)) { res in
            #expect(res.status == .created)
        }
        try await app.testing().test(
            .POST, "/api/v1/facts/activities", headers: world.cam,
            body: json([
                "records": [
                    ["activity_id": "D1", "partner_key": "GX-1", "date": "2025-10-02", "metric": "deal_registrations", "value": "4"]
                ]
            ])
        ) { res in #expect(res.status == .created) }
        return world
    }

    /// Proposes (as the CAM) and returns the response.
    func propose(
        _ app: Application, metric: String = "revenue", target: String, period: String = "FY2026 Q4", headers: HTTPHeaders? = nil,
        confirmFarTarget: Bool = false
    ) async throws -> TestingHTTPResponse {
        var response: TestingHTTPResponse!
        var body: [String: Any] = [
            "partner_id": partnerID.uuidString, "period": period, "metric": metric, "target": target,
            "behaviour": "Win two reference customers in healthcare",
        ]
        if confirmFarTarget { body["confirm_far_target"] = true }
        try await app.testing().test(.POST, "/api/v1/goals", headers: headers ?? cam, body: json(body)) { response = $0 }
        return response
    }

    /// A balanced, agreed set for FY2026 Q4: deal registrations first, then revenue. Returns the revenue goal.
    func agreedRevenueGoal(_ app: Application, target: String = "120000") async throws -> DTO.Goal {
        let deals = try await propose(app, metric: "deal_registrations", target: "6")
        #expect(deals.status == .created)
        let revenue = try await propose(app, target: target)
        #expect(revenue.status == .created, "\(revenue.body.string)")
        let goal = try revenue.content.decode(DTO.Goal.self)
        var agreed: DTO.Goal!
        try await app.testing().test(.POST, "/api/v1/goals/\(goal.id)/accept", headers: partnerAdmin) { res in
            #expect(res.status == .ok)
            agreed = try res.content.decode(DTO.Goal.self)
        }
        return agreed
    }
}

func json(_ object: Any) -> ByteBuffer {
    ByteBuffer(data: try! JSONSerialization.data(withJSONObject: object))
}

extension TestingHTTPResponse {
    /// The `error.reason` of a JSON error body.
    var errorReason: String? {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any])
            .flatMap { $0["error"] as? [String: Any] }?["reason"] as? String
    }
}
