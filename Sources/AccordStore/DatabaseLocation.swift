import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit

/// Where Accord keeps its data: an embedded SQLite file by default, PostgreSQL to scale out.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqliteFile(String)
    case sqliteMemory
    /// A PostgreSQL URL; `schema` confines Accord's tables to one schema (tests use a fresh one each).
    case postgres(url: String, schema: String? = nil)

    /// `DATABASE_URL` (postgres://…) if set, else the SQLite file given or `accord.sqlite`.
    public static func fromEnvironment(_ environment: [String: String], sqliteFile: String?) -> DatabaseLocation {
        if let url = environment["DATABASE_URL"], !url.isEmpty { return .postgres(url: url) }
        return .sqliteFile(sqliteFile ?? environment["ACCORD_SQLITE"] ?? "accord.sqlite")
    }

    public var description: String {
        switch self {
        case .sqliteFile(let path): "SQLite file \(path)"
        case .sqliteMemory: "in-memory SQLite"
        case .postgres(let url, let schema):
            "PostgreSQL \(URL(string: url)?.host ?? "?")/\(URL(string: url)?.path.dropFirst() ?? "")"
                + (schema.map { " schema \($0)" } ?? "")
        }
    }

    public var isPostgres: Bool {
        if case .postgres = self { return true }
        return false
    }

    /// How long an SQLite writer waits for another before its change is refused as a conflict (409).
    public static let sqliteBusyTimeoutMilliseconds = 5_000

    /// Makes SQLite a server database, on every pooled connection (one per event loop): WAL, so readers never wait for
    /// the writer and a writer that started fresh waits for another instead of deadlocking; a busy timeout, so a
    /// writer waits a bounded time (SQLiteNIO's own handler waits forever) and then gets a clear conflict; and
    /// `synchronous = FULL`, so a transaction acknowledged is on disk even after a power loss (docs/OPERATIONS.md).
    /// PostgreSQL needs nothing.
    public func prepare(_ databases: Databases, on group: any EventLoopGroup, logger: Logger) async throws {
        guard !isPostgres else { return }
        for loop in group.makeIterator() {
            guard let sql = databases.database(logger: logger, on: loop) as? any SQLDatabase else { continue }
            try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(Self.sqliteBusyTimeoutMilliseconds))").run()
            try await sql.raw("PRAGMA journal_mode = WAL").run()
            try await sql.raw("PRAGMA synchronous = FULL").run()
        }
    }

    /// Registers the database as the default of `databases`.
    /// PostgreSQL connections per event loop (one loop per core).
    public static let connectionsPerEventLoop = 2

    public func register(on databases: Databases) throws {
        switch self {
        case .sqliteFile(let path):
            databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
        case .sqliteMemory:
            databases.use(.sqlite(.memory, sqlLogLevel: .trace), as: .sqlite)
        case .postgres(let url, let schema):
            var configuration = try SQLPostgresConfiguration(url: url)
            if let schema { configuration.searchPath = [schema] }
            // A short pool timeout: while PostgreSQL is unreachable, requests fail with 503 in seconds instead of queueing.
            databases.use(
                .postgres(
                    configuration: configuration, maxConnectionsPerEventLoop: Self.connectionsPerEventLoop,
                    connectionPoolTimeout: .seconds(5), sqlLogLevel: .trace), as: .psql)
        }
    }
}
