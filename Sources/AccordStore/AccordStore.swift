import AccordCore
import FluentKit
import Foundation
import SQLKit

/// Loads and saves Accord's records; callers get Core values, never Fluent models (ARCHITECTURE).
public struct AccordStore: Sendable {
    public let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    var sql: any SQLDatabase {
        guard let sql = database as? any SQLDatabase else { preconditionFailure("Accord needs an SQL database") }
        return sql
    }

    /// Runs `body` in one transaction: everything it saves lands together or not at all.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (AccordStore) async throws -> T) async throws -> T {
        try await database.transaction { db in try await body(AccordStore(database: db)) }
    }

    // MARK: audit (DOMAIN §14)

    public func append(_ entry: AuditEntry) async throws {
        try await AuditEntryModel(entry).create(on: database)
    }

    /// The newest entries first, optionally for one record.
    public func auditEntries(entity: String? = nil, entityID: String? = nil, limit: Int = 200) async throws -> [AuditEntry] {
        var query = AuditEntryModel.query(on: database)
        if let entity { query = query.filter(\.$entity == entity) }
        if let entityID { query = query.filter(\.$entityID == entityID) }
        return try await query.sort(\.$id, .descending).limit(limit).all().map { $0.core() }
    }
}
