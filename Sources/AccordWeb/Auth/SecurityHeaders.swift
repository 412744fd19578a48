import Vapor

/// The one security policy of every response — pages, HTML errors, API answers, API errors, assets — set in this
/// one place, outermost, so no handler can weaken it: no sniffing, no framing, no referrer to other sites, and a
/// Content-Security-Policy without inline scripts or styles, forms posting only to Accord, no `<base>` rewriting.
struct SecurityHeaders: AsyncMiddleware {
    static let policy: [(String, String)] = [
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
        (
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        ),
    ]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        for (name, value) in Self.policy { response.headers.replaceOrAdd(name: name, value: value) }
        // Answers about someone's data are never kept by a shared cache; public assets set their own caching.
        if !response.headers.contains(name: .cacheControl), request.url.path.hasPrefix("/api/") || request.signedIn != nil {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}
