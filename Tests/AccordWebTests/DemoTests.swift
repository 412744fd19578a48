import AccordCore
import AccordStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// `serve --demo` shows a realistic program: every stage, several calendars, goals in every state.
@Suite("Demo program")
struct DemoTests {
    @Test func theDemoProgramHasPartnersInEveryStageAndGoalsInEveryState() async throws {
        try await withAccord { app in
            let loaded = try await DemoLoader(app: app).loadIfEmpty()
            #expect(loaded)
            let check1 = try await DemoLoader(app: app).loadIfEmpty()
            #expect(check1 == false)
            let admin = try await token(app, "Ada Admin", .programAdmin)
            try await app.testing().test(.GET, "/api/v1/partners", headers: admin) { res in
                let partners = try res.content.decode(DTO.Page<DTO.Partner>.self).items
                #expect(partners.count == 40)
                #expect(Set(partners.map(\.stage)) == Set(LifecycleStage.allCases.map(\.rawValue)))
                #expect(Set(partners.map(\.fiscalYearStartMonth)).count >= 3)
                #expect(Set(partners.map(\.businessModel)).count == BusinessModel.allCases.count)
            }
            try await app.testing().test(.GET, "/api/v1/goals", headers: admin) { res in
                let goals = try res.content.decode(DTO.Page<DTO.Goal>.self).items
                #expect(Set(goals.map(\.status)) == Set(GoalStatus.allCases.map(\.rawValue)))
                #expect(goals.contains { $0.carriedFrom != nil })
                #expect(goals.contains { $0.lowered })
            }
            let totals = try await AccordStore(database: app.db).factTotals(
                programID: try await AccordStore(database: app.db).programs()[0].id)
            #expect(totals.salesLines > 5_000 && totals.activities > 3_000)
            try await app.testing().test(.GET, "/", headers: admin) { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("Acme Integration"))
                #expect(res.body.string.contains("Nimbus Analytics"))
            }
        }
    }

    @Test func theDemoShowsEverySegmentBothLedgerKindsLevelRecommendationsScorecardsAndACoverageGap() async throws {
        try await withAccord { app in
            _ = try await DemoLoader(app: app).loadIfEmpty()
            let admin = try await token(app, "Ada Admin", .programAdmin)
            try await app.testing().test(.GET, "/api/v1/segments", headers: admin) { res in
                let rows = try res.content.decode(DTO.Page<InsightAPI.SegmentOut>.self).items
                #expect(Set(rows.map(\.segment)) == Set(Segment.allCases))
                #expect(rows.contains { $0.segment == .believer && $0.missingIngredient != nil })
            }
            let store = AccordStore(database: app.db)
            let program = try await store.programs()[0]
            let ledger = try await store.ledger(programID: program.id)
            #expect(ledger.contains(where: \.isGrant) && ledger.contains { !$0.isGrant })
            let recs = try await store.tierRecommendations(programID: program.id)
            #expect(
                recs.contains { $0.kind == .promote && $0.status == .open } && recs.contains { $0.kind == .demote && $0.status == .open })
            try await app.testing().test(.GET, "/api/v1/channel-managers", headers: admin) { res in
                let cards = try res.content.decode(DTO.Page<InsightAPI.ChannelManagerOut>.self).items
                #expect(cards.count == 4 && cards.allSatisfy { $0.partners > 0 })
            }
            try await app.testing().test(.GET, "/api/v1/planning/coverage", headers: admin) { res in
                let coverage = try res.content.decode(InsightAPI.CoverageOut.self)
                #expect((coverage.coverage ?? 1) < 1 && !coverage.conversationTopics.isEmpty)
            }
        }
    }

    @Test func theDemoShowsASeasonalAndARegionalProfileALoweredTargetAndSizingRangesWithRoundTargets() async throws {
        try await withAccord { app in
            _ = try await DemoLoader(app: app).loadIfEmpty()
            let admin = try await token(app, "Ada Admin", .programAdmin)
            let store = AccordStore(database: app.db)
            let program = try await store.programs()[0]
            #expect(!program.settings.seasonality.isFlat && program.settings.regionalSeasonality["APAC"] != nil)
            try await app.testing().test(.GET, "/api/v1/lowered-targets", headers: admin) { res in
                let report = try res.content.decode(LoweredTargetsAPI.Report.self)
                #expect(report.total == 1 && report.items.first?.reason.isEmpty == false)
            }
            // Revenue targets are round amounts a few to a few tens of percent over their baselines, never a cent above.
            let goals = try await store.goals(GoalQuery(seenBy: .accord, programID: program.id, metricKey: "revenue"))
            #expect(!goals.isEmpty)
            for goal in goals where goal.revisions.first?.origin == .proposal {
                #expect(goal.revisions[0].target % 100 == 0, "\(goal.revisions[0].target) is a round amount")
                if let baseline = goal.baseline?.value, baseline > 0 {
                    #expect(goal.revisions[0].target - baseline >= 100, "not the baseline plus a cent")
                }
            }
            // A carried-forward goal says whether it kept the missed target or was raised to the new period's minimum.
            let carried = try #require(goals.first { $0.isAgreedByCarryForward })
            var morgan = try await signedIn(app, "morgan.test", name: "Morgan Test", role: .programAdmin)
            #expect(try await morgan.get("/goals/\(carried.id)").body.string.contains("Carried forward from the missed goal of"))
            let partner = try #require(try await store.partners(of: program.id).first { $0.stage == .established })
            try await app.testing().test(
                .GET,
                "/api/v1/partners/\(partner.id)/baseline?metric=revenue&period=\(partner.calendar.period(.quarter, containing: app.clock.today).next.label.replacingOccurrences(of: " ", with: "%20"))",
                headers: admin
            ) { res in
                let baseline = try res.content.decode(DTO.Baseline.self)
                #expect(baseline.suggestedRange != nil && baseline.growthRate != nil, "\(res.body.string)")
            }
        }
    }
}
