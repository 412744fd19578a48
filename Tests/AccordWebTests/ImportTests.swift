import AccordCore
import AccordStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// Facts in (DOMAIN §4): idempotent by id, all-or-nothing, every bad row named by its line.
@Suite("§4 Importing facts")
struct ImportTests {
    static let goodCSV = """
        transaction_id,partner_key,date,amount,currency,customer,solution,region
        T1,GX-1,2026-10-01,1000.00,USD,Initech,Firewall,EMEA
        T2,GX-1,2026-10-02,"2,5",USD,Umbrella,,EMEA
        """.replacingOccurrences(of: "\"2,5\"", with: "250.50")

    func totals(_ app: Application, _ world: World) async throws -> (Int, Int64) {
        let t = try await AccordStore(database: app.db).factTotals(programID: world.programID)
        return (t.salesLines, t.salesAmount)
    }

    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("accord-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func importingTheSameCSVTwiceLeavesTheTotalsUnchanged() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let before = try await totals(app, world)
            let path = try write(Self.goodCSV)
            defer { try? FileManager.default.removeItem(atPath: path) }
            try await runCommand(ImportCommand(), ["accord import", "sales", path], app: app)
            let once = try await totals(app, world)
            #expect(once.0 == before.0 + 2 && once.1 == before.1 + 125_050)
            try await runCommand(ImportCommand(), ["accord import", "sales", path], app: app)
            try await app.testing().test(.POST, "/api/v1/imports/sales", headers: world.cam, body: ByteBuffer(string: Self.goodCSV)) {
                res in
                #expect(res.status == .ok)
                let result = try res.content.decode(DTO.ImportResult.self)
                #expect(result.inserted == 0 && result.alreadyPresent == 2)
            }
            let twice = try await totals(app, world)
            #expect(twice == once)
            let differences = try await AccordStore(database: app.db).rollupDifferences(programID: world.programID)
            #expect(differences.isEmpty)
        }
    }

    @Test func skipInvalidWritesTheLeftOutRowsToARejectsFileWithLineAndReason() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let before = try await totals(app, world)
            let csv =
                "Invoice,partner_key,date,Net,currency,customer\nI1,GX-1,2026-10-01,5.00,USD,A\nI2,GX-1,2026-10-01,x,USD,B\nI1,GX-1,2026-10-02,5.00,USD,C\n"
            let path = try write(csv)
            let rejects = path + ".rejects.csv"
            defer { for file in [path, rejects] { try? FileManager.default.removeItem(atPath: file) } }
            try await runCommand(
                ImportCommand(),
                ["accord import", "sales", path, "--skip-invalid", "--quiet", "--map", "transaction_id=Invoice,amount=Net"],
                app: app)
            let written = try String(contentsOfFile: rejects, encoding: .utf8)
            #expect(
                written == "line,reason\r\n3,amount 'x' is not a number\r\n4,id 'I1' already appears on line 2 of this file\r\n")
            let after = try await totals(app, world)
            #expect(after.0 == before.0 + 1 && after.1 == before.1 + 5_00)
        }
    }

    @Test func theProgressLineShowsRowsPerSecondAndTheTimeLeft() {
        let progress = ImportProgress(bytes: 250, rows: 5_000, inserted: 5_000, problems: 2)
        let bar = ImportProgressBar.line(progress, totalBytes: 1_000, elapsed: 10, bar: true)
        #expect(bar == "[#######.......................]  25%  ETA 0:30  5,000 rows  500 rows/s  2 bad  0:10 elapsed")
        let plain = ImportProgressBar.line(progress, totalBytes: nil, elapsed: 10, bar: false)
        #expect(plain == "5,000 rows  500 rows/s  2 bad  0:10 elapsed")
    }

    @Test func aCSVWithOneBadRowImportsNothingAndNamesTheLine() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let before = try await totals(app, world)
            let csv = Self.goodCSV + "\nT3,GX-1,2026-13-01,10.00,USD,Hooli,,EMEA\nT4,GX-1,2026-10-05,5.00,USD,Hooli,,EMEA"
            let path = try write(csv)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let failure = await #expect(throws: ImportFailure.self) {
                try await runCommand(ImportCommand(), ["accord import", "sales", path], app: app)
            }
            #expect(failure?.rows == [RowError(line: 4, reason: "date '2026-13-01' is not a date (YYYY-MM-DD)")])
            try await app.testing().test(.POST, "/api/v1/imports/sales", headers: world.cam, body: ByteBuffer(string: csv)) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorReason?.contains("line 4") == true)
            }
            let check1 = try await totals(app, world)
            #expect(check1 == before)
        }
    }

    @Test func skipInvalidImportsTheValidRowsAndReportsTheOthers() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let before = try await totals(app, world)
            let csv = Self.goodCSV + "\nT3,NOPE,2026-10-01,10.00,USD,Hooli,,EMEA"
            try await app.testing().test(
                .POST, "/api/v1/imports/sales?skip_invalid=true", headers: world.cam, body: ByteBuffer(string: csv)
            ) {
                res in
                #expect(res.status == .created)
                let result = try res.content.decode(DTO.ImportResult.self)
                #expect(result.inserted == 2 && result.rejectedCount == 1)
                #expect(result.rejected.first == RowError(line: 4, reason: "unknown partner key 'NOPE'"))
            }
            let check2 = try await totals(app, world).0
            #expect(check2 == before.0 + 2)
        }
    }

    @Test func malformedFilesAreRefusedWithTheirLine() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let before = try await totals(app, world)
            let cases: [(String, String)] = [
                ("", "the file is empty"),
                ("transaction_id,partner_key\n", "missing columns"),
                ("transaction_id,partner_key,date,amount,currency,customer\n\"T1,GX-1", "line 2: a quoted field is not closed"),
                (Self.goodCSV + "\nT1,GX-1,2026-10-03,1.00,USD,Initech,,EMEA", "line 4: id 'T1' already appears on line 2"),
                (Self.goodCSV + "\nT9,GX-1,2026-10-03,-1.00,USD,Initech,,EMEA", "line 4: amount -1.00 is negative"),
            ]
            for (csv, expected) in cases {
                try await app.testing().test(.POST, "/api/v1/imports/sales", headers: world.cam, body: ByteBuffer(string: csv)) { res in
                    #expect(res.status == .unprocessableEntity)
                    #expect(res.errorReason?.contains(expected) == true, "\(res.errorReason ?? "none") should say \(expected)")
                }
            }
            let check3 = try await totals(app, world)
            #expect(check3 == before)
        }
    }
}

/// The partner roster from the vendor's CRM (DOMAIN §3): partners created and updated by external key.
@Suite("§3 Roster import")
struct RosterImportTests {
    static let header =
        "partner_key,name,business_model,region,channel_manager,stage,company_revenue,vendor_revenue_ttm,engineers,certified_engineers\n"

    @Test func theRosterCreatesNewPartnersAndUpdatesKnownOnesByExternalKey() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let store = AccordStore(database: app.db)
            let before = try await store.partners(of: world.programID).count
            let first =
                Self.header
                + "NEW-1,Hooli Partners,MSP,APAC,Casey CAM,,2000000.00,100000,10,4\nGX-1,Globex Resellers,reseller,EMEA,Olive CAM,declining,,,,\n"
            try await app.testing().test(.POST, "/api/v1/imports/partners", headers: world.admin, body: ByteBuffer(string: first)) { res in
                #expect(res.status == .created, "\(res.body.string)")
                let report = try res.content.decode(RosterReport.self)
                #expect(report.created == 1 && report.updated == 1 && report.unchanged == 0)
            }
            let partners = try await store.partners(of: world.programID)
            #expect(partners.count == before + 1)
            let hooli = try #require(partners.first { $0.externalKey == "NEW-1" })
            #expect(hooli.businessModel == .msp && hooli.stage == .recruited && hooli.region == "APAC")
            let globex = try #require(partners.first { $0.externalKey == "GX-1" })
            #expect(globex.channelManager == "Olive CAM" && globex.stage == .declining)
            let history = try await store.stageHistory(of: globex.id)
            #expect(history.last?.reason == "Roster import from the CRM")
            let capacity = try await store.capacityHistory(of: hooli.id)
            #expect(capacity.map(\.certifiedEngineers) == [4])
            // The same file again changes nothing.
            try await app.testing().test(.POST, "/api/v1/imports/partners", headers: world.admin, body: ByteBuffer(string: first)) { res in
                let report = try res.content.decode(RosterReport.self)
                #expect(res.status == .ok && report.created == 0 && report.updated == 0 && report.unchanged == 2)
            }
        }
    }

    @Test func aRosterWithABadRowChangesNoPartnerAndNamesTheLine() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let store = AccordStore(database: app.db)
            let before = try await store.partners(of: world.programID)
            let cases = [
                (
                    Self.header + "NEW-1,Hooli,MSP,APAC,Casey CAM,,,,,\nNEW-2,Pied Piper,startup,EMEA,Casey CAM,,,,,\n",
                    "line 3: business_model 'startup'"
                ),
                (
                    Self.header + "NEW-1,Hooli,MSP,APAC,Casey CAM,,,,,\nNEW-1,Hooli again,MSP,APAC,Casey CAM,,,,,\n",
                    "line 3: partner_key 'NEW-1' already appears on line 2"
                ),
                (Self.header + "GX-1,Globex Resellers,reseller,EMEA,Casey CAM,recruited,,,,\n", "line 2:"),
                (Self.header + "NEW-3,Initech,reseller,EMEA,Casey CAM,,100,200,1,0\n", "line 2:"),
            ]
            for (csv, expected) in cases {
                try await app.testing().test(.POST, "/api/v1/imports/partners", headers: world.admin, body: ByteBuffer(string: csv)) {
                    res in
                    #expect(res.status == .unprocessableEntity)
                    #expect(res.errorReason?.contains(expected) == true, "\(res.errorReason ?? "none")")
                }
            }
            let after = try await store.partners(of: world.programID)
            #expect(after == before)
        }
    }
}

/// The commands an operator (and the benchmark) uses around imports: a new program, agreed goals for a load
/// test, and the program-wide scorecard as CSV (DOMAIN §6).
@Suite("§6 Scorecard and program commands")
struct ScorecardCommandTests {
    @Test func theProgramWideScorecardListsEveryGoalWithItsActualFromTheFacts() async throws {
        try await withAccord { app in
            // setup: five agreed goals for each partner's quarter holding 2026-12-15, and a sale in it
            let world = try await World.make(app)
            let before = try await AccordStore(database: app.db).goals(GoalQuery(seenBy: .accord, programID: world.programID)).count
            try await runCommand(BenchGoalsCommand(), ["accord bench-goals", "--quarter-containing", "2026-12-15"], app: app)
            let goals = try await AccordStore(database: app.db).goals(GoalQuery(seenBy: .accord, programID: world.programID))
            #expect(goals.count == before + 10)
            #expect(
                goals.filter { $0.metricKey == "revenue" && $0.period.start <= Day(year: 2026, month: 12, day: 15) }.allSatisfy {
                    $0.status == .agreed || $0.status == .active
                })
            let csv = "transaction_id,partner_key,date,amount,currency,customer\nSC1,GX-1,2026-12-01,1234.50,USD,Initech\n"
            try await app.testing().test(.POST, "/api/v1/imports/sales", headers: world.cam, body: ByteBuffer(string: csv)) { res in
                #expect(res.status == .created)
            }
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("scorecard-\(UUID().uuidString).csv").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            // act
            try await runCommand(
                ScorecardCommand(), ["accord scorecard", "--quarter-containing", "2026-12-15", "--output", path], app: app)
            // validate
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline)
            #expect(lines.first == "partner_key,period,metric,status,target,actual,attainment_pct,pacing")
            let revenue = try #require(lines.first { $0.hasPrefix("GX-1,") && $0.contains(",revenue,") && $0.contains(",40000.00,") })
            let fields = revenue.split(separator: ",", omittingEmptySubsequences: false)
            let actual = try FixedPoint.parse(fields[5], decimals: 2)
            #expect(actual >= 1_234_50)
            #expect(lines.filter { $0.hasPrefix("IN-2,") }.count >= 5)
        }
    }

    @Test func aProgramIsCreatedFromTheCommandLineAndBadOptionsAreRefused() async throws {
        try await withAccord { app in
            let store = AccordStore(database: app.db)
            let before = try await store.programs().count
            try await runCommand(
                ProgramCreateCommand(), ["accord program-create", "Channel 2027", "--currency", "EUR", "--fiscal-start-month", "7"],
                app: app)
            let created = try #require(try await store.programs().first { $0.name == "Channel 2027" })
            #expect(created.currency == .eur && created.calendar.startMonth == 7)
            await #expect(throws: InputError.self) {
                try await runCommand(ProgramCreateCommand(), ["accord program-create", "X", "--currency", "EURO"], app: app)
            }
            await #expect(throws: InputError.self) {
                try await runCommand(ProgramCreateCommand(), ["accord program-create", "X", "--fiscal-start-month", "13"], app: app)
            }
            await #expect(throws: InputError.self) {
                try await runCommand(BenchGoalsCommand(), ["accord bench-goals", "--quarter-containing", "soon"], app: app)
            }
            let after = try await store.programs().count
            #expect(after == before + 1)
        }
    }
}
