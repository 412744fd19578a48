import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import NIOCore

/// Whether the database can be reached, and which failures mean it cannot: those are answered 503 ("try again"),
/// not 500, and Accord recovers from them without a restart (the pool reconnects on the next request).
public enum DatabaseHealth {
    public static func isUnavailable(_ error: any Error) -> Bool {
        switch error {
        case let error as PSQLError:
            return [.connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed]
                .contains(error.code)
                // 57P01/57P02/57P03: the server is shutting down, crashed, or not yet accepting connections.
                || (error.serverInfo?[.sqlState]).map { $0.hasPrefix("57P") } == true
        case is ConnectionPoolTimeoutError, is ConnectionPoolError, is ChannelError: return true
        case let error as IOError: return [ECONNREFUSED, ECONNRESET, EPIPE, ETIMEDOUT].contains(error.errnoCode)
        case let error as SQLiteError: return error.reason == .cantOpen || error.reason == .ioError
        default:
            // NIO's connection errors (NIOConnectionError) carry the refused attempts; matched by name so that
            // AccordStore does not depend on NIOPosix for one type.
            return String(describing: type(of: error)).contains("NIOConnectionError")
        }
    }
}

extension DatabaseHealth {
    /// Whether a failure is a write race the database resolved by refusing one side: two changes to one record at
    /// once. That is a conflict (409, "reload and try again"), not an outage: SQLite's busy answers (a writer that
    /// waited out the busy timeout, or a snapshot that moved on), PostgreSQL's serialization failures, deadlocks and
    /// lock timeouts.
    public static func isConflict(_ error: any Error) -> Bool {
        switch error {
        case let error as SQLiteError:
            return [.busy, .busyInRecovery, .busyInSnapshot, .busyTimeout, .locked, .lockedBySharedCache].contains(error.reason)
        case let error as PSQLError:
            return ["40001", "40P01", "55P03"].contains(error.serverInfo?[.sqlState] ?? "")
        case let error as StoreError:
            if case .conflict = error { return true }
            return false
        default: return false
        }
    }
}

extension DatabaseHealth {
    /// Whether a failure is a unique key taken by a record created at the same moment (a create that raced another,
    /// after both found the key free): a 409, like any duplicate, never a 500.
    public static func isDuplicateKey(_ error: any Error) -> Bool {
        switch error {
        case let error as SQLiteError: [.constraintUniqueFailed, .constraintPrimaryKeyFailed].contains(error.reason)
        case let error as PSQLError: error.serverInfo?[.sqlState] == "23505"
        default: false
        }
    }
}

extension AccordStore {
    /// One round trip to the database: `/readyz`.
    public func ping() async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("SELECT 1").run()
    }

    /// A consistent copy of an SQLite database taken while Accord runs (`VACUUM INTO`: one read transaction, so
    /// concurrent writes are either wholly in the copy or not at all). PostgreSQL is backed up with pg_dump.
    public func backup(to path: String) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else {
            throw BackupError.notSQLite
        }
        guard !FileManager.default.fileExists(atPath: path) else { throw BackupError.exists(path) }
        try await sql.raw("VACUUM INTO \(bind: path)").run()
    }
}

public enum BackupError: Error, CustomStringConvertible, Equatable {
    case notSQLite
    case exists(String)

    public var description: String {
        switch self {
        case .notSQLite:
            "this Accord keeps its data in PostgreSQL: back it up with pg_dump (pg_dump --format=custom \"$DATABASE_URL\" > accord.dump), see docs/OPERATIONS.md"
        case .exists(let path): "\(path) already exists; a backup never overwrites a file"
        }
    }
}
