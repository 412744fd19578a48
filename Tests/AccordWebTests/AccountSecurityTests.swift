import AccordCore
import AccordStore
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// Accounts, sessions, tokens and the defences around them.
@Suite("Accounts and sessions")
struct AccountSecurityTests {
    static let password = "correct horse battery"

    func user(
        _ app: Application, _ login: String = "casey", role: Role = .channelManager, partner: UUID? = nil, password: String? = password
    ) async throws -> User {
        try await AccordStore(database: app.db).createUser(
            login: login, name: "Casey CAM", role: role, partnerID: partner, passwordHash: try password.map { try app.password.hash($0) },
            by: Actor(name: "test", role: .programAdmin), at: app.clock.now())
    }

    @Test func signingInWithTheRightPasswordStartsASessionAndSigningOutEndsIt() async throws {
        try await withAccord { app in
            _ = try await World.make(app)
            _ = try await user(app)
            var browser = Browser(app)
            let first = try await browser.get("/")
            #expect(first.status == .seeOther && first.headers.first(name: .location) == "/login?next=%2F")
            let signedIn = try await browser.signIn("Casey", Self.password)
            #expect(signedIn.status == .seeOther && signedIn.headers.first(name: .location) == "/")
            let home = try await browser.get("/")
            #expect(home.status == .ok && home.body.string.contains("Casey CAM"))
            let out = try await browser.post("/logout", form: ["_csrf": Browser.csrf(in: home)])
            #expect(out.status == .seeOther)
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test func aWrongPasswordOrUnknownNameIsRefusedAlike() async throws {
        try await withAccord { app in
            _ = try await user(app)
            var browser = Browser(app)
            let wrong = try await browser.signIn("casey", "not the password")
            let unknown = try await browser.signIn("nobody", "not the password")
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            #expect(wrong.body.string.contains("The sign-in name or password is not right."))
            #expect(unknown.body.string.contains("The sign-in name or password is not right."))
        }
    }

    @Test func formsWithoutTheSessionsCSRFTokenAreRefused() async throws {
        try await withAccord { app in
            _ = try await World.make(app)
            _ = try await user(app)
            var browser = Browser(app)
            let form = try await browser.get("/login")
            #expect(try await browser.post("/login", form: ["login": "casey", "password": Self.password]).status == .forbidden)
            #expect(
                try await browser.post("/login", form: ["login": "casey", "password": Self.password, "_csrf": "csrf_forged"]).status
                    == .forbidden)
            #expect(
                try await browser.post("/login", form: ["login": "casey", "password": Self.password, "_csrf": Browser.csrf(in: form)])
                    .status == .seeOther)
            #expect(try await browser.post("/logout", form: [:]).status == .forbidden)
            // A session-authenticated API write needs the token too.
            let apiWrite = try await browser.send(.POST, "/api/v1/goals", body: ByteBuffer(string: "{}"), contentType: .json)
            #expect(apiWrite.status == .forbidden)
        }
    }

    @Test func sessionsEndAfterEightIdleHoursAndWhenThePasswordChanges() async throws {
        try await withAccord { app in
            _ = try await World.make(app)
            let casey = try await user(app)
            var browser = Browser(app)
            _ = try await browser.signIn("casey", Self.password)
            app.clock = .fixed(testToday.noonUTC.addingTimeInterval(7 * 3600))
            #expect(try await browser.get("/").status == .ok, "7 hours idle is fine")
            app.clock = .fixed(testToday.noonUTC.addingTimeInterval(7 * 3600 + 8 * 3600 + 1))
            #expect(try await browser.get("/").status == .seeOther, "8 idle hours end the session")

            var other = Browser(app)
            _ = try await other.signIn("casey", Self.password)
            #expect(try await other.get("/").status == .ok)
            try await AccordStore(database: app.db).setPassword(
                userID: casey.id, hash: try app.password.hash("another long password"), by: casey.viewer.actor,
                at: app.clock.now().addingTimeInterval(5))
            #expect(try await other.get("/").status == .seeOther, "a password change ends other sessions")
        }
    }

    @Test func aSignedInRequestThatChangesNothingWritesNothing() async throws {
        try await withAccord { app in
            // setup
            _ = try await World.make(app)
            _ = try await user(app)
            var browser = Browser(app)
            _ = try await browser.signIn("casey", Self.password)
            let afterSignIn = app.sessionWrites.withLockedValue { $0 }
            #expect(afterSignIn >= 1, "signing in creates the session record")

            // act: pages, the API and /healthz read the session; within the minute nothing in it changes
            for path in ["/", "/partners", "/healthz", "/api/v1/partners", "/"] {
                #expect(try await browser.get(path).status == .ok, "\(path)")
            }

            // validate
            #expect(app.sessionWrites.withLockedValue { $0 } == afterSignIn, "reading pages writes no session")
            app.clock = .fixed(testToday.noonUTC.addingTimeInterval(61))
            #expect(try await browser.get("/").status == .ok)
            #expect(app.sessionWrites.withLockedValue { $0 } == afterSignIn + 1, "the idle stamp moves once a minute")
            #expect(try await browser.get("/partners").status == .ok)
            #expect(app.sessionWrites.withLockedValue { $0 } == afterSignIn + 1)
            let page = try await browser.get("/")
            #expect(try await browser.post("/logout", form: ["_csrf": Browser.csrf(in: page)]).status == .seeOther)
            #expect(try await browser.get("/").status == .seeOther, "signing out still ends the session")
        }
    }

    @Test func changingThePasswordChecksTheCurrentOneAndThePolicy() async throws {
        try await withAccord { app in
            _ = try await World.make(app)
            _ = try await user(app)
            var browser = Browser(app)
            _ = try await browser.signIn("casey", Self.password)
            let page = try await browser.get("/account/password")
            let csrf = Browser.csrf(in: page)
            let wrong = try await browser.post(
                "/account/password",
                form: ["_csrf": csrf, "current": "nope", "password": "a new long password", "confirm": "a new long password"])
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("That is not your current password."))
            let short = try await browser.post(
                "/account/password", form: ["_csrf": csrf, "current": Self.password, "password": "short", "confirm": "short"])
            #expect(short.status == .unprocessableEntity && short.body.string.contains("at least 10 characters"))
            let ok = try await browser.post(
                "/account/password",
                form: ["_csrf": csrf, "current": Self.password, "password": "a new long password", "confirm": "a new long password"])
            #expect(ok.status == .ok && ok.body.string.contains("Your password was changed"))
            #expect(try await browser.get("/").status == .ok, "this session continues")
            var fresh = Browser(app)
            #expect(try await fresh.signIn("casey", "a new long password").status == .seeOther)
        }
    }

    @Test func signInIsRateLimitedPerAccountAndPerAddress() async throws {
        try await withAccord { app in
            _ = try await user(app)
            var browser = Browser(app)
            for _ in 0..<5 { #expect(try await browser.signIn("casey", "wrong password").status == .unauthorized) }
            let blocked = try await browser.signIn("casey", Self.password)
            #expect(blocked.status == .tooManyRequests, "even the right password waits after 5 failures")
            app.clock = .fixed(testToday.noonUTC.addingTimeInterval(16 * 60))
            #expect(try await browser.signIn("casey", Self.password).status == .seeOther, "the window passes")

            app.loginThrottle = LoginThrottle(perAccount: 5, perAddress: 3)
            var other = Browser(app)
            for n in 0..<3 { #expect(try await other.signIn("someone\(n)", "wrong password").status == .unauthorized) }
            #expect(try await other.signIn("casey", Self.password).status == .tooManyRequests, "one address tried too many accounts")
        }
    }

    @Test func aRevokedTokenIsRefusedAtOnce() async throws {
        try await withAccord { app in
            let secret = Secrets.token(prefix: "acc")
            let store = AccordStore(database: app.db)
            let token = try await store.createToken(
                name: "crm-sync", tokenHash: Secrets.hash(secret), role: .channelManager, partnerID: nil,
                by: Actor(name: "test", role: .programAdmin), at: app.clock.now())
            let headers: HTTPHeaders = ["Authorization": "Bearer \(secret)"]
            try await app.testing().test(.GET, "/api/v1/programs", headers: headers) { #expect($0.status == .ok) }
            try await store.revokeToken(token.id, by: Actor(name: "test", role: .programAdmin), at: app.clock.now())
            try await app.testing().test(.GET, "/api/v1/programs", headers: headers) { res in
                #expect(res.status == .unauthorized)
                #expect(res.errorReason == "The API token is unknown or revoked.")
            }
            try await app.testing().test(.GET, "/api/v1/programs", headers: ["Authorization": "Bearer acc_made_up"]) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test func passwordsAndTokensAreStoredOnlyAsHashes() async throws {
        try await withAccord { app in
            _ = try await user(app)
            let stored = try #require(try await AccordStore(database: app.db).credentials(login: "casey")?.1)
            #expect(stored.hasPrefix("$2"), "bcrypt")
            #expect(!stored.contains(Self.password))
            #expect(try app.password.verify(Self.password, created: stored))
            #expect(try !app.password.verify("something else", created: stored))
            let secret = Secrets.token(prefix: "acc")
            _ = try await AccordStore(database: app.db).createToken(
                name: "t", tokenHash: Secrets.hash(secret), role: .programAdmin, partnerID: nil,
                by: Actor(name: "test", role: .programAdmin), at: app.clock.now())
            let rows = try await (app.db as! any SQLDatabase).raw("SELECT token_hash FROM api_tokens").all()
            let hashes = try rows.map { try $0.decode(column: "token_hash", as: String.self) }
            #expect(hashes == [Secrets.hash(secret)] && !hashes.contains(secret))
        }
    }

    @Test func aOneTimeLinkSetsThePasswordOnceAndSignsIn() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let invited = try await user(app, "pat", role: .partnerAdmin, partner: world.partnerID, password: nil)
            let token = Secrets.token(prefix: "link")
            try await AccordStore(database: app.db).createPasswordLink(
                userID: invited.id, tokenHash: Secrets.hash(token), purpose: "invitation",
                expiresAt: app.clock.now().addingTimeInterval(86_400), at: app.clock.now())
            var browser = Browser(app)
            #expect(try await browser.signIn("pat", "").status == .unauthorized, "no password yet")
            let page = try await browser.get("/invitations/\(token)")
            #expect(page.status == .ok && page.body.string.contains("Welcome, Casey CAM"))
            let mismatch = try await browser.post(
                "/invitations/\(token)", form: ["_csrf": Browser.csrf(in: page), "password": "a long new password", "confirm": "different"])
            #expect(mismatch.status == .unprocessableEntity && mismatch.body.string.contains("The two passwords differ."))
            let done = try await browser.post(
                "/invitations/\(token)",
                form: ["_csrf": Browser.csrf(in: page), "password": "a long new password", "confirm": "a long new password"])
            #expect(
                done.status == .seeOther && done.headers.first(name: .location) == "/partners/\(world.partnerID.uuidString.lowercased())")
            #expect(try await browser.get("/invitations/\(token)").status == .notFound, "used once")
            app.clock = .fixed(testToday.noonUTC.addingTimeInterval(2 * 86_400))
            let late = Secrets.token(prefix: "link")
            try await AccordStore(database: app.db).createPasswordLink(
                userID: invited.id, tokenHash: Secrets.hash(late), purpose: "reset", expiresAt: testToday.noonUTC, at: testToday.noonUTC)
            #expect(try await browser.get("/invitations/\(late)").status == .notFound, "expired")
        }
    }

    @Test func partnerUsersLandOnTheirPartnerAndCannotOpenTheOverview() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            _ = try await user(app, "pat", role: .partnerAdmin, partner: world.partnerID)
            var browser = Browser(app)
            _ = try await browser.signIn("pat", Self.password)
            let home = try await browser.get("/")
            #expect(
                home.status == .seeOther && home.headers.first(name: .location) == "/partners/\(world.partnerID.uuidString.lowercased())")
            #expect(try await browser.get("/partners/\(world.otherPartnerID)").status == .notFound)
        }
    }

    @Test func responsesCarrySecurityHeadersAndTheSessionCookieIsHttpOnlyAndSameSite() async throws {
        try await withAccord { app in
            try await app.testing().test(.GET, "/login") { res in
                let csp = try #require(res.headers.first(name: "Content-Security-Policy"))
                #expect(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"))
                #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
                let cookie = try #require(res.headers.first(name: .setCookie))
                #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
                #expect(!cookie.contains("Secure"), "plain HTTP in tests")
            }
        }
    }
}
