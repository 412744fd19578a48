import AccordCore
import AccordStore
import Foundation
import NIOCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 16, trust hardening: no input stops Accord, no draft or id crosses a side, every refusal is clear.
/// Each test is named after the rule it enforces; storage is exercised on SQLite and, in CI, on PostgreSQL.
@Suite("Trust hardening")
struct TrustHardeningTests {
    // MARK: 1 — no trap from a request, an import or a stored value

    @Test func valuesAreBoundedAtInputAndStoredFiguresNeverTrap() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            // Beyond the documented maximum of one record (1,000,000 deal registrations): refused with its line.
            try await app.testing().test(
                .POST, "/api/v1/facts/activities", headers: world.partnerMember,
                body: json([
                    "records": [
                        [
                            "activity_id": "BIG-1", "partner_key": "GX-1", "date": "2026-10-02", "metric": "deal_registrations",
                            "value": "999999999999999.99",
                        ]
                    ]
                ])
            ) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorReason?.contains("larger than 1,000,000") == true, "\(res.body.string)")
            }
            // The largest accepted value on every day of the quarter so far: stored, and the scorecard (whose forecast
            // multiplies the run-rate) still answers with figures.
            let records = (0..<54).map { n in
                [
                    "activity_id": "MAX-\(n)", "partner_key": "GX-1", "date": Day(year: 2026, month: 10, day: 1).advanced(by: n).iso,
                    "metric": "deal_registrations", "value": "1000000",
                ]
            }
            try await app.testing().test(.POST, "/api/v1/facts/activities", headers: world.partnerMember, body: json(["records": records]))
            {
                #expect($0.status == .created, "\($0.body.string)")
            }
            let deals = try await world.propose(app, metric: "deal_registrations", target: "100000000", confirmFarTarget: true)
            #expect(deals.status == .created, "\(deals.body.string)")
            try await app.testing().test(.GET, "/api/v1/partners/\(world.partnerID)/scorecard", headers: world.partnerAdmin) { res in
                #expect(res.status == .ok, "\(res.body.string)")
                let card = try res.content.decode(DTO.Scorecard.self)
                let line = try #require(card.goals.first { $0.goal.metric == "deal_registrations" })
                #expect(line.actual == "54000000.00")
                #expect(line.forecast != nil)
            }
            try await app.testing().test(.GET, "/partners/\(world.partnerID)", headers: world.partnerAdmin) { #expect($0.status == .ok) }
        }
    }

    @Test func aDayWhoseFactsWouldPassTheLargestDayTotalIsRefusedWithItsLine() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            // A stored day total at the bound (as if filled by millions of records): one more record cannot join it.
            let sql = app.db as! any SQLDatabase
            try await sql.raw(
                """
                INSERT INTO fact_day_rollups (program_id, partner_id, source, day, total, records, latest_fact_id, latest_value)
                VALUES (\(bind: world.programID), \(bind: world.partnerID), 'deal_registrations',
                \(bind: Int32(Day(year: 2026, month: 10, day: 5).number)), \(bind: FigureLimits.largestDayTotal - 50), 1, NULL, NULL)
                """
            ).run()
            let before = try await AccordStore(database: app.db).factTotals(programID: world.programID)
            let csv =
                "activity_id,partner_key,date,metric,value\nOK-1,GX-1,2026-10-06,deal_registrations,3\nX-1,GX-1,2026-10-05,deal_registrations,1\n"
            try await app.testing().test(.POST, "/api/v1/imports/activities", headers: world.cam, body: ByteBuffer(string: csv)) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("line 3"), "\(res.body.string)")
                #expect(res.body.string.contains("the most Accord keeps for one partner and day"))
            }
            let after = try await AccordStore(database: app.db).factTotals(programID: world.programID)
            #expect(after.activities == before.activities, "nothing of the refused file was kept")
        }
    }

    // MARK: 2 — a draft belongs to the side that wrote it

    @Test func aDraftIsSeenOnlyByTheSideThatWroteItUntilItIsSent() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            func draft(_ headers: HTTPHeaders, _ metric: String, _ target: String, _ secret: String, period: String = "FY2026 Q4")
                async throws -> UUID
            {
                var id: UUID!
                try await app.testing().test(
                    .POST, "/api/v1/goals", headers: headers,
                    body: json([
                        "partner_id": world.partnerID.uuidString, "period": period, "metric": metric, "target": target,
                        "behaviour": secret, "draft": true,
                    ])
                ) { res in
                    #expect(res.status == .created, "\(res.body.string)")
                    id = try res.content.decode(DTO.Goal.self).id
                }
                return id
            }
            let partnerDraft = try await draft(world.partnerAdmin, "marketing_campaigns", "4", "PARTNER-SECRET-DRAFT")
            let vendorDraft = try await draft(world.cam, "deal_registrations", "6", "VENDOR-SECRET-DRAFT")
            let vendorDraftID = vendorDraft.uuidString.lowercased()
            let partnerDraftID = partnerDraft.uuidString.lowercased()
            let reads = [
                "/api/v1/goals?status=draft", "/api/v1/goals", "/api/v1/goals?partner_id=\(world.partnerID)",
                "/api/v1/partners/\(world.partnerID)/scorecard?period=FY2026%20Q4", "/api/v1/partners/\(world.partnerID)/scorecard",
                "/partners/\(world.partnerID)", "/partners/\(world.partnerID)?period=FY2026%20Q4",
            ]
            func expectHidden(_ headers: HTTPHeaders, secret: String, id: UUID, who: String) async throws {
                for path in reads {
                    try await app.testing().test(.GET, path, headers: headers) { res in
                        #expect(res.status == .ok, "\(who) \(path) → \(res.status)")
                        #expect(!res.body.string.contains(secret), "\(who) sees the other side's draft in \(path)")
                        #expect(!res.body.string.lowercased().contains(id.uuidString.lowercased()), "\(who) sees its id in \(path)")
                    }
                }
                for path in ["/api/v1/goals/\(id)", "/goals/\(id)"] {
                    try await app.testing().test(.GET, path, headers: headers) { res in
                        #expect(res.status == .notFound, "\(who) \(path) → \(res.status)")
                        #expect(!res.body.string.contains(secret))
                    }
                }
            }
            for (headers, who) in [(world.partnerAdmin, "partner admin"), (world.partnerMember, "partner member")] {
                try await expectHidden(headers, secret: "VENDOR-SECRET-DRAFT", id: vendorDraft, who: who)
            }
            for (headers, who) in [(world.admin, "admin"), (world.cam, "channel manager")] {
                try await expectHidden(headers, secret: "PARTNER-SECRET-DRAFT", id: partnerDraft, who: who)
            }
            // Each side still sees its own draft.
            try await app.testing().test(.GET, "/api/v1/goals?status=draft", headers: world.cam) { res in
                #expect(res.body.string.lowercased().contains(vendorDraftID))
            }
            try await app.testing().test(.GET, "/api/v1/goals?status=draft", headers: world.partnerAdmin) { res in
                #expect(res.body.string.lowercased().contains(partnerDraftID))
            }
            // Nor does a rule betray it: the vendor's unsent draft is no part of the set the partner proposes into, so a
            // revenue-only set stays refused (an answer that differed would tell the partner the draft exists).
            _ = try await draft(world.cam, "certifications_earned", "3", "VENDOR-SECOND-DRAFT", period: "FY2027 Q1")
            try await app.testing().test(
                .POST, "/api/v1/goals", headers: world.partnerAdmin,
                body: json([
                    "partner_id": world.partnerID.uuidString, "period": "FY2027 Q1", "metric": "revenue", "target": "150000",
                    "behaviour": "Grow", "draft": true,
                ])
            ) { res in
                #expect(res.status == .unprocessableEntity, "\(res.body.string)")
                #expect(res.errorReason?.contains("revenue-only") == true)
            }
            // Withdrawn before it was sent, a draft still never reaches the other side — nor the audit log it reads.
            try await app.testing().test(.POST, "/api/v1/goals/\(partnerDraft)/withdraw", headers: world.partnerAdmin) {
                #expect($0.status == .ok)
            }
            try await expectHidden(world.cam, secret: "PARTNER-SECRET-DRAFT", id: partnerDraft, who: "channel manager")
            try await app.testing().test(.GET, "/api/v1/audit", headers: world.admin) { res in
                #expect(res.status == .ok && !res.body.string.contains("PARTNER-SECRET-DRAFT"))
            }
            // Sent, it is a proposal both sides see.
            try await app.testing().test(.POST, "/api/v1/goals/\(vendorDraft)/send", headers: world.cam) { #expect($0.status == .ok) }
            try await app.testing().test(.GET, "/api/v1/goals/\(vendorDraft)", headers: world.partnerMember) { res in
                #expect(res.status == .ok && res.body.string.contains("VENDOR-SECRET-DRAFT"))
            }
        }
    }

    // MARK: 3 — sign-in follows `next` only to a path of this site

    @Test func signInFollowsNextOnlyToAPathOfThisSite() async throws {
        try await withAccord { app in
            _ = try await World.make(app)
            _ = try await AccordStore(database: app.db).createUser(
                login: "casey", name: "Casey CAM", role: .channelManager, partnerID: nil,
                passwordHash: try app.password.hash("a long password"), by: Actor(name: "test", role: .programAdmin), at: app.clock.now())
            for (next, expected) in [
                ("/%09/evil.example", "/"), ("/\t/evil.example", "/"), ("//evil.example", "/"), ("/\\evil.example", "/"),
                ("https://evil.example/", "/"), ("/partners?stage=developing", "/partners?stage=developing"),
            ] {
                var browser = Browser(app)
                let form = try await browser.get("/login")
                let decoded = next.removingPercentEncoding ?? next
                let res = try await browser.post(
                    "/login", form: ["login": "casey", "password": "a long password", "_csrf": Browser.csrf(in: form), "next": decoded])
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location) == expected, "next \(next.debugDescription)")
            }
            // A NUL never reaches a header: the form is refused before anything is checked.
            var browser = Browser(app)
            let form = try await browser.get("/login")
            let nul = try await browser.post(
                "/login", form: ["login": "casey", "password": "a long password", "_csrf": Browser.csrf(in: form), "next": "/x\u{0}y"])
            #expect(nul.status == .unprocessableEntity && nul.headers.first(name: .location) == nil)
        }
    }

    // MARK: 4 — the throttle decision is atomic

    @Test func simultaneousSignInsCheckNoMoreWrongPasswordsThanTheLimit() async throws {
        try await withAccord { app in
            _ = try await AccordStore(database: app.db).createUser(
                login: "casey", name: "Casey CAM", role: .channelManager, partnerID: nil,
                passwordHash: try app.password.hash("a long password"), by: Actor(name: "test", role: .programAdmin), at: app.clock.now())
            // Three times the limit at once (scripts/concurrency.py sends 41 to a release build).
            var browsers: [(Browser, String)] = []
            for _ in 0..<15 {
                var browser = Browser(app)
                let form = try await browser.get("/login")
                browsers.append((browser, Browser.csrf(in: form)))
            }
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for (browser, csrf) in browsers {
                    group.addTask {
                        var browser = browser
                        let res = try await browser.post("/login", form: ["login": "casey", "password": "wrong password", "_csrf": csrf])
                        return res.status.code
                    }
                }
                var all: [UInt] = []
                for try await status in group { all.append(status) }
                return all
            }
            let checked = statuses.filter { $0 == 401 }.count
            #expect(checked <= app.loginThrottle.perAccount, "\(checked) wrong passwords were checked")
            #expect(statuses.allSatisfy { $0 == 401 || $0 == 429 }, "\(statuses)")
        }
    }

    @Test func aLoginThatCannotBeOneIsCountedUnderABoundedKey() async throws {
        try await withAccord { app in
            var browser = Browser(app)
            let form = try await browser.get("/login")
            let res = try await browser.post(
                "/login", form: ["login": String(repeating: "ü", count: 20_000), "password": "x", "_csrf": Browser.csrf(in: form)])
            #expect(res.status == .unauthorized)
            let keys = try await (app.db as! any SQLDatabase).raw("SELECT key FROM sign_in_attempts").all()
                .map { try $0.decode(column: "key", as: String.self) }
            #expect(keys.count == 2 && keys.allSatisfy { $0.utf8.count <= 120 }, "\(keys.map(\.count))")
        }
    }

    // MARK: 5 — a write race is a conflict, not an outage

    @Test func aKeyTakenAtTheSameMomentIsAConflictNotAnOutage() async throws {
        try await withAccord { app in
            // Two creates that both found a key free: the second insert meets the unique key, on either database.
            let sql = app.db as! any SQLDatabase
            let insert: SQLQueryString = "INSERT INTO sign_in_attempts (key, window_start, failures, pending) VALUES ('same', 0, 0, 0)"
            try await sql.raw(insert).run()
            do {
                try await sql.raw(insert).run()
                Issue.record("the second insert should meet the unique key")
            } catch {
                let mapped = ErrorMapping.map(error)
                #expect(mapped?.status == .conflict, "\(String(reflecting: error))")
                #expect(mapped?.reason.contains("already exists") == true)
            }
            #expect(ErrorMapping.map(StoreError.conflict("This goal"))?.status == .conflict)
        }
    }

    @Test func twoAnswersAtOnceAreOneChangeAndAConflictNeverAnOutage() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            _ = try await world.propose(app, metric: "deal_registrations", target: "6")
            for round in 0..<12 {
                let proposal = try await world.propose(app, metric: "marketing_campaigns", target: "\(3 + round)")
                let goal = try proposal.content.decode(DTO.Goal.self)
                let answers: [(String, ByteBuffer?)] = [
                    ("accept", nil),
                    round % 2 == 0 ? ("counter", json(["target": "\(2 + round)"])) : ("decline", json(["reason": "later"])),
                ]
                let statuses = try await withThrowingTaskGroup(of: (String, UInt).self) { group in
                    for (action, body) in answers {
                        group.addTask {
                            var status: UInt = 0
                            try await app.testing().test(
                                .POST, "/api/v1/goals/\(goal.id)/\(action)", headers: world.partnerAdmin, body: body
                            ) { status = $0.status.code }
                            return (action, status)
                        }
                    }
                    var all: [(String, UInt)] = []
                    for try await result in group { all.append(result) }
                    return all
                }
                #expect(statuses.allSatisfy { $0.1 < 500 }, "round \(round): \(statuses)")
                let wins = statuses.reduce(0) { count, answer in count + (answer.1 == 200 ? 1 : 0) }
                #expect(wins == 1, "round \(round): exactly one answer lands: \(statuses)")
                #expect(statuses.allSatisfy { $0.1 == 200 || $0.1 == 409 || $0.1 == 422 }, "round \(round): \(statuses)")
                let stored = try await AccordStore(database: app.db).goal(goal.id, seenBy: .accord)
                #expect(stored.acceptances.filter { $0.actor.side == .partner }.count <= 1, "round \(round): one partner answer kept")
            }
        }
    }

    @Test func aSaveFromAStaleCopyIsAConflict() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let proposal = try await world.propose(app, metric: "deal_registrations", target: "6")
            let id = try proposal.content.decode(DTO.Goal.self).id
            let store = AccordStore(database: app.db)
            var first = try await store.goal(id, seenBy: .accord)
            var second = first
            let partner = Actor(name: "Pat Partner", role: .partnerAdmin)
            try first.accept(by: partner, today: testToday, now: app.clock.now())
            try second.decline(by: partner, reason: "no", now: app.clock.now())
            let programID = try await store.programID(ofGoal: id)
            try await store.save(first, programID: programID, action: "accept", by: partner, at: app.clock.now())
            await #expect(throws: StoreError.conflict("This goal")) {
                try await store.save(second, programID: programID, action: "decline", by: partner, at: app.clock.now())
            }
            #expect(try await store.goal(id, seenBy: .accord).status.isCommitted, "the first answer stands")
            try await app.testing().test(
                .POST, "/api/v1/goals/\(id)/decline", headers: world.partnerAdmin, body: json(["reason": "x"])
            ) { res in
                #expect(res.status == .unprocessableEntity, "a later answer to an agreed goal is a rule refusal")
            }
        }
    }

    // MARK: 6 — fact ids do not cross partners

    @Test func activityIdsAreUniquePerPartnerAndAChangedRecordIsRefusedNamingNoOneElse() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            func post(_ headers: HTTPHeaders, _ key: String, _ value: String) async throws -> TestingHTTPResponse {
                var response: TestingHTTPResponse!
                try await app.testing().test(
                    .POST, "/api/v1/facts/activities", headers: headers,
                    body: json([
                        "records": [
                            [
                                "activity_id": "SHARED-7", "partner_key": key, "date": "2026-10-02", "metric": "deal_registrations",
                                "value": value,
                            ]
                        ]
                    ])
                ) { response = $0 }
                return response
            }
            let a = try await post(world.partnerAdmin, "GX-1", "2")
            #expect(a.status == .created)
            let b = try await post(world.otherPartnerAdmin, "IN-2", "5")
            #expect(b.status == .created, "another partner's own id: \(b.body.string)")
            #expect(b.body.string.contains("\"inserted\":1"))
            let again = try await post(world.partnerAdmin, "GX-1", "2")
            #expect(again.status == .ok && again.body.string.contains("\"already_present\":1"), "the same record counts once")
            let changed = try await post(world.otherPartnerAdmin, "IN-2", "6")
            #expect(changed.status == .unprocessableEntity)
            #expect(changed.body.string.contains("imported before with a different value"), "\(changed.body.string)")
            for secret in ["GX-1", "Globex", world.partnerID.uuidString] { #expect(!changed.body.string.contains(secret)) }
            let sales = "transaction_id,partner_key,date,amount,currency,customer\nH1,IN-2,2025-10-15,60000.00,USD,Initech\n"
            try await app.testing().test(.POST, "/api/v1/imports/sales", headers: world.cam, body: ByteBuffer(string: sales)) { res in
                #expect(res.status == .unprocessableEntity, "a sales line id is the program's: H1 is another line")
                #expect(res.body.string.contains("transaction_id 'H1' was imported before with a different partner_key"))
            }
        }
    }

    // MARK: 7 — malformed bodies and content types are a 4xx

    @Test func malformedBodiesAndUnexpectedContentTypesAreA4xxWithAMessage() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let multipart: HTTPHeaders = ["Content-Type": "multipart/form-data; boundary=x"]
            let routes = [
                "/api/v1/goals", "/api/v1/facts/activities", "/api/v1/partners", "/api/v1/partners/\(world.partnerID)/capacity",
                "/api/v1/programs/\(world.programID)/settings/motivation",
            ]
            let bodies: [(HTTPHeaders, String)] = [
                (multipart, "--x--"), (["Content-Type": "application/x-www-form-urlencoded"], "a=%%%"),
                (["Content-Type": "text/plain"], "hi"),
                (["Content-Type": "application/json"], ""), (["Content-Type": "application/json"], "{\"partner_id\": "),
                (["Content-Type": "application/json"], "[1,2"), ([:], "{}"),
            ]
            for path in routes {
                for (extra, body) in bodies {
                    var headers = world.admin
                    headers.remove(name: .contentType)
                    for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
                    try await app.testing().test(.POST, path, headers: headers, body: ByteBuffer(string: body)) { res in
                        #expect((400...415).contains(Int(res.status.code)), "\(path) \(extra) '\(body)' → \(res.status)")
                        #expect(res.errorReason?.isEmpty == false, "\(path) says why")
                    }
                }
            }
            var page = world.admin
            page.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=x")
            try await app.testing().test(.POST, "/partners/\(world.partnerID)/goals/new", headers: page, body: ByteBuffer(string: "--x--"))
            {
                res in
                #expect((400...415).contains(Int(res.status.code)), "the page → \(res.status)")
                #expect(res.headers.contentType == .html)
            }
        }
    }

    // MARK: 8 — control characters

    @Test func controlCharactersAreRefusedInIdsKeysAndTextWithTheFieldNamed() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let before = try await AccordStore(database: app.db).factTotals(programID: world.programID)
            try await app.testing().test(
                .POST, "/api/v1/facts/activities", headers: world.partnerMember,
                body: json([
                    "records": [
                        ["activity_id": "BAD-22\u{0}", "partner_key": "GX-1", "date": "2026-10-02", "metric": "deal_registrations"]
                    ]
                ])
            ) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("records[0].activity_id"), "\(res.body.string)")
            }
            let csv =
                "activity_id,partner_key,date,metric\nOK-1,GX-1,2026-10-02,deal_registrations\nBAD\u{1B}[31m,GX-1,2026-10-02,deal_registrations\n"
            try await app.testing().test(.POST, "/api/v1/imports/activities", headers: world.partnerMember, body: ByteBuffer(string: csv)) {
                res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.body.string.contains("line 3") && res.body.string.contains("activity_id"), "\(res.body.string)")
            }
            #expect(try await AccordStore(database: app.db).factTotals(programID: world.programID).activities == before.activities)
            try await app.testing().test(
                .POST, "/api/v1/goals", headers: world.cam,
                body: json([
                    "partner_id": world.partnerID.uuidString, "period": "FY2026 Q4", "metric": "deal_registrations", "target": "6",
                    "behaviour": "\u{0}",
                ])
            ) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorReason?.contains("behaviour") == true, "\(res.body.string)")
            }
            // Line breaks and tabs are text.
            let ok = try await world.propose(app, metric: "deal_registrations", target: "6")
            #expect(ok.status == .created)
            try await app.testing().test(
                .POST, "/api/v1/partners", headers: world.admin,
                body: json([
                    "name": "Tab\tCo", "external_key": "K\u{7}1", "business_model": "reseller", "region": "EMEA",
                    "channel_manager": "Casey CAM",
                    "fiscal_year_start_month": 1,
                ])
            ) { res in
                #expect(res.status == .unprocessableEntity, "\(res.body.string)")
                #expect(res.body.string.contains("external_key"))
            }
            let differences = try await AccordStore(database: app.db).rollupDifferences(programID: world.programID)
            #expect(differences.isEmpty, "the rollups still equal the facts")
        }
    }

    // MARK: 9 — a refused upload does not hang its client

    @Test func aRefusedUploadIsReadToItsEndSoAClientThatSendsEverythingFirstGetsTheAnswer() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let token = world.partnerMember.first(name: .authorization)!
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            guard let port = app.http.server.shared.localAddress?.port else {
                await app.server.shutdown()
                Issue.record("the server has no port")
                return
            }
            var body = "activity_id,partner_key,date,metric,subject\n"
            body += "A1,GX-1,2026-10-02,deal_registrations," + String(repeating: "x", count: 70 * 1024) + "\n"
            let filler = "F,GX-1,2026-10-02,deal_registrations,y\n"
            body += String(repeating: filler, count: (8 * 1024 * 1024 - body.utf8.count) / filler.utf8.count)
            let answer = try await Task.detached {
                try RawHTTP.sendWholeBodyThenRead(
                    port: port,
                    head: "POST /api/v1/imports/activities HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(token)\r\n"
                        + "Content-Type: text/csv\r\nContent-Length: \(body.utf8.count)\r\n\r\n", body: Array(body.utf8), timeout: 20)
            }.value
            await app.server.shutdown()
            #expect(answer.hasPrefix("HTTP/1.1 422"), "\(answer.prefix(200))")
            #expect(answer.contains("longer than 64 KiB"))
        }
    }

    // MARK: 10 — vendor commitments are the vendor's to record

    @Test func partnerUsersRecordTheirOwnActivitiesButNeverTheVendorsCommitments() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            for (n, headers) in [world.partnerMember, world.partnerAdmin].enumerated() {
                try await app.testing().test(
                    .POST, "/api/v1/facts/activities", headers: headers,
                    body: json([
                        "records": [
                            [
                                "activity_id": "MDF-\(n)", "partner_key": "GX-1", "date": "2026-10-02", "metric": "mdf_delivered",
                                "value": "250000",
                            ]
                        ]
                    ])
                ) { res in
                    #expect(res.status == .unprocessableEntity)
                    #expect(res.body.string.contains("mdf_delivered is a vendor commitment"), "\(res.body.string)")
                }
            }
            try await app.testing().test(
                .POST, "/api/v1/facts/activities", headers: world.cam,
                body: json([
                    "records": [
                        ["activity_id": "MDF-V", "partner_key": "GX-1", "date": "2026-10-02", "metric": "mdf_delivered", "value": "250000"]
                    ]
                ])
            ) { #expect($0.status == .created) }
            try await app.testing().test(
                .POST, "/api/v1/facts/activities", headers: world.partnerMember,
                body: json([
                    "records": [["activity_id": "CAMP-1", "partner_key": "GX-1", "date": "2026-10-02", "metric": "marketing_campaigns"]]
                ])
            ) { #expect($0.status == .created, "a member records the partner's own activities") }
        }
    }

    // MARK: 11 — CSV output

    @Test func theProgramScorecardCSVIsQuotedAndFormulaSafe() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            try await app.testing().test(
                .POST, "/api/v1/partners", headers: world.admin,
                body: json([
                    "name": "Evil, Inc", "external_key": "=HYPERLINK(\"http://evil.example\"),X", "business_model": "reseller",
                    "region": "EMEA", "channel_manager": "Casey CAM", "fiscal_year_start_month": 1, "stage": "established",
                ])
            ) { #expect($0.status == .created, "\($0.body.string)") }
            let key = "=HYPERLINK(\"http://evil.example\"),X"
            let evil = try #require(try await AccordStore(database: app.db).partnersByKey([key], in: world.programID)[key]?.0)
            try await app.testing().test(
                .POST, "/api/v1/goals", headers: world.admin,
                body: json([
                    "partner_id": evil.id.uuidString, "period": "FY2026 Q4", "metric": "deal_registrations", "target": "3",
                    "behaviour": "x",
                ])
            ) { #expect($0.status == .created, "\($0.body.string)") }
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("evil-\(UUID().uuidString).csv").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            try await runCommand(
                ScorecardCommand(), ["accord scorecard", "--quarter-containing", "2026-11-23", "--output", path], app: app)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\"),X\",FY2026 Q4,deal_registrations"), "\(text)")
            for line in text.split(whereSeparator: \.isNewline) { #expect(!line.hasPrefix("=")) }
        }
    }

    // MARK: 12 — one range for every date and period

    @Test func everyDateAndPeriodAUserGivesFallsIn2000To2100() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let far = try await world.propose(app, metric: "deal_registrations", target: "6", period: "FY9999 Q4")
            #expect(far.status == .unprocessableEntity && far.errorReason?.contains("FY2000–FY2100") == true, "\(far.body.string)")
            for asOf in ["0000-01-01", "9999-12-31", "+999-01-01", "1999-12-31"] {
                try await app.testing().test(
                    .POST, "/api/v1/partners/\(world.partnerID)/capacity", headers: world.cam,
                    body: json([
                        "as_of": asOf, "company_revenue": "1000000", "vendor_revenue_ttm": "10000", "engineers": 10,
                        "certified_engineers": 2,
                    ])
                ) { res in
                    #expect(res.status == .badRequest, "as_of \(asOf) → \(res.status)")
                    #expect(res.errorReason?.isEmpty == false)
                }
            }
            try await app.testing().test(
                .POST, "/api/v1/partners/\(world.partnerID)/stage", headers: world.cam,
                body: json(["stage": "declining", "reason": "x", "on": "2101-01-01"])
            ) { #expect($0.status == .badRequest) }
        }
    }

    // MARK: 13 — what is not understood is refused

    @Test func aFilterOrAFieldThatIsNotUnderstoodIsRefusedNotIgnored() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            for path in [
                "/api/v1/goals?partner_id=not-a-uuid", "/api/v1/goals?status=finished", "/api/v1/goals?period=next%20quarter",
                "/api/v1/goals?partner=\(world.partnerID)", "/api/v1/partners?colour=blue", "/api/v1/audit?limit=0",
                "/api/v1/audit?limit=ten", "/api/v1/imports/activities?skip_invalid=perhaps",
            ] {
                let method: HTTPMethod = path.contains("/imports/") ? .POST : .GET
                try await app.testing().test(method, path, headers: world.admin, body: ByteBuffer(string: "activity_id")) { res in
                    #expect(res.status == .badRequest, "\(path) → \(res.status) \(res.body.string)")
                    #expect(res.errorReason?.isEmpty == false)
                }
            }
            try await app.testing().test(
                .POST, "/api/v1/programs/\(world.programID)/settings/motivation", headers: world.admin,
                body: json(["motivation_policy": "both", "seasonality": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]])
            ) { res in
                #expect(res.status == .badRequest)
                #expect(res.errorReason?.contains("seasonality") == true, "\(res.body.string)")
            }
            try await app.testing().test(
                .POST, "/api/v1/partners", headers: world.admin,
                body: json([
                    "name": "New Co", "external_key": "NC-1", "business_model": "reseller", "region": "EMEA",
                    "channel_manager": "Casey CAM",
                    "fiscal_year_start_month": 1, "tierr": "Gold",
                ])
            ) { res in
                #expect(res.status == .badRequest)
                #expect(res.errorReason?.contains("tierr") == true)
            }
            try await app.testing().test(.GET, "/api/v1/goals?partner_id=\(world.partnerID)&status=proposed", headers: world.admin) {
                #expect($0.status == .ok)
            }
            // A query that cannot be read is refused too, never read as "no filters".
            for path in ["/api/v1/goals?status=%zz", "/api/v1/goals?%zz=1&status=agreed", "/api/v1/goals?program_id=not-a-uuid"] {
                for headers in [world.admin, world.partnerAdmin] {
                    try await app.testing().test(.GET, path, headers: headers) { #expect($0.status == .badRequest, "\(path)") }
                }
            }
        }
    }

    // MARK: 14 — one security policy for every response

    @Test func everyResponseCarriesTheOneSecurityPolicy() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let cases: [(String, HTTPHeaders, UInt)] = [
                ("/login", [:], 200), ("/partners/\(UUID())", world.admin, 404), ("/api/v1/programs", world.admin, 200),
                ("/api/v1/goals/\(UUID())", world.admin, 404), ("/styles.css", [:], 200), ("/healthz", [:], 200),
            ]
            for (path, headers, status) in cases {
                try await app.testing().test(.GET, path, headers: headers) { res in
                    #expect(res.status.code == status, "\(path)")
                    for (name, value) in SecurityHeaders.policy {
                        #expect(res.headers[name] == [value], "\(path): \(name) is \(res.headers[name])")
                    }
                    #expect(
                        res.headers.first(name: "Content-Security-Policy")
                            == "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
                    )
                }
            }
        }
    }

    // MARK: 15 — nothing in a person's name that the person did not do

    @Test func aCarriedGoalRecordsNoAcceptanceInAnyonesName() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let goal = try await world.agreedRevenueGoal(app)
            app.clock = .fixed(Day(year: 2027, month: 1, day: 2).noonUTC)
            try await runCommand(ClosePeriodCommand(), ["accord close-period"], app: app)
            try await app.testing().test(.GET, "/api/v1/goals?partner_id=\(world.partnerID)", headers: world.cam) { res in
                let goals = try res.content.decode(DTO.Page<DTO.Goal>.self).items
                let carried = try #require(goals.first { $0.carriedFrom == goal.id })
                #expect(carried.acceptances.isEmpty && carried.agreedByCarryForward)
                #expect(carried.revisions.allSatisfy { $0.author == "Accord, period close" })
                let missed = try #require(goals.first { $0.id == goal.id })
                #expect(Set(missed.acceptances.map(\.user)) == ["token Casey CAM", "token Pat Partner"])
            }
            try await app.testing().test(.GET, "/goals/\(goal.id)", headers: world.cam) { #expect($0.status == .ok) }
        }
    }
}

/// A client that does what the careless ones do: sends its whole request before reading a byte of the answer.
enum RawHTTP {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static func sendWholeBodyThenRead(port: Int, head: String, body: [UInt8], timeout: Int) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket") }
        defer { close(fd) }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect") }
        let bytes = Array(head.utf8) + body
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            // A server that stopped reading leaves the client blocked here: the send timeout turns that into a failure.
            guard n > 0 else { throw Failure(description: "the server stopped reading after \(sent) of \(bytes.count) bytes") }
            sent += n
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n > 0 else { break }
            answer += buffer[0..<n]
            if let text = String(bytes: answer, encoding: .utf8), let end = text.range(of: "\r\n\r\n"),
                let length = text[..<end.lowerBound].split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") })
                    .flatMap({ Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }),
                answer.count >= text[..<end.upperBound].utf8.count + length
            {
                break
            }
        }
        return String(decoding: answer, as: UTF8.self)
    }
}
