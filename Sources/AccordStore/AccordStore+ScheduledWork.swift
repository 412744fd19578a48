import Foundation
import SQLKit

extension AccordStore {
    /// Holds the program's lock for scheduled work (period close) until the transaction ends: the same job started at
    /// the same moment on another instance or from the CLI waits, then finds nothing left to do — a database lock,
    /// not a file, so it holds across machines. PostgreSQL: an advisory transaction lock on the program; SQLite: the
    /// database's write lock, taken by a write (one machine only; a second job waits up to the busy timeout).
    public func lockForScheduledWork(programID: UUID) async throws {
        if sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: Self.lockKey(programID, purpose: 1)))").run()
        } else {
            try await sql.raw("UPDATE programs SET name = name WHERE id = \(bind: programID)").run()
        }
    }

    /// A PostgreSQL advisory lock key for one of a program's locks: its id's first 60 bits and the purpose.
    static func lockKey(_ programID: UUID, purpose: Int64) -> Int64 {
        let bytes = programID.uuid
        let high = [bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5, bytes.6, bytes.7].reduce(Int64(0)) { ($0 << 8) | Int64($1) }
        return (high << 4) | (purpose & 0xF)
    }
}
