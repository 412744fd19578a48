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
}
