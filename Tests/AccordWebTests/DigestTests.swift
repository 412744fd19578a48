import AccordCore
import AccordStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// Issue 19: the weekly "where do we stand" digest, messages held for it, plan notices and reminders, through the
/// store and the services `accord serve` schedules.
@Suite("The weekly digest, plan notices and reminders")
struct DigestTests {
    func people(_ app: Application, _ world: World) async throws -> [String: User] {
        let store = AccordStore(database: app.db)
        let setup = Actor(name: "test setup", role: .programAdmin)
        var users: [String: User] = [:]
        for (login, name, role, partner, email) in [
            ("pat", "Pat Partner", Role.partnerAdmin, world.partnerID as UUID?, "pat@globex.example"),
            ("mo.member", "Mo Member", .partnerMember, world.partnerID, "mo@globex.example"),
            ("ivy", "Ivy Initrode", .partnerAdmin, world.otherPartnerID, "ivy@initrode.example"),
            ("casey", "Casey CAM", .channelManager, nil, "casey@vendor.example"),
            ("olive", "Olive CAM", .channelManager, nil, "olive@vendor.example"),
        ] {
            users[login] = try await store.createUser(
                login: login, name: name, role: role, partnerID: partner, passwordHash: nil, email: try EmailAddress(email), by: setup,
                at: app.clock.now())
        }
        return users
    }

    func digests(_ app: Application) -> DigestRun {
        DigestRun(store: AccordStore(database: app.db), publicURL: "https://accord.example", clock: app.clock)
    }

    @Test func theWeeklyDigestTellsEachSideWhereItStandsOncePerWeek() async throws {
        try await withAccord { app in
            // setup: an agreed revenue goal of Globex for this quarter, with nothing sold yet; a proposal to Globex
            let world = try await World.make(app)
            let users = try await people(app, world)
            let goal = try await world.agreedRevenueGoal(app)
            _ = try await world.propose(app, metric: "certified_engineers", target: "3")
            let store = AccordStore(database: app.db)
            let before = Set(try await store.outbox().map(\.id))
            // act: the digest of the week (the test's today is a Monday, the program's default day)
            let reports = try await digests(app).sendDue()
            // validate: Globex's admin reads its goals, what is at stake and what waits; its CAM the goal behind
            #expect(reports.count == 1 && reports[0].alreadySent == false)
            let written = try await store.outbox().filter { !before.contains($0.id) }
            #expect(written.allSatisfy { $0.kind == .weeklyDigest && $0.status == .pending })
            let pat = try #require(written.first { $0.userID == users["pat"]?.id })
            #expect(pat.text.contains("This period's goals") && pat.text.contains("Revenue, FY2026 Q4"))
            #expect(pat.text.contains("https://accord.example/goals/\(goal.id.uuidString.lowercased())"))
            #expect(pat.text.contains("Waiting for you"), "the proposal to answer")
            #expect(!pat.text.contains("Initrode") && !pat.html.contains("Initrode"), "nothing of another partner")
            #expect(!pat.text.contains("Planning expectation"), "no internal planning figure")
            let casey = try #require(written.first { $0.userID == users["casey"]?.id })
            #expect(casey.text.contains("Partners behind or at risk") && casey.text.contains("Globex Resellers — Revenue"))
            #expect(!written.contains { $0.userID == users["mo.member"]?.id }, "a partner member gets no digest")
            #expect(!written.contains { $0.userID == users["ivy"]?.id }, "Initrode has no goal and nothing waiting: nothing to say")
            #expect(!written.contains { $0.userID == users["olive"]?.id }, "Olive's portfolio has nothing behind and nothing waiting")
            // a second run of the same week, from the schedule or the command, writes nothing
            let again = try await digests(app).sendDue()
            #expect(again.first?.alreadySent == true)
            #expect(try await store.outbox().count == before.count + written.count)
        }
    }

    @Test func twoInstancesSendingTheWeeksDigestAtOnceWriteItOnce() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            _ = try await people(app, world)
            _ = try await world.agreedRevenueGoal(app)
            let store = AccordStore(database: app.db)
            let before = try await store.outbox().count
            // two schedulers (instances) at the same moment
            async let first = digests(app).sendDue()
            async let second = digests(app).sendDue()
            let reports = try await first + second
            #expect(reports.filter { !$0.alreadySent }.count == 1, "one claims the week, the other finds it claimed")
            let written = try await store.outbox().count - before
            #expect(written == reports.map(\.messages.count).reduce(0, +) && written > 0)
            #expect(Set(try await store.outbox().filter { $0.kind == .weeklyDigest }.map(\.userID)).count == written, "one per person")
        }
    }

    @Test func theDigestWaitsForTheProgramsDayWhichAnAdminSets() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            _ = try await people(app, world)
            _ = try await world.agreedRevenueGoal(app)
            try await app.testing().test(
                .POST, "/api/v1/programs/\(world.programID)/settings/digest-day", headers: world.admin, body: json(["day": "friday"])
            ) { res in
                #expect(res.status == .ok)
                let program = try res.content.decode(DTO.Program.self)
                #expect(program.digestDay == "friday")
            }
            try await app.testing().test(
                .POST, "/api/v1/programs/\(world.programID)/settings/digest-day", headers: world.admin, body: json(["day": "someday"])
            ) { res in #expect(res.status == .unprocessableEntity || res.status == .badRequest) }
            try await app.testing().test(
                .POST, "/api/v1/programs/\(world.programID)/settings/digest-day", headers: world.cam, body: json(["day": "monday"])
            ) { res in #expect(res.status == .forbidden) }
            // Monday: Friday's digest is not due yet
            let monday = try await digests(app).sendDue()
            #expect(monday.first?.notDue == true)
            #expect(try await AccordStore(database: app.db).outbox().allSatisfy { $0.kind != .weeklyDigest })
            // Friday of the same week it goes
            app.clock = .fixed(testToday.advanced(by: 4).noonUTC)
            let friday = try await digests(app).sendDue()
            #expect(friday.first?.notDue == false && friday.first?.messages.isEmpty == false)
        }
    }

    @Test func aMessageHeldForTheDigestIsListedThereOnceAndNeverSentOnItsOwn() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let users = try await people(app, world)
            let store = AccordStore(database: app.db)
            let pat = try #require(users["pat"])
            try await store.setNoticePreferences(
                [.goalProposed: .inDigest], userID: pat.id, by: Actor(name: pat.name, role: pat.role), at: app.clock.now())
            let proposed = try await world.propose(app, metric: "deal_registrations", target: "6").content.decode(DTO.Goal.self)
            let held = try #require(try await store.outbox().first { $0.userID == pat.id })
            #expect(held.status == .held && held.path == "/goals/\(proposed.id.uuidString.lowercased())")
            #expect(
                try await store.claimOutbox(now: app.clock.now(), lease: 60, limit: 50).isEmpty, "a held message is not handed to the relay"
            )
            _ = try await digests(app).sendDue()
            let digest = try #require(try await store.outbox().first { $0.userID == pat.id && $0.kind == .weeklyDigest })
            #expect(digest.text.contains("Since the last digest") && digest.text.contains(held.subject))
            #expect(try await store.outbox().first { $0.id == held.id }?.status == .digested, "listed once")
            // a user who turned the digest off gets the next ones at once
            try await store.setNoticePreferences(
                [.weeklyDigest: .never], userID: pat.id, by: Actor(name: pat.name, role: pat.role), at: app.clock.now())
            _ = try await world.propose(app, metric: "certified_engineers", target: "3")
            #expect(try await store.outbox().first { $0.userID == pat.id && $0.kind == .goalProposed && $0.status == .pending } != nil)
        }
    }

    @Test func aPlanChangeWritesItsMessagesForTheOtherSideAndADraftNone() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let users = try await people(app, world)
            let store = AccordStore(database: app.db)
            var planID: UUID!
            try await app.testing().test(
                .POST, "/api/v1/partners/\(world.partnerID)/plans", headers: world.cam, body: PlanAPITests.planBody()
            ) { res in
                #expect(res.status == .created)
                planID = try res.content.decode(PlansAPI.PlanOut.self).id
            }
            #expect(try await store.outbox().isEmpty, "the vendor's internal draft tells nobody")
            try await app.testing().test(.POST, "/api/v1/plans/\(planID!)/share", headers: world.cam) { #expect($0.status == .ok) }
            let shared = try await store.outbox()
            #expect(shared.map(\.userID) == [users["pat"]?.id] && shared.first?.kind == .planProposed)
            #expect(shared.first?.text.contains("/plans/\(planID!.uuidString.lowercased())") == true)
            try await app.testing().test(.POST, "/api/v1/plans/\(planID!)/accept", headers: world.partnerAdmin) {
                #expect($0.status == .ok)
            }
            let accepted = try #require(try await store.outbox().first { $0.kind == .planAccepted })
            #expect(accepted.userID == users["casey"]?.id && accepted.subject.hasSuffix("is agreed"))
        }
    }

    @Test func bothSidesTalkOnAPlanAndARevisionCarriesItsReasonToTheOtherSide() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let users = try await people(app, world)
            let store = AccordStore(database: app.db)
            var planID: UUID!
            try await app.testing().test(
                .POST, "/api/v1/partners/\(world.partnerID)/plans", headers: world.cam, body: PlanAPITests.planBody()
            ) { res in planID = try res.content.decode(PlansAPI.PlanOut.self).id }
            try await app.testing().test(
                .POST, "/api/v1/plans/\(planID!)/comments", headers: world.cam, body: json(["text": "internal"])
            ) { res in #expect(res.status == .unprocessableEntity, "the internal draft has no conversation") }
            try await app.testing().test(.POST, "/api/v1/plans/\(planID!)/share", headers: world.cam) { #expect($0.status == .ok) }
            try await app.testing().test(
                .POST, "/api/v1/plans/\(planID!)/comments", headers: world.partnerAdmin,
                body: json(["text": "Can the campaigns start in Q2?"])
            ) { res in
                #expect(res.status == .created)
                let plan = try res.content.decode(PlansAPI.PlanOut.self)
                #expect(plan.comments.map(\.text) == ["Can the campaigns start in Q2?"] && plan.comments.first?.side == "partner")
            }
            try await app.testing().test(
                .POST, "/api/v1/plans/\(planID!)/comments", headers: world.partnerMember, body: json(["text": "Me too"])
            ) { res in #expect(res.status == .forbidden, "a partner member does not negotiate") }
            try await app.testing().test(
                .POST, "/api/v1/plans/\(planID!)/comments", headers: world.otherPartnerAdmin, body: json(["text": "Hello"])
            ) { res in #expect(res.status == .notFound, "another partner's plan does not exist for them") }
            // the partner revises with a reason: the CAM's message carries it
            var body = try JSONSerialization.jsonObject(with: Data(buffer: PlanAPITests.planBody())) as? [String: Any] ?? [:]
            body["comment"] = "Campaigns from Q2: our marketing hire starts in April."
            try await app.testing().test(.POST, "/api/v1/plans/\(planID!)/revise", headers: world.partnerAdmin, body: json(body)) { res in
                #expect(res.status == .ok)
                let plan = try res.content.decode(PlansAPI.PlanOut.self)
                #expect(plan.comments.last?.revision == 2)
            }
            let revised = try #require(try await store.outbox().first { $0.kind == .planProposed && $0.userID == users["casey"]?.id })
            #expect(revised.text.contains("Why: Campaigns from Q2"))
            // and on the page: the conversation is shown to both sides, and a comment is added through its form
            var pat = try await signedIn(app, "pat.page", name: "Pat Partner", role: .partnerAdmin, partner: world.partnerID)
            let page = try await pat.get("/plans/\(planID!)")
            #expect(page.body.string.contains("Can the campaigns start in Q2?") && page.body.string.contains("Conversation"))
            let empty = try await pat.post("/plans/\(planID!)/comment", form: ["comment": " ", "_csrf": Browser.csrf(in: page)])
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("Write the comment first."))
            let added = try await pat.post(
                "/plans/\(planID!)/comment", form: ["comment": "Agreed on the rest.", "_csrf": Browser.csrf(in: page)])
            #expect(added.status == .seeOther)
            #expect(try await store.plan(planID).comments.map(\.text).last == "Agreed on the rest.")
        }
    }

    @Test func remindersComeOnceBeforeAProposalLapsesAndBeforeAnActionItemIsDue() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let users = try await people(app, world)
            let store = AccordStore(database: app.db)
            let proposed = try await world.propose(app, metric: "deal_registrations", target: "6").content.decode(DTO.Goal.self)
            var held = Review(
                partnerID: world.partnerID,
                period: Period(calendar: FiscalCalendar(validStartMonth: 1), kind: .month, fiscalYear: 2026, index: 9))
            try held.hold(
                on: Day(year: 2026, month: 10, day: 2),
                attendees: [.init(name: "Casey", side: .vendor), .init(name: "Pat", side: .partner)],
                snapshot: [], notes: "", decisions: [],
                actionItems: [
                    ActionItem(
                        side: .partner, owner: "Pat Partner", title: "Send the healthcare pipeline", due: testToday.advanced(by: 13)),
                    ActionItem(side: .partner, owner: "Pat Partner", title: "Later item", due: testToday.advanced(by: 30)),
                ])
            try await store.save(held, created: app.clock.now())
            let start = app.clock.now()
            func remind(after days: Double) async throws -> [OutboxMessage] {
                try await ReminderRun(
                    store: store, publicURL: "https://accord.example", clock: .fixed(start.addingTimeInterval(days * 86_400))
                )
                .send()
            }
            let before = try await store.outbox().count
            #expect(try await remind(after: 0).isEmpty, "fourteen days ahead: nothing to remind of yet")
            // twelve days later: the proposal lapses within three days, the first item is due within three
            let due = try await remind(after: 12)
            #expect(Set(due.map(\.kind)) == [.proposalLapsing, .actionItemDue])
            #expect(due.allSatisfy { $0.userID == users["pat"]?.id }, "the partner owes the answer and owns the item")
            #expect(due.first { $0.kind == .proposalLapsing }?.path == "/goals/\(proposed.id.uuidString.lowercased())")
            #expect(!due.contains { $0.subject.contains("Later item") })
            #expect(try await remind(after: 12.5).isEmpty, "each reminder once")
            #expect(try await store.outbox().count == before + 2)
        }
    }
}
