import Foundation
import SQLKit

extension AccordStore {
    /// Holds the program's lock for scheduled work (period close) until the transaction ends: the same job started at
    /// the same moment on another instance or from the CLI waits, then finds nothing left to do — a database lock,
    /// not a file, so it holds across machines. PostgreSQL: an advisory transaction lock on the program; SQLite: the
    /// database's write lock, taken by a write (one machine only; a second job waits up to the busy timeout).
    public func lockForScheduledWork(programID: UUID) async throws {
        if sql.dialect.name == "postgresql" {
            let bytes = programID.uuid
            let key = [bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5, bytes.6, bytes.7].reduce(Int64(0)) { ($0 << 8) | Int64($1) }
            try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: key))").run()
        } else {
            try await sql.raw("UPDATE programs SET name = name WHERE id = \(bind: programID)").run()
        }
    }
}
