import AccordCore
import AccordStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// Motivation and insight end to end (DOMAIN §7, §8, §9, §12, §13): through the API, period close and the pages.
@Suite("Motivation and insight")
struct InsightTests {
    func post(_ app: Application, _ path: String, _ headers: HTTPHeaders, _ body: Any, expect status: HTTPStatus = .ok) async throws {
        try await app.testing().test(.POST, path, headers: headers, body: json(body)) { res in
            #expect(res.status == status, "\(path) → \(res.status) \(res.body.string)")
        }
    }

    func sell(_ app: Application, _ world: World, _ lines: [(String, String, String, String)]) async throws {
        try await post(
            app, "/api/v1/facts/sales", world.cam,
            [
                "lines": lines.map {
                    ["transaction_id": $0.0, "partner_key": $0.1, "date": $0.2, "amount": $0.3, "currency": "USD", "customer": "C-\($0.0)"]
                }
            ],
            expect: .created)
    }

    func ledger(_ app: Application, _ world: World) async throws -> InsightAPI.BenefitsOut {
        var out: InsightAPI.BenefitsOut!
        try await app.testing().test(.GET, "/api/v1/partners/\(world.partnerID)/benefits", headers: world.partnerMember) { res in
            #expect(res.status == .ok, "\(res.body.string)")
            out = try res.content.decode(InsightAPI.BenefitsOut.self)
        }
        return out
    }

    /// A revenue goal of $120,000 for FY2026 Q4 with its own terms, missed at $50,000 and closed after the quarter.
    func missRevenueGoal(_ app: Application, _ world: World) async throws -> DTO.Goal {
        let goal = try await world.agreedRevenueGoal(app, target: "120000")
        try await post(
            app, "/api/v1/goals/\(goal.id)/benefits", world.cam,
            [
                "rewards": [["kind": "mdf", "amount": "2500"]],
                "consequences": [["kind": "margin_uplift", "amount": "0.5", "detail": "until made"]],
            ])
        try await sell(app, world, [("Q4-1", "GX-1", "2026-11-02", "50000")])
        app.clock = .fixed(Day(year: 2027, month: 2, day: 2).noonUTC)
        try await runCommand(ClosePeriodCommand(), ["accord close-period"], app: app)
        return goal
    }

    @Test func aMissedGoalUnderACarrotOnlyPolicyWithdrawsNothing() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            _ = try await missRevenueGoal(app, world)
            let benefits = try await ledger(app, world)
            #expect(benefits.ledger.isEmpty, "the program's default policy is carrot")
            #expect(benefits.current.marginUplift == "0.00")
        }
    }

    @Test func achievedGoalsGrantAndMissedGoalsWithdrawAtPeriodCloseWhenThePolicyIsBoth() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            try await post(
                app, "/api/v1/programs/\(world.programID)/settings/motivation", world.admin,
                [
                    "motivation_policy": "both",
                    "benefit_defaults": [["category": "activity", "rewards": [["kind": "marketing_support", "detail": "campaign kit"]]]],
                ])
            let goal = try await missRevenueGoal(app, world)
            let benefits = try await ledger(app, world)
            let withdrawal = try #require(benefits.ledger.first { $0.goalId == goal.id })
            #expect(withdrawal.kind == .marginUplift && withdrawal.amount == -50 && !withdrawal.grant && withdrawal.detail == "until made")
            #expect(benefits.current.marginUplift == "-0.50" && benefits.current.mdfBalanceMinor == 0, "a missed goal grants nothing")
            // Closing again writes nothing twice.
            try await runCommand(ClosePeriodCommand(), ["accord close-period"], app: app)
            #expect(try await ledger(app, world).ledger.count == benefits.ledger.count)
        }
    }

    @Test func anAchievedGoalGrantsItsRewardsAndEarnsABadge() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let goal = try await world.agreedRevenueGoal(app, target: "120000")
            try await post(
                app, "/api/v1/goals/\(goal.id)/benefits", world.cam,
                ["rewards": [["kind": "mdf", "amount": "1"], ["kind": "mdf", "amount": "2"]]],
                expect: .unprocessableEntity)
            try await post(
                app, "/api/v1/goals/\(goal.id)/benefits", world.cam, ["rewards": [["kind": "mdf"]]], expect: .unprocessableEntity)
            try await post(app, "/api/v1/goals/\(goal.id)/benefits", world.cam, ["rewards": [["kind": "gold_bars"]]], expect: .badRequest)
            try await post(
                app, "/api/v1/goals/\(goal.id)/benefits", world.cam,
                ["rewards": [["kind": "mdf", "amount": "2500"], ["kind": "co_selling"]]])
            try await sell(app, world, [("Q4-1", "GX-1", "2026-11-02", "130000")])
            app.clock = .fixed(Day(year: 2027, month: 1, day: 5).noonUTC)
            try await runCommand(ClosePeriodCommand(), ["accord close-period"], app: app)
            let benefits = try await ledger(app, world)
            #expect(benefits.current.mdfBalance == "2500.00" && benefits.current.accesses == [.coSelling])
            #expect(benefits.badges == ["Revenue · FY2026 Q4"])
            try await app.testing().test(.GET, "/api/v1/recognition", headers: world.otherPartnerAdmin) { res in
                let board = try res.content.decode(InsightAPI.RecognitionOut.self)
                #expect(board.wall.map(\.partner) == ["Globex Resellers"])
            }
            // Terms of a closed goal no longer change.
            try await post(app, "/api/v1/goals/\(goal.id)/benefits", world.cam, ["rewards": []], expect: .conflict)
        }
    }

    @Test func aSmallPartnerWithTheLargestImprovementTopsTheLeaderboardAndAPartnerCanOptOut() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            try await sell(
                app, world,
                [
                    ("L1", "GX-1", "2025-08-10", "10000"), ("L2", "GX-1", "2026-08-10", "30000"), ("L3", "IN-2", "2025-08-10", "100000"),
                    ("L4", "IN-2", "2026-08-10", "120000"),
                ])
            try await app.testing().test(.GET, "/api/v1/recognition", headers: world.cam) { res in
                let board = try res.content.decode(InsightAPI.RecognitionOut.self).leaderboard
                #expect(board.map(\.partner) == ["Globex Resellers", "Initrode Systems"])
                #expect(board.first?.improvement == 2 && board.first?.actual == "30000.00")
            }
            try await app.testing().test(.GET, "/api/v1/recognition", headers: world.partnerMember) { res in
                #expect(!res.body.string.contains("120000"), "partner users see the ranking, not other partners' revenue")
            }
            try await post(
                app, "/api/v1/partners/\(world.partnerID)/recognition", world.partnerMember, ["shown": false], expect: .forbidden)
            try await post(
                app, "/api/v1/partners/\(world.partnerID)/recognition", world.partnerAdmin, ["shown": "maybe"], expect: .badRequest)
            var browser = try await signedIn(app, "pat", name: "Pat Partner", role: .partnerAdmin, partner: world.partnerID)
            let page = try await browser.get("/recognition")
            let refused = try await browser.post(
                "/partners/\(world.partnerID)/recognition", form: ["shown": "maybe", "_csrf": Browser.csrf(in: page)])
            #expect(refused.status == .badRequest)
            let stillShown = try await AccordStore(database: app.db).partner(world.partnerID).showOnRecognitionWall
            #expect(stillShown, "nothing changed")
            try await post(app, "/api/v1/partners/\(world.partnerID)/recognition", world.partnerAdmin, ["shown": false], expect: .noContent)
            try await app.testing().test(.GET, "/api/v1/recognition", headers: world.otherPartnerAdmin) { res in
                let names = try res.content.decode(InsightAPI.RecognitionOut.self).leaderboard.map(\.partner)
                #expect(names == ["Initrode Systems"])
            }
        }
    }

    @Test func aDemotionIsRecommendedAfterTheGracePeriodAndAppliedOnlyByAnAdmin() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let tiers: [[String: Any]] = [
                [
                    "name": "Registered", "minimum_trailing_revenue": "0", "minimum_certified_engineers": 0, "base_margin": "10",
                    "mdf_share": "0",
                ],
                [
                    "name": "Gold", "minimum_trailing_revenue": "1000000", "minimum_certified_engineers": 0, "base_margin": "20",
                    "mdf_share": "2",
                ],
            ]
            try await post(
                app, "/api/v1/programs/\(world.programID)/settings/motivation", world.admin, ["tiers": [tiers[1], tiers[0]]],
                expect: .unprocessableEntity)
            try await post(app, "/api/v1/programs/\(world.programID)/settings/motivation", world.admin, ["tiers": tiers])
            var partner = try await AccordStore(database: app.db).partner(world.partnerID)
            #expect(partner.tier == "Registered")
            // Globex is put at Gold by an earlier (applied) promotion, then sells $100,000 a year.
            let store = AccordStore(database: app.db)
            let promotion = TierRecommendation(
                partnerID: world.partnerID, asOf: Day(year: 2024, month: 2, day: 1), kind: .promote, fromTier: "Registered", toTier: "Gold",
                reason: "meets Gold")
            try await store.save([promotion], programID: world.programID)
            try await post(app, "/api/v1/tiers/recommendations/\(promotion.id)/apply", world.admin, [:])
            try await post(app, "/api/v1/tiers/review", world.admin, ["as_of": "2025-02-01"])
            try await post(app, "/api/v1/tiers/review", world.admin, ["as_of": "2026-02-01"])
            try await post(app, "/api/v1/tiers/review", world.admin, ["as_of": "2027-02-01"], expect: .unprocessableEntity)
            try await post(app, "/api/v1/tiers/review", world.admin, ["as_of": "2026-03-15"], expect: .unprocessableEntity)
            try await post(app, "/api/v1/tiers/review", world.admin, ["as_of": "last February"], expect: .badRequest)
            var recs: [InsightAPI.RecommendationOut] = []
            try await app.testing().test(.GET, "/api/v1/tiers", headers: world.cam) { res in
                recs = try res.content.decode(InsightAPI.TiersOut.self).recommendations.filter { $0.partnerId == world.partnerID }
            }
            #expect(recs.map(\.kind) == [.demote, .grace, .promote], "a grace year first, then the demotion")
            let demotion = try #require(recs.first)
            partner = try await store.partner(world.partnerID)
            #expect(partner.tier == "Gold", "recommended, not applied")
            try await post(app, "/api/v1/tiers/recommendations/\(demotion.id)/apply", world.cam, [:], expect: .forbidden)
            try await post(app, "/api/v1/tiers/recommendations/\(demotion.id)/apply", world.admin, [:])
            #expect(try await store.partner(world.partnerID).tier == "Registered")
            try await post(app, "/api/v1/tiers/recommendations/\(demotion.id)/dismiss", world.admin, [:], expect: .unprocessableEntity)
            #expect(
                try await store.auditEntries(entity: "partner", entityID: world.partnerID.uuidString).contains {
                    $0.action == "change_tier"
                })
        }
    }

    /// The plan for the vendor's FY2027 Q4 (Nov–Jan) is $200,000; Globex is the only partner with revenue in the same
    /// quarter a year earlier, so its expectation for its own FY2026 Q4 (Oct–Dec) is the Nov–Dec part: $132,608.70.
    func planned(_ app: Application, _ world: World) async throws {
        try await post(app, "/api/v1/planning/plans", world.admin, ["period": "FY2027 Q4", "amount": "200000"])
    }

    @Test func aPartnerUsersRequestForPlanningFiguresIsRefused() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            try await planned(app, world)
            for headers in [world.partnerAdmin, world.partnerMember] {
                for path in [
                    "/api/v1/planning/coverage", "/api/v1/partners/\(world.partnerID)/planning-expectation", "/api/v1/segments",
                    "/api/v1/tiers", "/api/v1/channel-managers",
                ] {
                    try await app.testing().test(.GET, path, headers: headers) { res in #expect(res.status == .forbidden, "\(path)") }
                }
                try await post(app, "/api/v1/planning/plans", headers, ["period": "FY2027", "amount": "1"], expect: .forbidden)
            }
            try await app.testing().test(
                .GET, "/api/v1/partners/\(world.partnerID)/planning-expectation?period=FY2027%20Q4", headers: world.cam
            ) {
                res in
                let expectation = try res.content.decode(InsightAPI.ExpectationOut.self)
                #expect(expectation.planningExpectationInternal == "200000.00")
            }
        }
    }

    @Test func aVendorTargetThatEchoesThePlanIsFlaggedToTheProposerOnlyAndCountedInCoverage() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            try await planned(app, world)
            _ = try await world.propose(app, metric: "deal_registrations", target: "6")
            let response = try await world.propose(app, target: "132000")
            #expect(response.status == .created, "\(response.body.string)")
            let goal = try response.content.decode(DTO.Goal.self)
            #expect(goal.topDownEcho?.contains("132608.70") == true, "the proposer hears it in the API too")
            var cam = try await signedIn(app, "casey", name: "Casey CAM", role: .channelManager)
            let camPage = try await cam.get("/goals/\(goal.id)")
            #expect(camPage.body.string.contains("Looks top-down"))
            #expect(camPage.body.string.contains("$132,608.70"))
            var partner = try await signedIn(app, "pat", name: "Pat Partner", role: .partnerAdmin, partner: world.partnerID)
            let partnerPage = try await partner.get("/goals/\(goal.id)")
            #expect(partnerPage.status == .ok)
            #expect(!partnerPage.body.string.contains("top-down") && !partnerPage.body.string.contains("planning expectation"))
            try await app.testing().test(.GET, "/api/v1/goals/\(goal.id)", headers: world.partnerAdmin) { res in
                #expect(!res.body.string.contains("expectation") && !res.body.string.contains("top_down"))
            }
            try await app.testing().test(.GET, "/api/v1/planning/coverage?period=FY2027%20Q4", headers: world.cam) { res in
                let coverage = try res.content.decode(InsightAPI.CoverageOut.self)
                #expect(coverage.plan == "200000.00" && coverage.echoGoals == 1 && coverage.agreedGoals == "0.00")
                #expect(coverage.conversationTopics.map(\.partner) == ["Globex Resellers"])
            }
        }
    }

    @Test func noPageOrAPIFieldCallsAGoalAQuota() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            try await planned(app, world)
            _ = try await world.agreedRevenueGoal(app)
            var admin = try await signedIn(app, "ada", name: "Ada Admin", role: .programAdmin)
            for path in [
                "/segments", "/coverage", "/coverage?period=FY2027%20Q4", "/tiers", "/channel-managers", "/recognition",
                "/partners/\(world.partnerID)",
            ] {
                let page = try await admin.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.body.string.lowercased().contains("quota"), "\(path)")
            }
            for path in ["/api/v1/planning/coverage?period=FY2027%20Q4", "/api/v1/segments", "/api/v1/channel-managers", "/api/v1/tiers"] {
                try await app.testing().test(.GET, path, headers: world.admin) { res in
                    #expect(res.status == .ok)
                    #expect(!res.body.string.lowercased().contains("quota"), "\(path)")
                }
            }
        }
    }

    @Test func segmentsAreKeptAsHistoryPerPeriodAtPeriodClose() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            _ = try await missRevenueGoal(app, world)
            try await app.testing().test(.GET, "/api/v1/segments", headers: world.cam) { res in
                let rows = try res.content.decode(DTO.Page<InsightAPI.SegmentOut>.self).items
                let globex = try #require(rows.first { $0.partnerId == world.partnerID })
                #expect(globex.history.keys.sorted() == ["FY2027 Q4"], "the ended vendor quarter with goals is kept")
                #expect((0...100).contains(globex.commitment) && (0...100).contains(globex.performance))
            }
            try await app.testing().test(.GET, "/api/v1/segments?period=FY20X", headers: world.cam) { res in
                #expect(res.status == .badRequest, "a filter that cannot be read is a 400")
            }
        }
    }

    @Test func channelManagerScorecardsCoverEveryPortfolio() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            _ = try await world.agreedRevenueGoal(app, target: "120000")
            try await sell(app, world, [("Q4-1", "GX-1", "2026-11-02", "60000")])
            try await app.testing().test(.GET, "/api/v1/channel-managers", headers: world.admin) { res in
                let cards = try res.content.decode(DTO.Page<InsightAPI.ChannelManagerOut>.self).items
                #expect(cards.map(\.channelManager) == ["Casey CAM", "Olive CAM"])
                #expect(cards[0].revenueAgreed == "120000.00" && cards[0].revenueActual == "60000.00" && cards[0].revenueAttainment == 0.5)
            }
        }
    }
}
