import AccordCore
import AccordStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// DOMAIN §5.1, §5.5 — what a proposal is grounded in, through the baseline endpoint and the propose form: the
/// baseline (absent without history), recent growth, headroom and a suggested range that never blocks a bolder goal.
@Suite("§5.5 Realistic sizing through the API and the propose form")
struct RealisticSizingWebTests {
    /// Partner A: $50,000 in FY2024 Q4 (the earlier twelve months), and a capacity profile with half its engineers certified.
    static func grounded(_ app: Application) async throws -> World {
        let world = try await World.make(app)
        let csv = "transaction_id,partner_key,date,amount,currency,customer\nE1,GX-1,2024-11-10,50000.00,USD,Initech\n"
        try await app.testing().test(.POST, "/api/v1/imports/sales", headers: world.cam, body: ByteBuffer(string: csv)) { res in
            #expect(res.status == .created)
        }
        try await app.testing().test(
            .POST, "/api/v1/partners/\(world.partnerID)/capacity", headers: world.cam,
            body: json([
                "as_of": "2026-10-01", "company_revenue": "10000000", "vendor_revenue_ttm": "400000", "engineers": 10,
                "certified_engineers": 5,
            ])
        ) { res in #expect(res.status == .created, "\(res.body.string)") }
        return world
    }

    @Test func theBaselineEndpointShowsGrowthHeadroomAndASuggestedRange() async throws {
        try await withAccord { app in
            let world = try await Self.grounded(app)
            try await app.testing().test(
                .GET, "/api/v1/partners/\(world.partnerID)/baseline?metric=revenue&period=FY2026%20Q4", headers: world.cam
            ) { res in
                #expect(res.status == .ok, "\(res.body.string)")
                let b = try res.content.decode(DTO.Baseline.self)
                #expect(b.baseline == "100000.00" && b.smallestAcceptableTarget == "100000.01")
                // $100,000 in the twelve months to 30 Sep 2026 against $50,000 in the twelve before: +100 %.
                #expect(b.growthRate == 1 && b.growthCompared == "the 12 months to 30 Sep 2026 against the 12 months before")
                #expect(b.shareOfWallet == 0.04 && b.certifiedShare == 0.5)
                // Fully certified it could sell $800,000 a year, $400,000 more; Oct–Dec is 92 of 365 days of it.
                #expect(b.headroom == "100821.92")
                #expect(b.suggestedRange?.low == "100000.01" && b.suggestedRange?.high == "200000.00")
            }
            // A bolder target than the range is still accepted: a suggestion, never a limit.
            #expect(try await world.propose(app, metric: "deal_registrations", target: "6").status == .created)
            #expect(try await world.propose(app, target: "450000").status == .created)
        }
    }

    @Test func aPeriodWithoutHistoryHasNoBaselineAndNoRangeNeverZero() async throws {
        try await withAccord { app in
            let world = try await Self.grounded(app)
            // FY2027 Q4 compares with FY2026 Q4, which has not ended on 23 November 2026.
            try await app.testing().test(
                .GET, "/api/v1/partners/\(world.partnerID)/baseline?metric=revenue&period=FY2027%20Q4", headers: world.cam
            ) { res in
                #expect(res.status == .ok)
                let raw = try JSONSerialization.jsonObject(with: Data(buffer: res.body)) as? [String: Any]
                #expect(raw?["baseline"] == nil && raw?["smallest_acceptable_target"] == nil && raw?["suggested_range"] == nil)
                #expect((raw?["sizing_explanation"] as? String)?.hasPrefix("No history yet") == true)
            }
            // The other partner never sold a deal registration: no history, no baseline.
            try await app.testing().test(
                .GET, "/api/v1/partners/\(world.otherPartnerID)/baseline?metric=deal_registrations&period=FY2026%20Q4", headers: world.cam
            ) { res in
                let b = try res.content.decode(DTO.Baseline.self)
                #expect(b.baseline == nil && b.smallestAcceptableTarget == nil)
            }
        }
    }

    @Test func theProposeFormShowsTheRangeBesideTheTarget() async throws {
        try await withAccord { app in
            let world = try await Self.grounded(app)
            var casey = try await signedIn(app, "casey", name: "Casey CAM", role: .channelManager)
            let form = try await casey.get("/partners/\(world.partnerID)/goals/new?period=FY2026%20Q4&metric=revenue")
            let html = form.body.string
            #expect(html.contains("Suggested range: <span class=\"sizing-range\">$100,000.01 – $200,000.00</span>"))
            #expect(html.contains("+100 %") && html.contains("not a limit"))
            #expect(html.contains("$100,821.92 (share of wallet 4 %, 50 % of engineers certified)"))
            let ahead = try await casey.get("/partners/\(world.partnerID)/goals/new?period=FY2027&metric=revenue")
            #expect(ahead.body.string.contains("no history yet"))
        }
    }
}
