import AccordCore
import AccordStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// Free text goes through every page escaped: a corpus of XSS payloads in every free-text field.
@Suite("Escaping")
struct EscapingTests {
    static let corpus = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "'><svg onload=alert(1)>",
        "</title><script>alert(1)</script>",
        "javascript:alert(1)//<a href=\"x\">",
        "<iframe srcdoc=\"<script>alert(1)</script>\">",
    ]

    @Test func xssPayloadsInEveryFreeTextFieldRenderEscapedOnEveryPage() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            for (n, payload) in Self.corpus.enumerated() {
                var partnerID: UUID!
                try await app.testing().test(
                    .POST, "/api/v1/partners", headers: world.admin,
                    body: json([
                        "name": "P\(n) \(payload)", "external_key": "X\(n)", "business_model": "msp", "region": payload,
                        "channel_manager": payload, "fiscal_year_start_month": 1, "tier": payload, "stage": "established",
                    ])
                ) { res in
                    #expect(res.status == .created)
                    partnerID = try res.content.decode(DTO.Partner.self).id
                }
                try await app.testing().test(
                    .POST, "/api/v1/goals", headers: world.admin,
                    body: json([
                        "partner_id": partnerID.uuidString, "period": "FY2026 Q4", "metric": "marketing_campaigns", "target": "2",
                        "behaviour": payload, "objective": payload,
                    ])
                ) { res in
                    #expect(res.status == .created)
                    let goal = try res.content.decode(DTO.Goal.self)
                    #expect(goal.behaviour == payload, "stored as typed, escaped only when shown")
                }
                try await app.testing().test(.GET, "/partners/\(partnerID!)", headers: world.admin) { res in
                    #expect(res.status == .ok)
                    Self.expectEscaped(res.body.string, payload, page: "partner page")
                }
            }
            try await app.testing().test(.GET, "/", headers: world.admin) { res in
                #expect(res.status == .ok)
                for payload in Self.corpus { Self.expectEscaped(res.body.string, payload, page: "overview") }
            }
            var browser = Browser(app)
            let signIn = try await browser.signIn(Self.corpus[0], "whatever password")
            Self.expectEscaped(signIn.body.string, Self.corpus[0], page: "sign-in page")
        }
    }

    static func expectEscaped(_ html: String, _ payload: String, page: String) {
        #expect(!html.contains(payload), "\(page) shows the payload raw: \(payload)")
        #expect(!html.lowercased().contains("<script>alert"), "\(page) contains an injected script")
        for injected in ["<img", "<svg onload", "<iframe"] {
            #expect(!html.lowercased().contains(injected), "\(page) contains injected markup \(injected)")
        }
    }
}
