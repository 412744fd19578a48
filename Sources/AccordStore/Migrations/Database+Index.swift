import FluentKit
import SQLKit

extension Database {
    /// Creates a plain index; the same statement works on SQLite and PostgreSQL.
    func sqlIndex(_ name: String, on table: String, columns: [String]) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        var builder = sql.create(index: name).on(table)
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}
