import AccordCore
import AccordStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// DOMAIN §5 through the API: what a CAM and a partner see when they set goals together.
@Suite("§5 Goals through the API")
struct GoalAPITests {
    @Test func proposingATargetThatDoesNotBeatTheBaselineIsRefusedWith422() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            _ = try await world.propose(app, metric: "deal_registrations", target: "6")
            let response = try await world.propose(app, target: "100000")
            #expect(response.status == .unprocessableEntity)
            let reason = try #require(response.errorReason)
            #expect(reason.contains("$100,000.00"), "the message states the baseline: \(reason)")
            #expect(reason.contains("FY2025 Q4"))
        }
    }

    @Test func theBaselineIsShownBeforeATargetIsTyped() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            try await app.testing().test(
                .GET, "/api/v1/partners/\(world.partnerID)/baseline?metric=revenue&period=FY2026%20Q4", headers: world.cam
            ) { res in
                #expect(res.status == .ok)
                let baseline = try res.content.decode(DTO.Baseline.self)
                #expect(baseline.baseline == "100000.00")
                #expect(baseline.smallestAcceptableTarget == "100000.01")
            }
        }
    }

    @Test func aRevenueOnlyGoalSetIsRefused() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let response = try await world.propose(app, target: "120000")
            #expect(response.status == .unprocessableEntity)
            #expect(response.errorReason?.contains("revenue-only") == true)
        }
    }

    @Test func aGoalIsAgreedWhenBothSidesAcceptTheSameRevision() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            _ = try await world.propose(app, metric: "deal_registrations", target: "6")
            let proposed = try await world.propose(app, target: "130000").content.decode(DTO.Goal.self)
            #expect(proposed.status == "proposed" && proposed.awaitingSide == "partner")
            try await app.testing().test(
                .POST, "/api/v1/goals/\(proposed.id)/counter", headers: world.partnerAdmin, body: json(["target": "115000.00"])
            ) { res in
                #expect(res.status == .ok)
                let goal = try res.content.decode(DTO.Goal.self)
                #expect(goal.status == "proposed" && goal.awaitingSide == "vendor" && goal.revisions.count == 2)
            }
            try await app.testing().test(.POST, "/api/v1/goals/\(proposed.id)/accept", headers: world.partnerAdmin) { res in
                #expect(res.status == .unprocessableEntity, "the partner already accepted its own revision")
            }
            try await app.testing().test(.POST, "/api/v1/goals/\(proposed.id)/accept", headers: world.cam) { res in
                let goal = try res.content.decode(DTO.Goal.self)
                #expect(goal.status == "active", "agreed during its period, so active at once")
                #expect(goal.target == "115000.00")
                #expect(goal.acceptances.map(\.side) == ["vendor", "partner", "vendor"])
            }
        }
    }

    @Test func loweringAnAgreedTargetNeedsAnAdminAndAReason() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let goal = try await world.agreedRevenueGoal(app)
            try await app.testing().test(.POST, "/api/v1/goals/\(goal.id)/lower", headers: world.admin, body: json(["target": "110000"])) {
                res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorReason?.contains("reason") == true)
            }
            try await app.testing().test(
                .POST, "/api/v1/goals/\(goal.id)/lower", headers: world.cam, body: json(["target": "110000", "reason": "Budget freeze"])
            ) { res in
                // Lowering is a program admin's right (§5.3): anyone else is refused.
                #expect(res.status == .forbidden)
            }
            try await app.testing().test(
                .POST, "/api/v1/goals/\(goal.id)/lower", headers: world.admin,
                body: json(["target": "110000", "reason": "Budget freeze at the largest customer"])
            ) { res in
                #expect(res.status == .ok)
                let lowered = try res.content.decode(DTO.Goal.self)
                #expect(lowered.target == "110000.00" && lowered.lowered)
            }
            try await app.testing().test(.GET, "/api/v1/audit?entity=goal&entity_id=\(goal.id.uuidString)", headers: world.admin) { res in
                let page = try res.content.decode(DTO.Page<DTO.AuditEntryDTO>.self)
                let lower = try #require(page.items.first)
                #expect(
                    lower.action == "lower" && lower.reason == "Budget freeze at the largest customer" && lower.user == "token Ada Admin")
                #expect(lower.before?.contains("12000000") == true && lower.after?.contains("11000000") == true)
            }
        }
    }

    @Test func aMissedGoalReappearsNextPeriodWithTheSameTargetAfterClosePeriod() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let goal = try await world.agreedRevenueGoal(app, target: "120000")
            // Only $50,000 is sold in the quarter.
            try await app.testing().test(
                .POST, "/api/v1/facts/sales", headers: world.cam,
                body: json([
                    "lines": [
                        [
                            "transaction_id": "Q4-1", "partner_key": "GX-1", "date": "2026-11-02", "amount": "50000", "currency": "USD",
                            "customer": "Initech",
                        ]
                    ]
                ])
            ) { res in #expect(res.status == .created) }
            app.clock = .fixed(Day(year: 2027, month: 1, day: 2).noonUTC)
            try await runCommand(ClosePeriodCommand(), ["accord close-period"], app: app)
            try await app.testing().test(.GET, "/api/v1/goals?partner_id=\(world.partnerID)", headers: world.cam) { res in
                let goals = try res.content.decode(DTO.Page<DTO.Goal>.self).items
                let closed = try #require(goals.first { $0.id == goal.id })
                #expect(closed.status == "missed" && closed.closingActual == "50000.00")
                let carried = try #require(goals.first { $0.carriedFrom == goal.id })
                #expect(carried.period == "FY2027 Q1")
                #expect(carried.target == "120000.00")
                #expect(carried.status == "active")
                // Agreed by the rule of §5.3, in nobody's name (issue 16 item 15).
                #expect(carried.acceptances.isEmpty)
                #expect(carried.agreedByCarryForward)
                #expect(carried.revisions.map(\.author) == ["Accord, period close"])
            }
            // Running the close again changes nothing.
            try await runCommand(ClosePeriodCommand(), ["accord close-period"], app: app)
            try await app.testing().test(.GET, "/api/v1/goals?partner_id=\(world.partnerID)&status=active", headers: world.cam) { res in
                let active = try res.content.decode(DTO.Page<DTO.Goal>.self).items
                #expect(active.filter { $0.metric == "revenue" }.count == 1)
            }
        }
    }

    /// Period close saves goals in chunks (AccordStore.goalChunk); a program with more goals than several chunks
    /// closes and carries forward every one of them, with their revisions, acceptances and audit entries (DOMAIN §5.3).
    @Test func closingMoreGoalsThanOneSaveChunkClosesAndCarriesForwardEveryGoal() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let agreed = try await world.agreedRevenueGoal(app)
            let store = AccordStore(database: app.db)
            let template = try await store.goal(agreed.id, seenBy: .accord)
            let programID = try await store.programID(ofGoal: agreed.id)
            let copies = (0..<1_100).map { _ in
                Goal.restore(
                    id: UUID(), partnerID: template.partnerID, period: template.period, metricKey: template.metricKey,
                    ownerSide: template.ownerSide, baseline: template.baseline, status: template.status, revisions: template.revisions,
                    acceptances: template.acceptances, decline: nil, carriedFrom: nil, overrides: [], closingActual: nil,
                    createdAt: template.createdAt)
            }
            try await store.save(copies.map { ($0, "create") }, programID: programID, by: .accord, at: Date())
            app.clock = .fixed(Day(year: 2027, month: 1, day: 2).noonUTC)
            try await runCommand(ClosePeriodCommand(), ["accord close-period"], app: app)

            let revenue = try await store.goals(GoalQuery(seenBy: .accord, programID: programID, metricKey: "revenue"))
            let missed = revenue.filter { $0.status == .missed }
            let carried = revenue.filter { $0.carriedFrom != nil }
            #expect(missed.count == 1_101 && revenue.count == 2_202)
            #expect(Set(carried.compactMap(\.carriedFrom)) == Set(missed.map(\.id)))
            #expect(
                carried.allSatisfy {
                    $0.status == .active && $0.target == template.target && $0.revisions.count == 1 && $0.acceptances.isEmpty
                })
            let audit = try await store.auditEntries(entity: "goal", limit: 10_000)
            #expect(audit.filter { $0.action == "missed" }.count == 1_101)
            #expect(audit.filter { $0.action == "carry_forward" }.count == 1_101)
        }
    }

    @Test func scorecardReportsAttainmentImprovementAndPacing() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            _ = try await world.agreedRevenueGoal(app, target: "120000")
            try await app.testing().test(
                .POST, "/api/v1/facts/sales", headers: world.cam,
                body: json([
                    "lines": [
                        [
                            "transaction_id": "Q4-1", "partner_key": "GX-1", "date": "2026-10-10", "amount": "90000", "currency": "USD",
                            "customer": "Initech",
                        ]
                    ]
                ])
            ) { res in #expect(res.status == .created) }
            try await app.testing().test(.GET, "/api/v1/partners/\(world.partnerID)/scorecard", headers: world.cam) { res in
                #expect(res.status == .ok)
                let card = try res.content.decode(DTO.Scorecard.self)
                #expect(card.period == "FY2026 Q4")
                #expect(card.vendorPeriods.hasPrefix("FY2026 Q4 (1 Oct – 31 Dec 2026) = Vendor FY2027 Q3"))
                let revenue = try #require(card.goals.first { $0.goal.metric == "revenue" })
                #expect(revenue.actual == "90000.00")
                #expect(revenue.attainment == 0.75)
                #expect(revenue.improvementProgress == -0.5)
                #expect(revenue.pacingStatus == "on_track")
            }
        }
    }
}

/// Runs a CLI command the way `accord` does, against the test application.
func runCommand(_ command: some AsyncCommand, _ arguments: [String], app: Application) async throws {
    var context = CommandContext(console: app.console, input: CommandInput(arguments: arguments))
    context.application = app
    try await command.run(using: &context)
}
