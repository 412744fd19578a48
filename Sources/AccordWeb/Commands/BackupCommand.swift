import AccordStore
import Foundation
import Vapor

/// `accord backup FILE`: an online copy of the SQLite database, safe while `accord serve` runs. Restoring is
/// stopping Accord and putting the copy in place of the database file (docs/OPERATIONS.md).
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Where to write the copy; it must not exist yet.") var file: String
    }

    var help: String { "Copies the SQLite database while Accord runs (PostgreSQL: use pg_dump)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let store = AccordStore(database: context.application.db)
        let started = ContinuousClock.now
        try await store.backup(to: signature.file)
        let size = (try? FileManager.default.attributesOfItem(atPath: signature.file)[.size] as? Int) ?? 0
        context.console.info(
            "Backed up to \(signature.file) (\(ByteCountFormatter.string(fromByteCount: Int64(size), countStyle: .file)), "
                + "\(ContinuousClock.now - started)).")
    }
}
