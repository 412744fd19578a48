import Vapor

/// Every form post (signed in or not: sign-in forms too) and every session-authenticated API write carries
/// the session's CSRF token, in the `_csrf` form field or the `X-CSRF-Token` header. API requests without a
/// session (tokens, or nobody) carry no ambient credentials and skip it.
struct CSRFProtection: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let safe = [HTTPMethod.GET, .HEAD, .OPTIONS]
        let isAPI = request.url.path.hasPrefix("/api/")
        // A one-click unsubscribe (RFC 8058) comes from a mail client, not a page: the secret in its address is its proof.
        let isUnsubscribe = request.url.path.hasPrefix("/unsubscribe/")
        if !safe.contains(request.method), !isUnsubscribe, request.signedIn?.method != .token,
            !isAPI || request.signedIn?.method == .session
        {
            let expected = request.hasSession ? request.session.data["csrf"] : nil
            guard let expected, let sent = try await sentToken(request), Secrets.equal(expected, sent) else {
                throw Abort(.forbidden, reason: "The form has expired or did not come from Accord. Reload the page and try again.")
            }
        }
        return try await next.respond(to: request)
    }

    /// The header, or the `_csrf` field of a form body (collected here: middleware runs before the route collects it).
    /// A file upload carries it in the address instead, so the upload is not read before it is checked.
    private func sentToken(_ request: Request) async throws -> String? {
        if let header = request.headers.first(name: "X-CSRF-Token") { return header }
        if request.headers.contentType == .formData { return try? request.query.get(String.self, at: "_csrf") }
        guard request.headers.contentType == .urlEncodedForm else { return nil }
        if request.body.data == nil { _ = try await request.body.collect(max: 1_048_576).get() }
        return try? request.content.get(String.self, at: "_csrf")
    }
}

extension Request {
    /// The session's CSRF token, created on first use (forms render it).
    var csrfToken: String {
        if let token = session.data["csrf"] { return token }
        let token = Secrets.token(prefix: "csrf")
        session.data["csrf"] = token
        return token
    }
}
