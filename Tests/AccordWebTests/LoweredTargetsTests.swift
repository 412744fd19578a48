import AccordCore
import AccordStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// DOMAIN §5.3 — lowering an agreed target is an explicit override, counted in "targets lowered this year" on the
/// overview, the partner page, the channel-manager scorecard, the API and the export.
@Suite("§5.3 Targets lowered this year")
struct LoweredTargetsTests {
    /// Partner A's agreed FY2026 Q4 revenue goal of $120,000, lowered by the admin to $110,000 with a reason.
    static func lowered(_ app: Application) async throws -> (World, DTO.Goal) {
        let world = try await World.make(app)
        let goal = try await world.agreedRevenueGoal(app)
        try await app.testing().test(
            .POST, "/api/v1/goals/\(goal.id)/lower", headers: world.admin,
            body: json(["target": "110000", "reason": "Largest customer froze its budget"])
        ) { res in #expect(res.status == .ok) }
        return (world, goal)
    }

    @Test func targetsLoweredThisYearAreListedWithBeforeAfterWhoWhenAndWhy() async throws {
        try await withAccord { app in
            let (world, goal) = try await Self.lowered(app)
            // A period by its days, both inside it: never the exclusive end (1 January).
            #expect(goal.periodFirstDay == Day(year: 2026, month: 10, day: 1) && goal.periodLastDay == Day(year: 2026, month: 12, day: 31))
            try await app.testing().test(.GET, "/api/v1/lowered-targets", headers: world.cam) { res in
                #expect(res.status == .ok)
                let report = try res.content.decode(LoweredTargetsAPI.Report.self)
                // The program's year starts in February: on 23 Nov 2026 "this year" is FY2027.
                #expect(report.year == "FY2027" && report.yearFirstDay == Day(year: 2026, month: 2, day: 1))
                #expect(report.total == 1)
                let line = try #require(report.items.first)
                #expect(line.goalId == goal.id && line.partner == "Globex Resellers" && line.channelManager == "Casey CAM")
                #expect(line.targetBefore == "120000.00" && line.targetAfter == "110000.00")
                #expect(line.loweredBy == "token Ada Admin", "API tokens act under their own name")
                #expect(line.role == "program_admin" && line.reason == "Largest customer froze its budget")
                #expect(
                    line.periodFirstDay == Day(year: 2026, month: 10, day: 1) && line.periodLastDay == Day(year: 2026, month: 12, day: 31))
            }
            try await app.testing().test(.GET, "/api/v1/lowered-targets?channel_manager=Olive%20CAM", headers: world.cam) { res in
                let report = try res.content.decode(LoweredTargetsAPI.Report.self)
                #expect(report.total == 0)
            }
            // The partner reads its own, without the vendor's portfolio owner; nobody reads another partner's.
            try await app.testing().test(.GET, "/api/v1/partners/\(world.partnerID)/lowered-targets", headers: world.partnerAdmin) { res in
                #expect(res.status == .ok)
                let report = try res.content.decode(LoweredTargetsAPI.Report.self)
                #expect(report.total == 1 && report.items.first?.channelManager == nil)
            }
            try await app.testing().test(
                .GET, "/api/v1/partners/\(world.partnerID)/lowered-targets", headers: world.otherPartnerAdmin
            ) { res in
                #expect(res.status != .ok && !res.body.string.contains("froze"))
            }
            try await app.testing().test(.GET, "/api/v1/partners/\(world.otherPartnerID)/lowered-targets", headers: world.cam) { res in
                let report = try res.content.decode(LoweredTargetsAPI.Report.self)
                #expect(report.total == 0)
            }
            try await app.testing().test(.GET, "/api/v1/lowered-targets", headers: world.partnerAdmin) { res in
                #expect(res.status == .forbidden)
            }
            // The audit log reads in the program's terms, the raw record kept beside it.
            try await app.testing().test(.GET, "/api/v1/audit?entity=goal&entity_id=\(goal.id)", headers: world.admin) { res in
                let entries = try res.content.decode(DTO.Page<DTO.AuditEntryDTO>.self).items
                let lowering = try #require(entries.first { $0.reason == "Largest customer froze its budget" })
                #expect(lowering.changes.map(\.field) == ["Target"])
                #expect(lowering.changes.first?.before == "$120,000.00" && lowering.changes.first?.after == "$110,000.00")
                #expect(lowering.after?.contains("11000000") == true)
            }
            try await app.testing().test(.GET, "/api/v1/channel-managers", headers: world.cam) { res in
                let cards = try res.content.decode(DTO.Page<InsightAPI.ChannelManagerOut>.self).items
                #expect(cards.first { $0.channelManager == "Casey CAM" }?.loweredTargets == 1)
                #expect(cards.first { $0.channelManager == "Olive CAM" }?.loweredTargets == 0)
            }
        }
    }

    @Test func theOverviewThePartnerPageTheReportAndItsCSVShowTheLowering() async throws {
        try await withAccord { app in
            let (world, goal) = try await Self.lowered(app)
            var ada = try await signedIn(app, "ada", name: "Ada Admin", role: .programAdmin)
            let overview = try await ada.get("/")
            #expect(overview.body.string.contains("target lowered in FY2027"))
            #expect(overview.body.string.contains(#"href="/lowered-targets""#), "the tile opens the list it counts")
            let report = try await ada.get("/lowered-targets")
            #expect(report.status == .ok)
            for text in [
                "Globex Resellers", "$120,000.00", "$110,000.00", "Ada Admin (Program admin)", "Largest customer froze its budget",
            ] {
                #expect(report.body.string.contains(text), "\(text)")
            }
            let csv = try await ada.get("/lowered-targets.csv")
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv")
            #expect(csv.body.string.contains("120000.00") && csv.body.string.contains("110000.00") && csv.body.string.contains("froze"))
            var pat = try await signedIn(app, "pat", name: "Pat Partner", role: .partnerAdmin, partner: world.partnerID)
            let partnerPage = try await pat.get("/partners/\(world.partnerID)")
            #expect(partnerPage.body.string.contains("Targets lowered in FY2027") && partnerPage.body.string.contains("froze its budget"))
            #expect(try await pat.get("/lowered-targets").status == .forbidden, "the program-wide report is vendor staff's")
            // The goal's own page: its dates, and its history in the program's terms.
            let goalPage = try await pat.get("/goals/\(goal.id)").body.string
            #expect(goalPage.contains("FY2026 Q4 (1 Oct – 31 Dec 2026)"))
            #expect(goalPage.contains("Target: $120,000.00 → $110,000.00"))
        }
    }
}
