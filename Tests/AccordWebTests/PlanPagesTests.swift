import AccordCore
import AccordStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// Writing, sharing, agreeing and revising a plan in the browser (DOMAIN §10).
@Suite("§10 Plan pages")
struct PlanPagesTests {
    static let form: [String: String] = [
        "why": "Secure edge for mid-market healthcare", "first_fiscal_year": "2026", "horizon_years": "2", "segment": "Healthcare",
        "size": "1000000", "share": "5", "cadence": "quarterly",
        "responsibilities": "vendor; Two campaigns a year; Casey CAM\npartner; Certify four engineers; Pat Partner",
        "participants": "Casey CAM; vendor; Channel manager",
        "objectives": "revenue; partner; 400000; Revenue in FY2027\ncertified_engineers; partner; 8; Eight certified engineers",
        "milestones": "2027-03-31; First healthcare reference",
    ]

    @Test func aPlanWrittenInTheBrowserIsSharedAgreedAndRevised() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            var cam = try await signedIn(app, "casey", name: "Casey CAM", role: .channelManager)
            let page = try await cam.get("/partners/\(world.partnerID)/plans/new")
            #expect(page.status == .ok)
            let csrf = Browser.csrf(in: page)
            var bad = Self.form
            bad["responsibilities"] = "vendor; Two campaigns a year; Casey CAM\nboth; Everything; Everyone"
            let refused = try await cam.post("/partners/\(world.partnerID)/plans/new", form: bad.merging(["_csrf": csrf]) { $1 })
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.string.contains(#"id="responsibilities-error">Line 2: the side is vendor or partner, not &apos;both&apos;."#)
                    || refused.body.string.contains("Line 2: the side is vendor or partner"))
            #expect(refused.body.string.contains("Secure edge for mid-market healthcare"), "what was typed is kept")
            let created = try await cam.post("/partners/\(world.partnerID)/plans/new", form: Self.form.merging(["_csrf": csrf]) { $1 })
            #expect(created.status == .seeOther)
            let planPath = try #require(created.headers.first(name: .location))
            let plan = try await cam.get(planPath)
            #expect(plan.body.string.contains("Internal draft (vendor only)") && plan.body.string.contains("$50,000.00"))
            #expect(try await cam.post(planPath + "/share", form: ["_csrf": csrf]).status == .seeOther)

            var pat = try await signedIn(app, "pat", name: "Pat Partner", role: .partnerAdmin, partner: world.partnerID)
            let patCSRF = Browser.csrf(in: try await pat.get(planPath))
            #expect(try await pat.post(planPath + "/accept", form: ["_csrf": patCSRF]).status == .seeOther)
            #expect(try await pat.get(planPath).body.string.contains(">Agreed<"))

            var revised = Self.form
            revised["share"] = "8"
            let edit = try await cam.get(planPath + "/edit")
            #expect(edit.body.string.contains("Eight certified engineers"), "a revision starts from the plan as it is")
            #expect(try await cam.post(planPath + "/revise", form: revised.merging(["_csrf": csrf]) { $1 }).status == .seeOther)
            let after = try await cam.get(planPath)
            #expect(after.body.string.contains("Revision 2 (revision 1 stays agreed meanwhile)"))
        }
    }
}
