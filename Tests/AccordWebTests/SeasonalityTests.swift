import AccordCore
import AccordStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// DOMAIN §6 — seasonality profiles set through the API, the settings page and the CLI's rules; pacing, the maintained
/// progress and the charts follow them.
@Suite("§6 Seasonality through the API and the settings page")
struct SeasonalityTests {
    /// Jan–Oct 1, Nov 2, Dec 3.
    static let yearEnd: [Double] = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3]

    static func expected(_ app: Application, _ world: World, goal: UUID) async throws -> String? {
        var value: String?
        try await app.testing().test(.GET, "/api/v1/partners/\(world.partnerID)/scorecard", headers: world.cam) { res in
            #expect(res.status == .ok)
            value = try res.content.decode(DTO.Scorecard.self).goals.first { $0.goal.id == goal }?.expectedToDate
        }
        return value
    }

    @Test func aProgramAdminSetsARegionsProfileAndItsPartnersGoalsArePacedByIt() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let goal = try await world.agreedRevenueGoal(app)
            // Flat by days: 54 of FY2026 Q4's 92 days are over on 23 November.
            #expect(try await Self.expected(app, world, goal: goal.id) == "70434.78")
            let store = AccordStore(database: app.db)
            try await store.bringStandings(programID: world.programID, to: testToday)
            let path = "/api/v1/programs/\(world.programID)/settings/seasonality"
            try await app.testing().test(
                .POST, path, headers: world.admin, body: json(["regions": [["name": "EMEA", "weights": Self.yearEnd]]])
            ) {
                res in
                #expect(res.status == .ok, "\(res.body.string)")
                let program = try res.content.decode(DTO.Program.self)
                #expect(program.seasonality?.program == nil && program.seasonality?.regions.map(\.name) == ["EMEA"])
            }
            // The profiles are the vendor's configuration: a partner user reads the program without them.
            try await app.testing().test(.GET, "/api/v1/programs/\(world.programID)", headers: world.partnerAdmin) { res in
                #expect(res.status == .ok && !res.body.string.contains("seasonality") && !res.body.string.contains("EMEA"))
            }
            // October's weight 1 and 23 of November's 30 days at 2 = 2.533… of the quarter's 6: $50,666.67 of $120,000.
            #expect(try await Self.expected(app, world, goal: goal.id) == "50666.67")
            #expect(try await store.standingDifferences(programID: world.programID).isEmpty, "the maintained progress follows at once")
            let stored = try #require(try await store.standings(goalIDs: [goal.id]).first)
            #expect(abs(stored.figures.pacing.expectedToDate - 5_066_666.67) < 1, "the stored standing is re-paced too")
            // A profile elsewhere leaves EMEA's partners on their own.
            try await app.testing().test(
                .POST, path, headers: world.admin,
                body: json(["program": Array(Self.yearEnd.reversed()), "regions": [["name": "EMEA", "weights": Self.yearEnd]]])
            ) { res in #expect(res.status == .ok) }
            #expect(try await Self.expected(app, world, goal: goal.id) == "50666.67")
            // The whole set is replaced: no regional profile and a flat program profile again.
            try await app.testing().test(.POST, path, headers: world.admin, body: json(["program": NSNull()])) { res in
                #expect(res.status == .ok)
            }
            #expect(try await Self.expected(app, world, goal: goal.id) == "70434.78")
            #expect(try await store.standingDifferences(programID: world.programID).isEmpty)
            try await app.testing().test(.GET, "/api/v1/audit?entity=program", headers: world.admin) { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("EMEA"), "each change is in the audit log")
            }
        }
    }

    @Test func aProfileThatIsNotTwelveNonNegativeWeightsIsRefusedWithItsFieldAndOnlyAdminsMayChangeOne() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let path = "/api/v1/programs/\(world.programID)/settings/seasonality"
            let cases: [(Any, String)] = [
                (["program": [1, 2, 3]], "twelve monthly weights, not 3"),
                (["program": [-1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]], "zero or more"),
                (["program": Array(repeating: 0, count: 12)], "above zero"),
                (["regions": [["name": "EMEA", "weights": Self.yearEnd], ["name": "EMEA", "weights": Self.yearEnd]]], "two profiles"),
                (["solutions": [["name": "", "weights": Self.yearEnd]]], "1 to 100 characters"),
            ]
            for (body, message) in cases {
                try await app.testing().test(.POST, path, headers: world.admin, body: json(body)) { res in
                    #expect(res.status == .unprocessableEntity, "\(body)")
                    #expect(res.errorReason?.contains(message) == true, "\(res.errorReason ?? "")")
                }
            }
            try await app.testing().test(.POST, path, headers: world.admin, body: json(["program": ["a"]])) { res in
                #expect(res.status == .badRequest)
            }
            try await app.testing().test(.POST, path, headers: world.admin, body: json(["seasons": Self.yearEnd])) { res in
                #expect(res.status == .badRequest, "an unknown field is refused, not ignored")
            }
            for headers in [world.cam, world.partnerAdmin] {
                try await app.testing().test(.POST, path, headers: headers, body: json(["program": Self.yearEnd])) { res in
                    #expect(res.status == .forbidden)
                }
            }
            let program = try await AccordStore(database: app.db).program(world.programID)
            #expect(
                program.settings.seasonality == .flatByDays && program.settings.regionalSeasonality.isEmpty, "nothing refused was saved")
        }
    }

    @Test func theSettingsPageSavesAProfileAndShowsBesideItWhatItCouldNotRead() async throws {
        try await withAccord { app in
            _ = try await World.make(app)
            var ada = try await signedIn(app, "ada", name: "Ada Admin", role: .programAdmin)
            let page = try await ada.get("/settings/seasonality")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Program default") && page.body.string.contains("Flat by days"))
            let csrf = Browser.csrf(in: page)
            var form = ["_csrf": csrf, "kind": "region", "name": "APAC", "action": "save"]
            for month in 1...12 { form["m\(month)"] = month == 12 ? "lots" : "1" }
            let refused = try await ada.post("/settings/seasonality", form: form)
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.string.contains("Dec: &apos;lots&apos; is not a number")
                    || refused.body.string.contains("Dec: 'lots' is not a number"))
            #expect(refused.body.string.contains(#"value="lots""#), "what was typed is kept")
            form["m12"] = "2.5"
            let saved = try await ada.post("/settings/seasonality", form: form)
            #expect(saved.status == .seeOther)
            let after = try await ada.get("/settings/seasonality?saved=1")
            #expect(after.body.string.contains("Region: APAC") && after.body.string.contains(#"value="2.5""#))
            let program = try await AccordStore(database: app.db).program(try await AccordStore(database: app.db).programs()[0].id)
            #expect(program.settings.regionalSeasonality["APAC"]?.monthlyWeights?.last == 2.5)
            // A channel manager reads the page but has no form to change it.
            var casey = try await signedIn(app, "casey", name: "Casey CAM", role: .channelManager)
            let read = try await casey.get("/settings/seasonality")
            #expect(read.status == .ok && read.body.string.contains("Region: APAC") && !read.body.string.contains("Add the profile"))
        }
    }

    @Test func theCommandLineSetsAndRemovesProfilesByTheSameRules() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let store = AccordStore(database: app.db)
            try await runCommand(
                SeasonalityCommand(), ["seasonality", "--region", "EMEA", "--weights", "1,1,1,1,1,1,1,1,1,1,2,3"], app: app)
            #expect(try await store.program(world.programID).settings.regionalSeasonality["EMEA"]?.monthlyWeights?.last == 3)
            await #expect(throws: InputError.self) {
                try await runCommand(SeasonalityCommand(), ["seasonality", "--weights", "1,2,3"], app: app)
            }
            await #expect(throws: InputError.self) {
                try await runCommand(SeasonalityCommand(), ["seasonality", "--weights", "1,1,1,1,1,1,1,1,1,1,1,x"], app: app)
            }
            try await runCommand(SeasonalityCommand(), ["seasonality", "--region", "EMEA", "--remove"], app: app)
            #expect(try await store.program(world.programID).settings.regionalSeasonality.isEmpty)
            #expect(try await store.standingDifferences(programID: world.programID).isEmpty)
        }
    }

    @Test func twoAdminsChangingDifferentSettingsAtOnceKeepBothChanges() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let seasonality = "/api/v1/programs/\(world.programID)/settings/seasonality"
            let motivation = "/api/v1/programs/\(world.programID)/settings/motivation"
            // Two admins at the same moment: each change is applied to the settings as they are at its commit, so the
            // one that lands second keeps the first instead of reverting it (a busy database may answer 409 instead).
            let answers = try await withThrowingTaskGroup(of: (String, HTTPStatus).self) { group in
                group.addTask {
                    var status = HTTPStatus.internalServerError
                    try await app.testing().test(
                        .POST, seasonality, headers: world.admin, body: json(["regions": [["name": "EMEA", "weights": Self.yearEnd]]])
                    ) { status = $0.status }
                    return ("seasonality", status)
                }
                group.addTask {
                    var status = HTTPStatus.internalServerError
                    try await app.testing().test(.POST, motivation, headers: world.admin, body: json(["tier_grace_years": 3])) {
                        status = $0.status
                    }
                    return ("motivation", status)
                }
                return try await group.reduce(into: [String: HTTPStatus]()) { $0[$1.0] = $1.1 }
            }
            #expect(answers.values.allSatisfy { $0 == .ok || $0 == .conflict }, "\(answers)")
            let program = try await AccordStore(database: app.db).program(world.programID)
            #expect((program.settings.regionalSeasonality["EMEA"] != nil) == (answers["seasonality"] == .ok))
            #expect((program.settings.tierGraceYears == 3) == (answers["motivation"] == .ok))
        }
    }
}
