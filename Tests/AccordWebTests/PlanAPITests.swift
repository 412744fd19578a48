import AccordCore
import AccordStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// Joint business plans and reviews through the API (DOMAIN §10, §11).
@Suite("§10 §11 Plans and reviews through the API")
struct PlanAPITests {
    static func planBody(horizon: Int = 2) -> ByteBuffer {
        json([
            "why": "Bring secure edge to mid-market healthcare together", "first_fiscal_year": 2027, "horizon_years": horizon,
            "opportunity": ["segment": "Mid-market healthcare", "size": "4000000", "intended_share": 0.05],
            "responsibilities": [
                ["side": "vendor", "description": "Two joint campaigns a year", "owner": "Casey CAM"],
                ["side": "partner", "description": "Certify four engineers", "owner": "Pat Partner"],
            ],
            "participants": [["name": "Casey CAM", "side": "vendor", "role": "Channel manager"]],
            "cadence": "quarterly",
            "objectives": [["metric": "revenue", "owner_side": "partner", "target": "600000", "description": "Revenue in FY2028"]],
            "milestones": [["title": "First healthcare reference", "due": "2027-03-31"]],
        ])
    }

    @Test func aPlanIsWrittenInternallySharedAndAgreedByBothSides() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            var plan: PlansAPI.PlanOut!
            try await app.testing().test(.POST, "/api/v1/partners/\(world.partnerID)/plans", headers: world.cam, body: Self.planBody()) {
                res in
                #expect(res.status == .created)
                plan = try res.content.decode(PlansAPI.PlanOut.self)
                #expect(plan.status == "internal_draft" && plan.valueToCapture == 200_000_00)
            }
            // An internal draft is the vendor's: the partner's users get a 404, as for a plan that does not exist.
            try await app.testing().test(.GET, "/api/v1/plans/\(plan.id)", headers: world.partnerAdmin) { #expect($0.status == .notFound) }
            try await app.testing().test(.GET, "/api/v1/partners/\(world.partnerID)/plans", headers: world.partnerAdmin) { res in
                let visible = try res.content.decode(DTO.Page<PlansAPI.PlanOut>.self)
                #expect(visible.total == 0)
            }
            // Only an agreed plan counts for commitment (DOMAIN §8), not a draft.
            let store = AccordStore(database: app.db)
            let partners = [world.partnerID, world.otherPartnerID]
            #expect(try await store.partnersWithAgreedPlan(partners).isEmpty)
            try await app.testing().test(.POST, "/api/v1/plans/\(plan.id)/share", headers: world.cam) { #expect($0.status == .ok) }
            try await app.testing().test(.POST, "/api/v1/plans/\(plan.id)/accept", headers: world.partnerAdmin) { res in
                #expect(res.status == .ok)
                let agreed = try res.content.decode(PlansAPI.PlanOut.self)
                #expect(agreed.status == "agreed")
            }
            #expect(try await store.partnersWithAgreedPlan(partners) == [world.partnerID])
            // Agreement schedules the reviews on the partner's quarter ends.
            try await app.testing().test(.GET, "/api/v1/partners/\(world.partnerID)/reviews", headers: world.partnerAdmin) { res in
                let reviews = try res.content.decode(DTO.Page<PlansAPI.ReviewOut>.self).items
                #expect(reviews.first?.period == "FY2026 Q4")
                #expect(reviews.count == 9, "FY2026 Q4 through FY2028 Q4")
            }
        }
    }

    @Test func interimSuggestionsComeFromTheObjectiveAndBeatTheirBaselines() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            var plan: PlansAPI.PlanOut!
            try await app.testing().test(.POST, "/api/v1/partners/\(world.partnerID)/plans", headers: world.cam, body: Self.planBody()) {
                res in
                plan = try res.content.decode(PlansAPI.PlanOut.self)
            }
            let objective = plan.content.objectives[0].id
            try await app.testing().test(.GET, "/api/v1/plans/\(plan.id)/suggestions?objective=\(objective)", headers: world.cam) { res in
                #expect(res.status == .ok)
                let items = try res.content.decode(DTO.Page<PlansAPI.SuggestionOut>.self).items
                #expect(
                    items.map(\.period) == [
                        "FY2027 Q1", "FY2027 Q2", "FY2027 Q3", "FY2027 Q4", "FY2028 Q1", "FY2028 Q2", "FY2028 Q3", "FY2028 Q4",
                    ])
                let lastYear = items.suffix(4).compactMap { Decimal(string: $0.target) }.reduce(0, +)
                #expect(lastYear == 600_000)
                for item in items {
                    if let baseline = item.baseline { #expect(Decimal(string: item.target)! > Decimal(string: baseline)!) }
                }
            }
        }
    }

    @Test func suggestionsBecomeGoalProposalsInOneStepAndRememberTheirObjective() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            var plan: PlansAPI.PlanOut!
            try await app.testing().test(.POST, "/api/v1/partners/\(world.partnerID)/plans", headers: world.cam, body: Self.planBody()) {
                res in
                plan = try res.content.decode(PlansAPI.PlanOut.self)
            }
            let objective = plan.content.objectives[0].id
            let path = "/api/v1/plans/\(plan.id)/objectives/\(objective)/propose"
            // The goal rules still hold: a revenue goal needs a goal of another category in its period first.
            try await app.testing().test(.POST, path, headers: world.cam, body: json(["count": 1])) { res in
                let outcome = try res.content.decode(PlansAPI.ProposedOut.self)
                #expect(outcome.proposed.isEmpty && outcome.skipped.first?.reason.contains("revenue-only") == true)
            }
            _ = try await world.propose(app, metric: "deal_registrations", target: "3", period: "FY2027 Q1")
            try await app.testing().test(.POST, path, headers: world.cam, body: json(["count": 1])) { res in
                #expect(res.status == .created)
                let outcome = try res.content.decode(PlansAPI.ProposedOut.self)
                let goal = try #require(outcome.proposed.first)
                #expect(goal.period == "FY2027 Q1" && goal.metric == "revenue" && goal.objectiveId == objective)
                #expect(goal.status == "proposed" && goal.awaitingSide == "partner")
            }
            try await app.testing().test(.POST, path, headers: world.cam, body: json(["count": 1])) { res in
                let outcome = try res.content.decode(PlansAPI.ProposedOut.self)
                #expect(outcome.proposed.isEmpty && outcome.skipped.first?.reason.contains("already has") == true, "one step, not twice")
            }
        }
    }

    @Test func aHeldReviewKeepsItsSnapshotWhenLaterFactsArrive() async throws {
        try await withAccord(today: Day(year: 2027, month: 1, day: 5)) { app in
            let world = try await World.make(app)
            let store = AccordStore(database: app.db)
            _ = try await store.scheduleReviews(
                partnerID: world.partnerID, calendar: .calendarYear, cadence: .quarterly, from: Day(year: 2026, month: 12, day: 1),
                through: Day(year: 2027, month: 1, day: 5), at: app.clock.now())
            let review = try #require(try await store.reviews(partnerID: world.partnerID).first)
            #expect(review.period.label == "FY2025 Q4" || review.period.label == "FY2026 Q4")
            let hold = json([
                "attendees": [["name": "Casey CAM", "side": "vendor"], ["name": "Pat Partner", "side": "partner"]],
                "notes": "Strong pipeline", "decisions": ["Add a presales engineer"],
                "action_items": [["side": "partner", "owner": "Pat Partner", "title": "Hire presales", "due": "2027-01-04"]],
            ])
            var held: PlansAPI.ReviewOut!
            try await app.testing().test(.POST, "/api/v1/reviews/\(review.id)/hold", headers: world.cam, body: hold) { res in
                #expect(res.status == .ok, "\(res.body.string)")
                held = try res.content.decode(PlansAPI.ReviewOut.self)
            }
            #expect(held.overdueActionItems == 1, "due yesterday, still open")
            // A late sale for the reviewed quarter does not change what the review recorded.
            try await app.testing().test(
                .POST, "/api/v1/facts/sales", headers: world.cam,
                body: json([
                    "lines": [
                        [
                            "transaction_id": "LATE-1", "partner_key": "GX-1", "date": "2026-12-30", "amount": "99999", "currency": "USD",
                            "customer": "C",
                        ]
                    ]
                ])
            ) { #expect($0.status == .created) }
            let again = try await store.review(review.id)
            #expect(again.snapshot.map(\.actual) == held.snapshot.map(\.actual))
            #expect(!held.snapshot.isEmpty || again.snapshot.isEmpty)
            try await app.testing().test(.POST, "/api/v1/reviews/\(review.id)/hold", headers: world.cam, body: hold) { res in
                #expect(res.status == .unprocessableEntity && res.errorReason?.contains("already held") == true)
            }
            try await app.testing().test(.GET, "/api/v1/reviews/overdue", headers: world.cam) { res in
                let overdue = try res.content.decode(DTO.Page<PlansAPI.ReviewOut>.self).items
                #expect(overdue.contains { $0.id == review.id })
            }
        }
    }

    @Test func anActionItemIsMarkedDoneByItsOwnerAndLeavesTheOverdueList() async throws {
        try await withAccord(today: Day(year: 2027, month: 1, day: 5)) { app in
            let world = try await World.make(app)
            let store = AccordStore(database: app.db)
            _ = try await store.scheduleReviews(
                partnerID: world.partnerID, calendar: .calendarYear, cadence: .quarterly, from: Day(year: 2026, month: 12, day: 1),
                through: Day(year: 2027, month: 1, day: 5), at: app.clock.now())
            let review = try #require(try await store.reviews(partnerID: world.partnerID).first)
            let hold = json([
                "attendees": [["name": "Casey CAM", "side": "vendor"], ["name": "Pat Partner", "side": "partner"]],
                "action_items": [
                    ["side": "partner", "owner": "Pat Partner", "title": "Hire presales", "due": "2027-01-04"],
                    ["side": "vendor", "owner": "Casey CAM", "title": "Send the MDF plan", "due": "2027-01-20"],
                ],
            ])
            var held: PlansAPI.ReviewOut!
            try await app.testing().test(.POST, "/api/v1/reviews/\(review.id)/hold", headers: world.cam, body: hold) { res in
                held = try res.content.decode(PlansAPI.ReviewOut.self)
            }
            let overdueItem = try #require(held.actionItems.first { $0.owner == "Pat Partner" })
            let path = "/api/v1/reviews/\(review.id)/action-items/\(overdueItem.id)"
            try await app.testing().test(.POST, path, headers: world.partnerMember, body: json(["status": "done"])) { res in
                #expect(res.status == .forbidden, "a partner member changes nothing of its partner's")
            }
            try await app.testing().test(.POST, path, headers: world.cam, body: json(["status": "done"])) { res in
                #expect(res.status == .forbidden && res.errorReason?.contains("Only Pat Partner") == true, "\(res.errorReason ?? "")")
            }
            try await app.testing().test(.POST, path, headers: world.otherPartnerAdmin, body: json(["status": "done"])) { res in
                #expect(res.status == .notFound, "another partner's review is not there for them")
            }
            try await app.testing().test(.POST, path, headers: world.partnerAdmin, body: json(["status": "open"])) { res in
                #expect(res.status == .unprocessableEntity)
            }
            try await app.testing().test(.POST, path, headers: world.partnerAdmin, body: json(["status": "done"])) { res in
                #expect(res.status == .ok)
                let out = try res.content.decode(PlansAPI.ReviewOut.self)
                let item = try #require(out.actionItems.first { $0.id == overdueItem.id })
                #expect(item.status == "done" && item.closedOn == Day(year: 2027, month: 1, day: 5) && !item.overdue)
                #expect(out.overdueActionItems == 0 && out.snapshot == held.snapshot, "the frozen scorecard is untouched")
            }
            try await app.testing().test(.POST, path, headers: world.admin, body: json(["status": "dropped"])) { res in
                #expect(res.status == .conflict)
            }
            try await app.testing().test(
                .POST, "/api/v1/reviews/\(review.id)/action-items/\(UUID())", headers: world.admin, body: json(["status": "done"])
            ) { res in #expect(res.status == .notFound) }
            try await app.testing().test(.GET, "/api/v1/reviews/overdue", headers: world.cam) { res in
                let overdue = try res.content.decode(DTO.Page<PlansAPI.ReviewOut>.self).items
                #expect(!overdue.contains { $0.id == review.id }, "the flag followed the item")
            }
            try await app.testing().test(.GET, "/api/v1/audit?entity=review&entity_id=\(review.id)", headers: world.admin) { res in
                #expect(res.body.string.contains("close_action_item"))
            }
            // On the page: the owner of the vendor's item marks it done with a button.
            var casey = try await signedIn(app, "casey", name: "Casey CAM", role: .channelManager)
            let page = try await casey.get("/reviews/\(review.id)")
            #expect(page.body.string.contains("Mark done"))
            let vendorItem = try #require(held.actionItems.first { $0.owner == "Casey CAM" })
            let done = try await casey.post(
                "/reviews/\(review.id)/action-items/\(vendorItem.id)", form: ["_csrf": Browser.csrf(in: page), "status": "done"])
            #expect(done.status == .seeOther)
            let after = try await casey.get("/reviews/\(review.id)")
            #expect(after.body.string.contains("on 5 Jan 2027 by Casey CAM") && !after.body.string.contains("Mark done"))
        }
    }
}
