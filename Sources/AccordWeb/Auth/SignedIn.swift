import AccordCore
import AccordStore
import Vapor

/// The viewer of a request, once a session or an API token identified it.
struct SignedIn: Authenticatable {
    enum Method { case session, token }
    let viewer: Viewer
    let method: Method
}

extension Request {
    var signedIn: SignedIn? { auth.get(SignedIn.self) }

    /// The viewer, or 401 for a request nobody signed.
    func viewer() throws -> Viewer {
        guard let signedIn else { throw Abort(.unauthorized, reason: "Sign in, or send an API token as 'Authorization: Bearer …'.") }
        return signedIn.viewer
    }

    /// Who is acting, for the audit log and the goal rules.
    func actor() throws -> Actor { try viewer().actor }
}

/// Session lifetimes: a session ends after 8 idle hours, and after 7 days whatever happens.
struct SessionPolicy: Sendable {
    var idle: TimeInterval = 8 * 3600
    var absolute: TimeInterval = 7 * 24 * 3600
}

/// Reads the signed-in user from the session (stored in the database, shared by every instance).
/// A session ends when it idles too long, grows too old, its user is disabled, or the password changed.
struct SessionAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.hasSession, let userText = request.session.data["user"], let userID = UUID(uuidString: userText) {
            let now = request.clock.now()
            let policy = request.application.sessionPolicy
            let started = request.session.data["started"].flatMap(Double.init) ?? 0
            let seen = request.session.data["seen"].flatMap(Double.init) ?? 0
            if now.timeIntervalSince1970 - seen > policy.idle || now.timeIntervalSince1970 - started > policy.absolute {
                request.session.data["user"] = nil
            } else if let user = try? await request.store.user(userID), !user.disabled,
                request.session.data["stamp"] == SessionAuthenticator.stamp(user)
            {
                request.auth.login(SignedIn(viewer: user.viewer, method: .session))
                if now.timeIntervalSince1970 - seen > 60 { request.session.data["seen"] = String(now.timeIntervalSince1970) }
            } else {
                request.session.data["user"] = nil
            }
        }
        return try await next.respond(to: request)
    }

    /// Changes when the password changes, ending every other session of the user.
    static func stamp(_ user: User) -> String {
        String(Int(user.passwordChangedAt?.timeIntervalSince1970 ?? 0))
    }

    static func signIn(_ user: User, on request: Request) async throws {
        let now = String(request.clock.now().timeIntervalSince1970)
        // A fresh session id on sign-in prevents session fixation: the old record goes, a new one is created.
        if let old = request.session.id {
            try await request.application.sessions.driver.deleteSession(old, for: request).get()
            request.session.id = nil
        }
        request.session.data = SessionData()
        request.session.data["user"] = user.id.uuidString
        request.session.data["stamp"] = stamp(user)
        request.session.data["started"] = now
        request.session.data["seen"] = now
        request.session.data["csrf"] = Secrets.token(prefix: "csrf")
        request.auth.login(SignedIn(viewer: user.viewer, method: .session))
    }
}

/// `Authorization: Bearer acc_…` for integrations; the token is looked up by its hash.
struct TokenAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            guard let token = try await request.store.liveToken(hash: Secrets.hash(bearer.token), at: request.clock.now()) else {
                throw Abort(.unauthorized, reason: "The API token is unknown or revoked.")
            }
            request.auth.login(SignedIn(viewer: token.viewer, method: .token))
        }
        return try await next.respond(to: request)
    }
}

extension Application {
    private struct SessionPolicyKey: StorageKey { typealias Value = SessionPolicy }

    var sessionPolicy: SessionPolicy {
        get { storage[SessionPolicyKey.self] ?? SessionPolicy() }
        set { storage[SessionPolicyKey.self] = newValue }
    }
}
