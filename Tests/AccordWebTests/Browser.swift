import AccordCore
import AccordStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// A tiny cookie-keeping client for the session flows of the pages.
struct Browser {
    let app: Application
    var cookie: String?

    init(_ app: Application) { self.app = app }

    @discardableResult
    mutating func get(_ path: String) async throws -> TestingHTTPResponse {
        try await send(.GET, path, body: nil)
    }

    @discardableResult
    mutating func post(_ path: String, form: [String: String]) async throws -> TestingHTTPResponse {
        let body = form.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }.joined(separator: "&")
        return try await send(.POST, path, body: ByteBuffer(string: body), contentType: .urlEncodedForm)
    }

    mutating func send(_ method: HTTPMethod, _ path: String, body: ByteBuffer?, contentType: HTTPMediaType? = nil) async throws
        -> TestingHTTPResponse
    {
        var headers = HTTPHeaders()
        if let cookie { headers.add(name: .cookie, value: "accord_session=\(cookie)") }
        if let contentType { headers.contentType = contentType }
        var response: TestingHTTPResponse!
        try await app.testing().test(method, path, headers: headers, body: body) { response = $0 }
        if let value = response.headers.setCookie?["accord_session"] {
            cookie = value.string.isEmpty ? nil : value.string
        }
        return response
    }

    /// The CSRF token of the last form shown.
    static func csrf(in response: TestingHTTPResponse) -> String {
        let html = response.body.string
        guard let range = html.range(of: #"name="_csrf" value=""#) else { return "" }
        let rest = html[range.upperBound...]
        return String(rest.prefix { $0 != "\"" })
    }

    /// Signs in through the sign-in form.
    mutating func signIn(_ login: String, _ password: String) async throws -> TestingHTTPResponse {
        let form = try await get("/login")
        return try await post("/login", form: ["login": login, "password": password, "_csrf": Self.csrf(in: form)])
    }
}

/// A browser signed in as a new user of the given role (password "a long password").
func signedIn(_ app: Application, _ login: String, name: String, role: Role, partner: UUID? = nil) async throws -> Browser {
    _ = try await AccordStore(database: app.db).createUser(
        login: login, name: name, role: role, partnerID: partner, passwordHash: try app.password.hash("a long password"),
        by: Actor(name: "test", role: .programAdmin), at: app.clock.now())
    var browser = Browser(app)
    #expect(try await browser.signIn(login, "a long password").status == .seeOther)
    return browser
}
