import AccordCore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// Bad input gets a clear 4xx with a JSON message, never a 500 (Standards).
@Suite("Bad requests")
struct BadRequestTests {
    @Test func badRequestsGetA4xxWithAJSONMessage() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let p = world.partnerID.uuidString
            let cases: [(HTTPMethod, String, HTTPHeaders, ByteBuffer?, HTTPStatus)] = [
                (.POST, "/api/v1/goals", world.cam, ByteBuffer(string: "{not json"), .badRequest),
                (.POST, "/api/v1/goals", world.cam, json(["partner_id": p]), .badRequest),
                (.POST, "/api/v1/goals", ["Content-Type": "application/json"], json(["partner_id": p]), .unauthorized),
                (
                    .POST, "/api/v1/goals", world.partnerMember,
                    json(["partner_id": p, "period": "FY2026 Q4", "metric": "deal_registrations", "target": "9", "behaviour": "x"]),
                    .forbidden
                ),
                (
                    .POST, "/api/v1/goals", world.cam,
                    json(["partner_id": UUID().uuidString, "period": "FY2026 Q4", "metric": "revenue", "target": "1", "behaviour": "x"]),
                    .notFound
                ),
                (
                    .POST, "/api/v1/goals", world.cam,
                    json(["partner_id": p, "period": "FY2026 Q9", "metric": "revenue", "target": "1", "behaviour": "x"]),
                    .unprocessableEntity
                ),
                (
                    .POST, "/api/v1/goals", world.cam,
                    json(["partner_id": p, "period": "FY2026 Q4", "metric": "vibes", "target": "1", "behaviour": "x"]), .notFound
                ),
                (
                    .POST, "/api/v1/goals", world.cam,
                    json(["partner_id": p, "period": "FY2026 Q4", "metric": "deal_registrations", "target": "lots", "behaviour": "x"]),
                    .unprocessableEntity
                ),
                (
                    .POST, "/api/v1/goals", world.cam,
                    json(["partner_id": p, "period": "FY2026 Q4", "metric": "deal_registrations", "target": "9", "behaviour": "  "]),
                    .unprocessableEntity
                ),
                (
                    .POST, "/api/v1/goals", world.cam,
                    json(["partner_id": p, "period": "FY2025 Q1", "metric": "deal_registrations", "target": "9", "behaviour": "x"]),
                    .unprocessableEntity
                ),
                (.GET, "/api/v1/goals/not-a-uuid", world.cam, nil, .notFound),
                (.GET, "/api/v1/goals/\(UUID())", world.cam, nil, .notFound),
                (.POST, "/api/v1/goals/\(UUID())/accept", world.partnerAdmin, nil, .notFound),
                (.GET, "/api/v1/partners?stage=famous", world.cam, nil, .badRequest),
                (
                    .POST, "/api/v1/partners", world.cam,
                    json([
                        "name": "X", "external_key": " bad", "business_model": "reseller", "region": "EU", "channel_manager": "C",
                        "fiscal_year_start_month": 1,
                    ]), .unprocessableEntity
                ),
                (
                    .POST, "/api/v1/partners", world.cam,
                    json([
                        "name": "X", "external_key": "X1", "business_model": "reseller", "region": "EU", "channel_manager": "C",
                        "fiscal_year_start_month": 13,
                    ]), .unprocessableEntity
                ),
                (
                    .POST, "/api/v1/partners", world.cam,
                    json([
                        "name": "X", "external_key": "GX-1", "business_model": "reseller", "region": "EU", "channel_manager": "C",
                        "fiscal_year_start_month": 1,
                    ]), .conflict
                ),
                (
                    .POST, "/api/v1/partners", world.partnerAdmin,
                    json([
                        "name": "X", "external_key": "X2", "business_model": "reseller", "region": "EU", "channel_manager": "C",
                        "fiscal_year_start_month": 1,
                    ]), .forbidden
                ),
                (.POST, "/api/v1/partners/\(p)/stage", world.cam, json(["stage": "exited", "reason": ""]), .unprocessableEntity),
                (.POST, "/api/v1/partners/\(p)/stage", world.cam, json(["stage": "recruited", "reason": "why not"]), .unprocessableEntity),
                (
                    .POST, "/api/v1/partners/\(p)/capacity", world.cam,
                    json([
                        "as_of": "2026-01-01", "company_revenue": "10", "vendor_revenue_ttm": "20", "engineers": 1,
                        "certified_engineers": 0,
                    ]), .unprocessableEntity
                ),
                (.POST, "/api/v1/facts/sales", world.cam, json(["lines": []]), .unprocessableEntity),
                (
                    .POST, "/api/v1/facts/sales", world.cam,
                    json([
                        "lines": [
                            [
                                "transaction_id": "Z", "partner_key": "GX-1", "date": "2026-10-01", "amount": "1.001", "currency": "USD",
                                "customer": "C",
                            ]
                        ]
                    ]), .unprocessableEntity
                ),
                (.POST, "/api/v1/imports/bananas", world.cam, ByteBuffer(string: "a,b"), .notFound),
                (
                    .POST, "/api/v1/programs/\(world.programID)/metrics", world.admin,
                    json([
                        "key": "Bad Key", "name": "x", "unit": "count", "aggregation": "sum", "direction": "higher_is_better",
                        "category": "activity",
                    ]), .unprocessableEntity
                ),
                (
                    .POST, "/api/v1/programs/\(world.programID)/metrics", world.admin,
                    json([
                        "key": "demos", "name": "Demos", "unit": "lots", "aggregation": "sum", "direction": "higher_is_better",
                        "category": "activity",
                    ]), .badRequest
                ),
                (.GET, "/api/v1/nowhere", [:], nil, .notFound),
            ]
            for (method, path, headers, body, status) in cases {
                try await app.testing().test(method, path, headers: headers, body: body) { res in
                    #expect(res.status == status, "\(method) \(path) → \(res.status.code) \(res.body.string)")
                    #expect(res.headers.contentType == .json, "\(method) \(path) answers JSON")
                    #expect(res.errorReason?.isEmpty == false, "\(method) \(path) says why")
                }
            }
        }
    }

    @Test func pagesAnswerMissingRecordsWithAnHTMLPage() async throws {
        try await withAccord { app in
            let admin = try await token(app, "Ada Admin", .programAdmin)
            try await app.testing().test(.GET, "/partners/\(UUID())", headers: admin) { res in
                #expect(res.status == .notFound)
                #expect(res.headers.contentType == .html)
                #expect(res.body.string.contains("Not found"))
            }
            try await app.testing().test(.GET, "/", headers: admin) { res in
                #expect(res.status == .notFound)
                #expect(res.body.string.contains("accord serve --demo"))
            }
        }
    }
}
