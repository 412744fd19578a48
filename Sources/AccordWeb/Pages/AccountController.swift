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
                .init(login: "", next: safeNext(try? req.query.get(String.self, at: "next")), error: nil, csrf: req.csrfToken)))
    }

    @Sendable static func signIn(req: Request) async throws -> Response {
        let form = try req.content.decode(SignInForm.self)
        let login = LoginName.normalized(form.login ?? "") ?? (form.login ?? "")
        let now = req.clock.now()
        let throttle = req.application.loginThrottle
        let since = now.addingTimeInterval(-throttle.window)
        let accountKey = "account:" + login
        let addressKey = "address:" + (req.remoteAddress?.ipAddress ?? "unknown")
        func refuse(_ message: String, status: HTTPStatus) -> Response {
            HTMLResponse.page(
                SignInPage.render(.init(login: form.login ?? "", next: safeNext(form.next), error: message, csrf: req.csrfToken)),
                status: status)
        }
        let accountFailures = try await req.store.loginFailures(key: accountKey, since: since)
        let addressFailures = try await req.store.loginFailures(key: addressKey, since: since)
        guard throttle.allows(accountFailures: accountFailures, addressFailures: addressFailures) else {
            return refuse("Too many failed sign-ins. Wait 15 minutes and try again.", status: .tooManyRequests)
        }
        // Unknown users cost a hash too, so timing does not reveal which names exist.
        let found = try await req.store.credentials(login: login)
        let hash = found?.1 ?? req.application.decoyPasswordHash
        let matches = try await req.password.async.verify(form.password ?? "", created: hash)
        guard let (user, stored) = found, stored != nil, matches, !user.disabled else {
            try await req.store.recordLoginFailure(keys: [accountKey, addressKey], at: now)
            return refuse("The sign-in name or password is not right.", status: .unauthorized)
        }
        try await req.store.clearLoginFailures(key: accountKey)
        try await SessionAuthenticator.signIn(user, on: req)
        let home = user.role.side == .vendor ? SiteURL.overview.path : SiteURL.partner(user.partnerID!).path
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
        let form = try req.content.decode(PasswordForm.self)
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
            userID: user.id, hash: try await req.password.async.hash(form.password ?? ""), by: user.viewer.actor, at: req.clock.now())
        try await SessionAuthenticator.signIn(try await req.store.user(user.id), on: req)
        return req.redirect(to: user.role.side == .vendor ? SiteURL.overview.path : SiteURL.partner(user.partnerID!).path)
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
        let form = try req.content.decode(PasswordForm.self)
        var errors = newPasswordErrors(form, login: user.login) ?? [:]
        let stored = try await req.store.credentials(login: user.login)?.1
        if try await !req.password.async.verify(form.current ?? "", created: stored ?? "") {
            errors["current"] = "That is not your current password."
        }
        guard errors.isEmpty else {
            return HTMLResponse.page(
                PasswordPage.render(
                    .init(purpose: .change, errors: errors, notice: nil, csrf: req.csrfToken, chrome: try await PageChromes.make(req))),
                status: .unprocessableEntity)
        }
        try await req.store.setPassword(
            userID: user.id, hash: try await req.password.async.hash(form.password ?? ""), by: viewer.actor, at: req.clock.now())
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

    /// Only local paths are followed after sign-in: no open redirects.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return nil }
        return next
    }
}

/// Builds the page frame for the signed-in viewer.
enum PageChromes {
    static func make(_ req: Request) async throws -> PageChrome {
        guard let viewer = req.signedIn?.viewer else { return .anonymous }
        let program = try await req.store.programs().first
        return PageChrome(
            programName: program?.name, userName: viewer.name, roleLabel: viewer.role.label, csrf: req.csrfToken,
            isVendor: viewer.side == .vendor, partnerID: viewer.partnerID, isChannelManager: viewer.role == .channelManager)
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
