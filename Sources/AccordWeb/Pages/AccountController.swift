import AccordCore
import AccordStore
import AccordViews
import Vapor

/// Signing in and out, setting a password from a one-time link, changing one's password.
enum AccountController {
    struct SignInForm: Content {
        var login: String?
        var password: String?
        var next: String?
    }

    struct PasswordForm: Content {
        var current: String?
        var password: String?
        var confirm: String?
    }

    @Sendable static func signInPage(req: Request) async throws -> Response {
        if req.signedIn != nil { return req.redirect(to: SiteURL.overview.path) }
        return HTMLResponse.page(
            SignInPage.render(
                .init(login: "", next: safeNext(try? req.queryText("next")), error: nil, csrf: req.csrfToken)))
    }

    @Sendable static func signIn(req: Request) async throws -> Response {
        let form = try req.form(SignInForm.self)
        // A name that cannot be a login still counts against itself, under a fixed-size key.
        let login = LoginName.normalized(form.login ?? "")
        let now = req.clock.now()
        let throttle = req.application.loginThrottle
        let accountKey = "account:" + (login ?? "unreadable-" + Secrets.hash(form.login ?? ""))
        let addressKey = "address:" + (req.remoteAddress?.ipAddress ?? "unknown")
        func refuse(_ message: String, status: HTTPStatus) -> Response {
            HTMLResponse.page(
                SignInPage.render(.init(login: form.login ?? "", next: safeNext(form.next), error: message, csrf: req.csrfToken)),
                status: status)
        }
        // The check is reserved before it is made, atomically per account and per address: simultaneous attempts
        // cannot all slip under the limit (failures plus checks in flight).
        let keys = [accountKey, addressKey]
        let reserved: Bool
        do {
            reserved = try await req.store.reserveSignInCheck(
                [(accountKey, throttle.perAccount), (addressKey, throttle.perAddress)], window: throttle.window, now: now)
        } catch  where DatabaseHealth.isConflict(error) {
            // So many sign-ins at once that the count could not be taken in time: none is checked.
            let busy = refuse("Many sign-ins are arriving at once. Try again in a few seconds.", status: .tooManyRequests)
            busy.headers.replaceOrAdd(name: .retryAfter, value: "5")
            return busy
        }
        guard reserved else {
            return refuse("Too many failed sign-ins. Wait 15 minutes and try again.", status: .tooManyRequests)
        }
        let found: (User, String?)?
        let matches: Bool
        do {
            if let login { found = try await req.store.credentials(login: login) } else { found = nil }
            // Unknown users cost a hash too, so timing does not reveal which names exist.
            matches = try await req.verifyPassword(form.password ?? "", against: found?.1 ?? req.application.decoyPasswordHash)
        } catch {
            await finish(req, keys, failed: false, cleared: [])
            throw error
        }
        guard let (user, stored) = found, stored != nil, matches, !user.disabled, let home = home(of: user) else {
            await finish(req, keys, failed: true, cleared: [])
            return refuse("The sign-in name or password is not right.", status: .unauthorized)
        }
        await finish(req, keys, failed: false, cleared: [accountKey])
        try await SessionAuthenticator.signIn(user, on: req)
        return req.redirect(to: safeNext(form.next) ?? home)
    }

    @Sendable static func signOut(req: Request) async throws -> Response {
        req.auth.logout(SignedIn.self)
        req.session.destroy()
        return req.redirect(to: SiteURL.login().path)
    }

    @Sendable static func linkPage(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let user = try await req.store.userForPasswordLink(tokenHash: Secrets.hash(token), now: req.clock.now()) else {
            throw Abort(.notFound, reason: "This link is unknown, used or expired. Ask a program admin for a new one.")
        }
        return HTMLResponse.page(
            PasswordPage.render(
                .init(purpose: .link(token: token, userName: user.name), errors: [:], notice: nil, csrf: req.csrfToken, chrome: .anonymous))
        )
    }

    @Sendable static func setPasswordFromLink(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let hash = Secrets.hash(token)
        guard let user = try await req.store.userForPasswordLink(tokenHash: hash, now: req.clock.now()) else {
            throw Abort(.notFound, reason: "This link is unknown, used or expired. Ask a program admin for a new one.")
        }
        let form = try req.form(PasswordForm.self)
        if let errors = newPasswordErrors(form, login: user.login) {
            return HTMLResponse.page(
                PasswordPage.render(
                    .init(
                        purpose: .link(token: token, userName: user.name), errors: errors, notice: nil, csrf: req.csrfToken,
                        chrome: .anonymous)),
                status: .unprocessableEntity)
        }
        guard try await req.store.consumePasswordLink(tokenHash: hash, now: req.clock.now()) else {
            throw Abort(.notFound, reason: "This link was used in the meantime. Ask a program admin for a new one.")
        }
        try await req.store.setPassword(
            userID: user.id, hash: try await req.hashPassword(form.password ?? ""), by: user.viewer.actor, at: req.clock.now())
        try await SessionAuthenticator.signIn(try await req.store.user(user.id), on: req)
        return req.redirect(to: home(of: user) ?? SiteURL.login().path)
    }

    @Sendable static func passwordPage(req: Request) async throws -> Response {
        HTMLResponse.page(
            PasswordPage.render(
                .init(purpose: .change, errors: [:], notice: nil, csrf: req.csrfToken, chrome: try await PageChromes.make(req))))
    }

    @Sendable static func changePassword(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        guard req.signedIn?.method == .session else { throw Abort(.forbidden, reason: "API tokens have no password.") }
        let user = try await req.store.user(viewer.userID)
        let form = try req.form(PasswordForm.self)
        var errors = newPasswordErrors(form, login: user.login) ?? [:]
        let stored = try await req.store.credentials(login: user.login)?.1
        if try await !req.verifyPassword(form.current ?? "", against: stored ?? req.application.decoyPasswordHash) {
            errors["current"] = "That is not your current password."
        }
        guard errors.isEmpty else {
            return HTMLResponse.page(
                PasswordPage.render(
                    .init(purpose: .change, errors: errors, notice: nil, csrf: req.csrfToken, chrome: try await PageChromes.make(req))),
                status: .unprocessableEntity)
        }
        try await req.store.setPassword(
            userID: user.id, hash: try await req.hashPassword(form.password ?? ""), by: viewer.actor, at: req.clock.now())
        // Other sessions end (their stamp no longer matches); this one continues.
        try await SessionAuthenticator.signIn(try await req.store.user(user.id), on: req)
        return HTMLResponse.page(
            PasswordPage.render(
                .init(
                    purpose: .change, errors: [:], notice: "Your password was changed. Other sessions were signed out.",
                    csrf: req.csrfToken, chrome: try await PageChromes.make(req))))
    }

    static func newPasswordErrors(_ form: PasswordForm, login: String) -> [String: String]? {
        var errors: [String: String] = [:]
        do { try PasswordPolicy.check(form.password ?? "", login: login) } catch { errors["password"] = error.description }
        if errors["password"] == nil, form.password != form.confirm { errors["confirm"] = "The two passwords differ." }
        return errors.isEmpty ? nil : errors
    }

    /// Ends a reserved check; a write that cannot land even on a second try leaves the check counted until the window
    /// ends — on the safe side of the throttle.
    static func finish(_ req: Request, _ keys: [String], failed: Bool, cleared: [String]) async {
        for _ in 0..<2 {
            do { return try await req.store.finishSignInCheck(keys, failed: failed, clearedOnSuccess: cleared) } catch {
                req.logger.warning("sign-in check not finished: \(error)")
            }
        }
    }

    /// Only paths of this site are followed after sign-in: no open redirects (`LocalRedirect`).
    static func safeNext(_ next: String?) -> String? { LocalRedirect.path(next) }

    /// Where a user lands after signing in; nil for a partner user without a partner (never valid).
    static func home(of user: User) -> String? {
        if user.role.side == .vendor { return SiteURL.overview.path }
        return user.partnerID.map { SiteURL.partner($0).path }
    }
}

/// Builds the page frame for the signed-in viewer.
enum PageChromes {
    static func make(_ req: Request) async throws -> PageChrome {
        guard let viewer = req.signedIn?.viewer else { return .anonymous }
        let reading = InboxReading(req: req)
        // The count beside "Waiting for you" is one statement; a page is not refused for want of it.
        var program = try? await reading.program(for: viewer, requested: nil)
        var waiting = 0
        if let program { waiting = try await reading.count(for: viewer, in: program) }
        // Several programs and no choice made: the first names the pages, as before the inbox.
        if program == nil { program = try await req.store.programs().first }
        return PageChrome(
            programName: program?.name, userName: viewer.name, roleLabel: viewer.role.label, csrf: req.csrfToken,
            isVendor: viewer.side == .vendor, partnerID: viewer.partnerID, isChannelManager: viewer.role == .channelManager,
            waiting: waiting)
    }
}

extension Application {
    private struct LoginThrottleKey: StorageKey { typealias Value = LoginThrottle }
    private struct DecoyHashKey: StorageKey { typealias Value = String }

    /// A real hash checked against when the sign-in name is unknown.
    var decoyPasswordHash: String {
        get { storage[DecoyHashKey.self] ?? "" }
        set { storage[DecoyHashKey.self] = newValue }
    }

    var loginThrottle: LoginThrottle {
        get { storage[LoginThrottleKey.self] ?? LoginThrottle() }
        set { storage[LoginThrottleKey.self] = newValue }
    }
}
