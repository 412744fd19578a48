import AccordStore
import Fluent
import Foundation
import Vapor

/// How an Accord application is set up; `serve`, the CLI commands and tests all go through `configure`.
public struct AccordOptions: Sendable {
    public var database: DatabaseLocation
    public var clock: AccordClock
    public var autoMigrate: Bool

    public init(database: DatabaseLocation, clock: AccordClock = .system, autoMigrate: Bool = true) {
        self.database = database
        self.clock = clock
        self.autoMigrate = autoMigrate
    }

    /// `DATABASE_URL` or `ACCORD_SQLITE` / `accord.sqlite`; `ACCORD_TODAY` pins the date.
    public static func fromEnvironment() -> AccordOptions {
        let environment = ProcessInfo.processInfo.environment
        return AccordOptions(
            database: .fromEnvironment(environment, sqliteFile: nil), clock: .fromEnvironment(environment))
    }
}

public func configure(_ app: Application, options: AccordOptions) async throws {
    app.clock = options.clock
    try options.database.register(on: app.databases)
    app.migrations.add(AccordMigrations.all)

    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.sortedKeys]
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    decoder.dateDecodingStrategy = .iso8601
    ContentConfiguration.global.use(encoder: encoder, for: .json)
    ContentConfiguration.global.use(decoder: decoder, for: .json)

    app.routes.defaultMaxBodySize = "4mb"
    app.middleware = .init()
    app.middleware.use(AccordErrorMiddleware())

    try routes(app)
    AccordCommands.register(on: app)
    if options.autoMigrate { try await app.autoMigrate() }
}
