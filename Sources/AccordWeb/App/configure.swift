import AccordCore
import AccordStore
import Fluent
import FluentKit
import Foundation
import Vapor

/// How an Accord application is set up; `serve`, the CLI commands and tests all go through `configure`.
public struct AccordOptions: Sendable {
    public var database: DatabaseLocation
    public var clock: AccordClock
    public var autoMigrate: Bool
    /// bcrypt cost for passwords; tests lower it to stay fast.
    public var bcryptCost: Int
    /// Marks the session cookie `Secure`: set when Accord is served over TLS (directly or behind a proxy).
    public var secureCookies: Bool
    /// The address people use to reach Accord, for one-time links printed by the CLI.
    public var publicURL: String

    public init(
        database: DatabaseLocation, clock: AccordClock = .system, autoMigrate: Bool = true, bcryptCost: Int = 12,
        secureCookies: Bool = false, publicURL: String = "http://127.0.0.1:8080"
    ) {
        self.database = database
        self.clock = clock
        self.autoMigrate = autoMigrate
        self.bcryptCost = bcryptCost
        self.secureCookies = secureCookies
        self.publicURL = publicURL
    }

    /// `DATABASE_URL` or `ACCORD_SQLITE` / `accord.sqlite`; `ACCORD_TODAY` pins the date.
    public static func fromEnvironment() -> AccordOptions {
        let environment = ProcessInfo.processInfo.environment
        return AccordOptions(
            database: .fromEnvironment(environment, sqliteFile: nil), clock: .fromEnvironment(environment),
            secureCookies: environment["ACCORD_SECURE_COOKIES"] == "1" || environment["ACCORD_PUBLIC_URL"]?.hasPrefix("https://") == true,
            publicURL: environment["ACCORD_PUBLIC_URL"] ?? "http://127.0.0.1:8080")
    }
}

public func configure(_ app: Application, options: AccordOptions) async throws {
    app.clock = options.clock
    try options.database.register(on: app.databases)
    try await options.database.prepare(app.databases, on: app.eventLoopGroup, logger: app.logger)
    if case .postgres = options.database {
        AccordMetrics.poolConnections.set(to: Double(DatabaseLocation.connectionsPerEventLoop * System.coreCount))
    } else {
        AccordMetrics.poolConnections.set(to: 1.0)
    }
    app.migrations.add(AccordMigrations.all)
    app.migrations.add(SessionRecord.migration)
    app.publicURL = options.publicURL
    app.standingsRefreshes = SharedLoads()

    _ = APIJSON.installed
    app.routes.defaultMaxBodySize = "4mb"
    // A connection nobody reads or writes for this long is closed: the backstop for a client that keeps sending a
    // refused upload beyond what is drained (UploadBody), and for clients that open connections and stall.
    app.http.server.configuration.idleTimeout = .seconds(75)
    // Sessions live in the database so that several instances share them.
    app.passwords.use(.bcrypt(cost: options.bcryptCost))
    app.passwordChecks = PasswordChecks(threads: System.coreCount)
    app.lifecycle.use(PasswordPoolShutdown())
    app.decoyPasswordHash = try Bcrypt.hash("decoy password for unknown sign-in names", cost: options.bcryptCost)
    _ = app.sessionWrites
    app.sessions.use { app in SessionRecords(stored: app.fluent.sessions.driver()) }
    let secure = options.secureCookies
    app.sessions.configuration = SessionsConfiguration(cookieName: "accord_session") { id in
        HTTPCookies.Value(string: id.string, maxAge: 7 * 24 * 3600, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }

    app.middleware = .init()
    // Outermost: every response, errors included, leaves with the one security policy.
    app.middleware.use(SecurityHeaders())
    app.middleware.use(RequestLog())
    app.middleware.use(AccordErrorMiddleware())
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(SessionAuthenticator())
    app.middleware.use(TokenAuthenticator())
    app.middleware.use(CSRFProtection())

    try routes(app)
    // Innermost, once every route is known: a known path with another method answers 405.
    app.middleware.use(MethodNotAllowed(routes: app.routes))
    AccordCommands.register(on: app)
    if options.autoMigrate { try await app.autoMigrate() }
}

extension Application {
    private struct PublicURLKey: StorageKey { typealias Value = String }

    var publicURL: String {
        get { storage[PublicURLKey.self] ?? "http://127.0.0.1:8080" }
        set { storage[PublicURLKey.self] = newValue }
    }
}

/// The API speaks snake_case JSON with ISO 8601 dates. Vapor's content configuration is process-wide,
/// so it is set once (a static let runs exactly once, even when tests configure apps in parallel).
enum APIJSON {
    static let installed: Void = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        // Every day sent to the API falls in the one accepted range (2000–2100).
        decoder.userInfo[Day.acceptedDaysOnly] = true
        ContentConfiguration.global.use(encoder: encoder, for: .json)
        ContentConfiguration.global.use(decoder: decoder, for: .json)
    }()
}
