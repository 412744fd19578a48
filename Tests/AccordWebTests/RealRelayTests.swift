import AccordCore
import AccordStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// Issue 19 against a real relay: `scripts/test-smtp.py` (aiosmtpd on 127.0.0.1, STARTTLS and AUTH required), which
/// `.ci/run` starts and names in TEST_SMTP_URL, TEST_SMTP_CA_FILE and TEST_SMTP_SPOOL. The tests read what it
/// delivered: envelope recipients, headers and both MIME parts.
@Suite(
    "Messages through a real SMTP relay",
    .enabled(if: ProcessInfo.processInfo.environment["TEST_SMTP_URL"] != nil, "set TEST_SMTP_URL (scripts/test-smtp.py start)"),
    .serialized)
struct RealRelayTests {
    let environment = ProcessInfo.processInfo.environment

    /// One message as the relay received it.
    struct Delivered {
        let recipients: [String]
        let headers: [String: String]
        let text: String
        let html: String
    }

    func relay(password: String? = nil) throws -> SMTPRelay {
        var url = environment["TEST_SMTP_URL"] ?? ""
        if let password, let range = url.range(of: #":[0-9a-f]+@"#, options: .regularExpression) {
            url.replaceSubrange(range, with: ":\(password)@")
        }
        return try #require(
            try SMTPRelay.fromEnvironment(
                [
                    "ACCORD_SMTP_URL": url, "ACCORD_SMTP_CA_FILE": environment["TEST_SMTP_CA_FILE"] ?? "",
                    "ACCORD_MAIL_FROM": "accord@vendor.example",
                ],
                publicURL: "https://accord.example"))
    }

    var spool: URL { URL(fileURLWithPath: environment["TEST_SMTP_SPOOL"] ?? "/nonexistent") }

    /// What the spool holds now: the spool is shared by every run and test, so each reads only what came after.
    func spooled() throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: spool.path).filter { $0.hasSuffix(".json") })
    }

    /// The messages the relay delivered to these addresses since `before`.
    func delivered(to addresses: Set<String>, since before: Set<String>) throws -> [Delivered] {
        let names = try spooled().subtracting(before).sorted()
        return try names.compactMap { name in
            let envelope = try JSONSerialization.jsonObject(with: Data(contentsOf: spool.appendingPathComponent(name))) as? [String: Any]
            let recipients = (envelope?["rcpt_tos"] as? [String]) ?? []
            guard !Set(recipients).isDisjoint(with: addresses) else { return nil }
            let raw = try String(
                contentsOf: spool.appendingPathComponent(name.replacingOccurrences(of: ".json", with: ".eml")), encoding: .utf8)
            return Self.parse(raw, recipients: recipients)
        }
    }

    static func parse(_ raw: String, recipients: [String]) -> Delivered {
        let normalized = raw.replacingOccurrences(of: "\r\n", with: "\n")
        let (head, body) = normalized.split(separator: "\n\n", maxSplits: 1).map(String.init).pair
        var headers: [String: String] = [:]
        var last: String?
        for line in head.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.first == " " || line.first == "\t", let key = last {
                headers[key, default: ""] += String(line.drop(while: { $0 == " " || $0 == "\t" }))
            } else if let colon = line.firstIndex(of: ":") {
                let key = line[..<colon].lowercased()
                headers[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                last = key
            }
        }
        func part(_ type: String) -> String {
            guard let start = body.range(of: "Content-Type: \(type)") else { return "" }
            let rest = body[start.upperBound...]
            guard let blank = rest.range(of: "\n\n") else { return "" }
            let encoded = rest[blank.upperBound...].prefix { $0 != "-" }.filter { !$0.isWhitespace }
            return Data(base64Encoded: String(encoded)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        return Delivered(recipients: recipients, headers: headers, text: part("text/plain"), html: part("text/html"))
    }

    @Test func aProposalAndTheDigestArriveThroughTheRelayWithTheirLinksAndUnsubscribe() async throws {
        try await withAccord { app in
            // setup: a proposal to Globex (Pat hears of it), and the week's digests
            let world = try await World.make(app)
            let users = try await DigestTests().people(app, world)
            let goal = try await world.propose(app, metric: "deal_registrations", target: "6").content.decode(DTO.Goal.self)
            let site = app.publicURL
            _ = try await DigestRun(store: AccordStore(database: app.db), publicURL: site, clock: app.clock).sendDue()
            let store = AccordStore(database: app.db)
            let pending = try await store.outbox(status: .pending)
            #expect(!pending.isEmpty)
            // act: the sender hands the outbox to the relay over STARTTLS with AUTH
            let before = try spooled()
            let sender = OutboxSender(
                store: store, relay: try relay(), group: app.eventLoopGroup, publicURL: site, clock: app.clock,
                logger: app.logger)
            let pass = try await sender.sendDue()
            // validate: every message went, once, to its own recipient
            #expect(pass == OutboxSender.Pass(sent: pending.count, retrying: 0, failed: 0))
            #expect(try await store.outbox(status: .sent).count == pending.count)
            let addresses = Set(pending.map(\.to.text))
            let mails = try delivered(to: addresses, since: before)
            #expect(mails.count == pending.count)
            #expect(mails.allSatisfy { $0.recipients.count == 1 && addresses.contains($0.recipients[0]) })
            let pat = try #require(users["pat"]?.email?.text)
            let patMails = mails.filter { $0.recipients == [pat] }
            let proposal = try #require(patMails.first { $0.headers["subject"]?.contains("proposes") == true })
            #expect(proposal.text.contains("\(site)/goals/\(goal.id.uuidString.lowercased())"))
            #expect(proposal.html.contains("href=\"\(site)/goals/\(goal.id.uuidString.lowercased())\""))
            #expect(proposal.headers["list-unsubscribe"]?.contains("<\(site)/unsubscribe/unsub_") == true)
            #expect(proposal.headers["list-unsubscribe-post"] == "List-Unsubscribe=One-Click")
            #expect(proposal.headers["from"]?.contains("accord@vendor.example") == true && proposal.headers["to"]?.contains(pat) == true)
            let digest = try #require(patMails.first { $0.headers["subject"]?.contains("where we stand") == true })
            #expect(digest.text.contains("Waiting for you") && digest.html.contains("Waiting for you"))
            for mail in patMails {
                #expect(!mail.text.contains("Initrode") && !mail.html.contains("Initrode"), "nothing of another partner reaches Globex")
                #expect(!mail.text.contains("Planning expectation"), "no internal planning figure")
            }
            // a second pass sends nothing again
            #expect(try await sender.sendDue() == OutboxSender.Pass())
            #expect(try delivered(to: addresses, since: before).count == mails.count)
        }
    }

    @Test func aRelayRefusingThePasswordKeepsTheMessageForALaterTry() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            _ = try await DigestTests().people(app, world)
            _ = try await world.propose(app, metric: "deal_registrations", target: "6")
            let store = AccordStore(database: app.db)
            let sender = OutboxSender(
                store: store, relay: try relay(password: "0000"), group: app.eventLoopGroup, publicURL: "https://accord.example",
                clock: app.clock, logger: app.logger)
            let pass = try await sender.sendDue()
            #expect(
                pass == OutboxSender.Pass(sent: 0, retrying: 1, failed: 0), "a refused sign-in is the relay's problem, not the message's")
            let message = try #require(try await store.outbox().first)
            #expect(message.status == .pending && message.lastError?.contains("535") == true, "\(message.lastError ?? "")")
        }
    }
}

extension Array where Element == String {
    fileprivate var pair: (String, String) { (first ?? "", count > 1 ? self[1] : "") }
}
