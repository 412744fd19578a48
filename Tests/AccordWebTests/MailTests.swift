import AccordCore
import AccordStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// Issue 19: a change writes its messages to the outbox with it, to the other side of that partner only; a relay
/// that is down loses nothing; a relay address that cannot be read is refused naming the variable.
@Suite("Messages through the outbox")
struct MailTests {
    func people(_ app: Application, _ world: World) async throws {
        let store = AccordStore(database: app.db)
        let setup = Actor(name: "test setup", role: .programAdmin)
        for (login, name, role, partner, email) in [
            ("pat", "Pat Partner", Role.partnerAdmin, world.partnerID as UUID?, "pat@globex.example"),
            ("mo.member", "Mo Member", .partnerMember, world.partnerID, "mo@globex.example"),
            ("ivy", "Ivy Initrode", .partnerAdmin, world.otherPartnerID, "ivy@initrode.example"),
            ("casey", "Casey CAM", .channelManager, nil, "casey@vendor.example"),
            ("olive", "Olive CAM", .channelManager, nil, "olive@vendor.example"),
        ] {
            _ = try await store.createUser(
                login: login, name: name, role: role, partnerID: partner, passwordHash: nil, email: try EmailAddress(email), by: setup,
                at: app.clock.now())
        }
    }

    @Test func aGoalChangeWritesItsMessagesForTheOtherSideOfThatPartnerOnly() async throws {
        try await withAccord { app in
            // setup
            let world = try await World.make(app)
            try await people(app, world)
            let store = AccordStore(database: app.db)
            // act: the CAM proposes
            let goal = try await world.propose(app, metric: "deal_registrations", target: "6").content.decode(DTO.Goal.self)
            // validate: the partner's admin hears of it; its member, the other partner and the vendor do not
            var outbox = try await store.outbox()
            #expect(outbox.map(\.to.text) == ["pat@globex.example"])
            let message = try #require(outbox.first)
            #expect(message.kind == .goalProposed && message.status == .pending)
            #expect(message.text.contains("/goals/\(goal.id.uuidString.lowercased())") && message.html.contains("Answer on Accord"))
            #expect(!message.text.contains("Planning expectation"), "no internal planning figure reaches a partner")
            // the partner counters with a reason: the CAM hears of it, with the reason
            try await app.testing().test(
                .POST, "/api/v1/goals/\(goal.id)/counter", headers: world.partnerAdmin,
                body: json(["target": "5", "comment": "Five is what our team can register."])
            ) { res in #expect(res.status == .ok) }
            outbox = try await store.outbox()
            let counter = try #require(outbox.first { $0.kind == .goalCountered })
            #expect(counter.to.text == "casey@vendor.example" && counter.text.contains("Five is what our team can register."))
            #expect(!outbox.contains { $0.to.text == "olive@vendor.example" || $0.to.text == "ivy@initrode.example" })
            // a vendor draft tells nobody
            try await app.testing().test(
                .POST, "/api/v1/goals", headers: world.cam,
                body: json([
                    "partner_id": world.partnerID.uuidString, "period": "FY2027 Q1", "metric": "deal_registrations", "target": "6",
                    "behaviour": "Register every deal", "draft": true,
                ])
            ) { res in #expect(res.status == .created) }
            #expect(try await store.outbox().count == 2)
            // the partner admin stops "countered" messages through the link of one; the next counter tells them nothing
            try await app.testing().test(
                .POST, "/unsubscribe/\(counter.unsubscribeToken)", body: ByteBuffer(string: "List-Unsubscribe=One-Click")
            ) { res in #expect(res.status == .ok) }
            let choices = try await store.noticePreferences(of: [counter.userID])
            #expect(choices[counter.userID]?[.goalCountered] == .never)
        }
    }

    @Test func aRelayThatIsDownKeepsEveryMessagePendingForALaterTry() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            try await people(app, world)
            _ = try await world.propose(app, metric: "deal_registrations", target: "6")
            // A port nobody listens on: the relay is down.
            let relay = try SMTPRelay.parse("smtp://127.0.0.1:9", from: try EmailAddress("accord@vendor.example"))
            let store = AccordStore(database: app.db)
            let sender = OutboxSender(
                store: store, relay: relay, group: app.eventLoopGroup, publicURL: "http://accord.example", clock: app.clock,
                logger: app.logger)
            let pass = try await sender.sendDue()
            #expect(pass == OutboxSender.Pass(sent: 0, retrying: 1, failed: 0))
            let message = try #require(try await store.outbox().first)
            #expect(message.status == .pending && message.attempts == 1 && message.lastError != nil)
            #expect(message.nextAttemptAt > app.clock.now(), "it waits before the next try")
            #expect(try await sender.sendDue() == OutboxSender.Pass(), "nothing is due again before its time")
            try await app.testing().test(.GET, "/readyz") { res in #expect(res.status == .ok, "the relay is not the database") }
            try await app.testing().test(.GET, "/metrics") { res in
                #expect(res.body.string.contains(#"accord_outbox_messages{status="pending"} 1"#))
            }
        }
    }

    @Test func aRelayAddressThatCannotBeReadIsRefusedNamingTheVariable() throws {
        let from = try EmailAddress("accord@vendor.example")
        for bad in ["http://relay.example", "smtp://", "smtp://user@relay.example", "smtp://relay.example:99999", "smtp://relay.example/x"]
        {
            #expect(throws: SMTPRelay.Problem.self) { try SMTPRelay.parse(bad, from: from) }
            #expect((try? SMTPRelay.parse(bad, from: from)) == nil)
        }
        do {
            _ = try SMTPRelay.fromEnvironment(["ACCORD_SMTP_URL": "smtp//nope"], publicURL: "http://x")
            Issue.record("a malformed relay was accepted")
        } catch { #expect("\(error)".contains("ACCORD_SMTP_URL")) }
        let relay = try SMTPRelay.parse("smtp://user%40x:p%3Ass@relay.example:2525", from: from)
        #expect(
            relay.host == "relay.example" && relay.port == 2525 && relay.username == "user@x" && relay.password == "p:ss"
                && !relay.implicitTLS)
        #expect(try SMTPRelay.parse("smtps://relay.example", from: from).port == 465)
        #expect(try SMTPRelay.fromEnvironment([:], publicURL: "http://x") == nil, "no relay: messages stay in the outbox")
    }

    @Test func aMessageCarriesBothPartsAOneClickUnsubscribeAndAStableMessageID() throws {
        let message = OutboxMessage(
            eventKey: "goal/abc/propose/1-1-0", userID: UUID(), to: try EmailAddress("pat@globex.example"), kind: .goalProposed,
            subject: "Délai: €5,000 goal", text: ".a line that starts with a dot\nsecond", html: "<p>hi</p>", unsubscribeToken: "unsub_x",
            createdAt: Date(timeIntervalSince1970: 0))
        let mail = MailMessage(message, from: try EmailAddress("accord@vendor.example"), publicURL: "https://accord.example", date: .init())
        #expect(mail.data.contains("List-Unsubscribe: <https://accord.example/unsubscribe/unsub_x>\r\n"))
        #expect(mail.data.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"))
        #expect(mail.data.contains("Subject: =?utf-8?B?"), "a subject beyond ASCII is an encoded word")
        #expect(
            mail.data.contains("Content-Type: text/plain; charset=utf-8") && mail.data.contains("Content-Type: text/html; charset=utf-8"))
        let again = MailMessage(
            message, from: try EmailAddress("accord@vendor.example"), publicURL: "https://accord.example", date: .init())
        let id = { (m: MailMessage) in m.data.components(separatedBy: "\r\n").first { $0.hasPrefix("Message-ID:") } }
        #expect(id(mail) != nil && id(mail) == id(again), "a copy handed over twice reads as one message")
    }
}
