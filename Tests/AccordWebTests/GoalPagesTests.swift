import AccordCore
import AccordStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// The goal forms in the browser (DOMAIN §5.2, §5.3): a refused input comes back beside its field, as typed.
@Suite("§5 Goal pages")
struct GoalPagesTests {
    @Test func proposingOnThePageShowsTheReasonBesideTheFieldAndKeepsWhatWasTyped() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            var cam = try await signedIn(app, "casey", name: "Casey CAM", role: .channelManager)
            let path = "/partners/\(world.partnerID)/goals/new"
            let form = try await cam.get(path + "?period=FY2026%20Q4&metric=deal_registrations")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("4 (the actual of FY2025 Q4)"), "the baseline is shown before a target is typed")
            let csrf = Browser.csrf(in: form)
            let refused = try await cam.post(
                path,
                form: [
                    "_csrf": csrf, "period": "FY2026 Q4", "metric": "deal_registrations", "target": "4",
                    "behaviour": "Register <every> deal",
                ])
            #expect(refused.status == .unprocessableEntity)
            let html = refused.body.string
            #expect(html.contains(#"<p class="field-error" id="target-error">The target 4 does not beat the baseline"#))
            #expect(html.contains(#"name="target" id="target" value="4""#))
            #expect(html.contains("Register &lt;every&gt; deal"), "the behaviour is kept, escaped")
            let noBehaviour = try await cam.post(
                path, form: ["_csrf": csrf, "period": "FY2026 Q4", "metric": "deal_registrations", "target": "6", "behaviour": " "])
            #expect(noBehaviour.body.string.contains(#"id="behaviour-error">Say what behaviour the goal is meant to motivate."#))
            let done = try await cam.post(
                path,
                form: [
                    "_csrf": csrf, "period": "FY2026 Q4", "metric": "deal_registrations", "target": "6", "behaviour": "Register every deal",
                ])
            #expect(done.status == .seeOther && done.headers.first(name: .location)?.hasPrefix("/goals/") == true)
        }
    }

    @Test func aProposalWhoseMetricChangedAfterItsBaselineWasShownIsGroundedAgainNotSaved() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            var cam = try await signedIn(app, "casey", name: "Casey CAM", role: .channelManager)
            let path = "/partners/\(world.partnerID)/goals/new"
            let form = try await cam.get(path + "?period=FY2026%20Q4&metric=deal_registrations")
            #expect(form.body.string.contains(#"name="shown_metric" value="deal_registrations""#))
            #expect(form.body.string.contains(#"<select name="metric" id="metric" form="propose-goal">"#), "the select is the form's")
            let csrf = Browser.csrf(in: form)
            // The metric list now says Revenue, but the baseline shown was deal registrations': nothing is saved.
            let changed = try await cam.post(
                path,
                form: [
                    "_csrf": csrf, "period": "FY2026 Q4", "metric": "revenue", "shown_period": "FY2026 Q4",
                    "shown_metric": "deal_registrations", "target": "450000", "behaviour": "Grow revenue",
                ])
            #expect(changed.status == .unprocessableEntity)
            #expect(changed.body.string.contains("changed after its baseline was shown"))
            #expect(changed.body.string.contains("$100,000.00 (the actual of FY2025 Q4)"), "revenue's own baseline is shown")
            #expect(
                changed.body.string.contains(#"name="shown_metric" value="revenue""#) && changed.body.string.contains(#"value="450000""#))
            let store = AccordStore(database: app.db)
            #expect(try await store.goals(GoalQuery(seenBy: .accord, partnerID: world.partnerID)).isEmpty, "no goal was saved")
            // "Show the baseline" grounds the new choice and keeps what was typed, without a warning.
            let grounded = try await cam.post(
                path,
                form: [
                    "_csrf": csrf, "period": "FY2026 Q4", "metric": "revenue", "shown_period": "FY2026 Q4",
                    "shown_metric": "deal_registrations", "action": "ground", "target": "450000",
                ])
            #expect(grounded.status == .ok && !grounded.body.string.contains("changed after"))
            // Proposed as shown, it is saved as the revenue goal it says it is (after the balancing activity goal).
            #expect(try await world.propose(app, metric: "deal_registrations", target: "6").status == .created)
            let saved = try await cam.post(
                path,
                form: [
                    "_csrf": csrf, "period": "FY2026 Q4", "metric": "revenue", "shown_period": "FY2026 Q4", "shown_metric": "revenue",
                    "target": "450000", "behaviour": "Grow revenue",
                ])
            #expect(saved.status == .seeOther)
            let revenue = try await store.goals(GoalQuery(seenBy: .accord, partnerID: world.partnerID, metricKey: "revenue"))
            #expect(revenue.count == 1 && revenue.first?.target == 450_000_00)
        }
    }

    @Test func thePartnerAnswersOnTheGoalPage() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let proposed = try await world.propose(app, metric: "deal_registrations", target: "6").content.decode(DTO.Goal.self)
            var pat = try await signedIn(app, "pat", name: "Pat Partner", role: .partnerAdmin, partner: world.partnerID)
            let page = try await pat.get("/goals/\(proposed.id)")
            #expect(page.status == .ok && page.body.string.contains("Accept 6"))
            let csrf = Browser.csrf(in: page)
            let bad = try await pat.post("/goals/\(proposed.id)/counter", form: ["_csrf": csrf, "target": "lots"])
            #expect(bad.status == .unprocessableEntity)
            #expect(
                bad.body.string.contains(#"id="target-error">the target &apos;lots&apos; is not a number"#)
                    || bad.body.string.contains(#"id="target-error">the target 'lots' is not a number"#))
            #expect(bad.body.string.contains(#"value="lots""#))
            #expect(try await pat.post("/goals/\(proposed.id)/accept", form: [:]).status == .forbidden, "no CSRF token")
            let accepted = try await pat.post("/goals/\(proposed.id)/accept", form: ["_csrf": csrf])
            #expect(accepted.status == .seeOther)
            let after = try await pat.get("/goals/\(proposed.id)")
            #expect(after.body.string.contains("Active") && !after.body.string.contains("Accept 6"))
            #expect(after.body.string.contains("Pat Partner (partner)"))
        }
    }

    @Test func loweringOnTheGoalPageNeedsAReasonAndIsOfferedOnlyToAdmins() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let goal = try await world.agreedRevenueGoal(app)
            var cam = try await signedIn(app, "casey", name: "Casey CAM", role: .channelManager)
            #expect(!(try await cam.get("/goals/\(goal.id)")).body.string.contains("Lower the target"))
            var admin = try await signedIn(app, "ada", name: "Ada Admin", role: .programAdmin)
            let page = try await admin.get("/goals/\(goal.id)")
            #expect(page.body.string.contains("Lower the target"))
            let refused = try await admin.post(
                "/goals/\(goal.id)/lower", form: ["_csrf": Browser.csrf(in: page), "target": "110000", "reason": ""])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(#"id="reason-error">Lowering an agreed target needs a written reason."#))
            #expect(refused.body.string.contains(#"value="110000""#))
            let lowered = try await admin.post(
                "/goals/\(goal.id)/lower", form: ["_csrf": Browser.csrf(in: page), "target": "110000", "reason": "Budget freeze"])
            #expect(lowered.status == .seeOther)
            #expect(try await admin.get("/goals/\(goal.id)").body.string.contains("Budget freeze"))
        }
    }
}
