import AccordCore
import AccordStore
import Foundation
import Vapor

/// `accord import sales|activities FILE.csv [--skip-invalid]`: validated, all-or-nothing, idempotent.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "kind", help: "sales or activities") var kind: String
        @Argument(name: "file", help: "the CSV file") var file: String
        @Flag(name: "skip-invalid", help: "Import the valid rows and report the others, instead of importing nothing.")
        var skipInvalid: Bool
        @Option(name: "program", help: "Program id (needed only when there are several programs).") var program: String?
    }

    var help: String { "Imports sales lines or activity records from a CSV file." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let kind = FactRowParser.Kind(rawValue: signature.kind) else {
            throw InputError("the kind is 'sales' or 'activities', not '\(signature.kind)'")
        }
        let store = AccordStore(database: context.application.db)
        let programID = try await resolveProgram(signature.program, store: store)
        guard let handle = FileHandle(forReadingAtPath: signature.file) else { throw InputError("cannot read \(signature.file)") }
        defer { try? handle.close() }
        let chunks = AsyncThrowingStream<[UInt8], any Error> { continuation in
            while let data = try? handle.read(upToCount: 256 * 1024), !data.isEmpty { continuation.yield(Array(data)) }
            continuation.finish()
        }
        do {
            let report = try await FactImporter(store: store, programID: programID, kind: kind, skipInvalid: signature.skipInvalid)
                .run(chunks: chunks)
            context.console.info("Imported \(report.inserted) new \(kind.rawValue) row(s); \(report.alreadyPresent) already present.")
            if report.rejectedCount > 0 {
                context.console.warning("Skipped \(report.rejectedCount) invalid row(s):")
                for row in report.rejected { context.console.warning("  \(row)") }
            }
        } catch let failure as ImportFailure {
            context.console.error("Nothing was imported from \(signature.file): \(failure.total) problem(s).")
            for row in failure.rows.prefix(50) { context.console.error("  \(row)") }
            throw failure
        }
    }
}

func resolveProgram(_ text: String?, store: AccordStore) async throws -> UUID {
    if let text {
        guard let id = UUID(uuidString: text) else { throw InputError("'\(text)' is not a program id") }
        return try await store.program(id).id
    }
    let programs = try await store.programs()
    guard let first = programs.first else { throw InputError("there is no program yet: run `accord serve --demo` or create one") }
    guard programs.count == 1 else { throw InputError("there are several programs: name one with --program") }
    return first.id
}

/// `accord close-period`: closes every goal whose period has ended (DOMAIN §5.3).
struct ClosePeriodCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "program", help: "Program id (needed only when there are several programs).") var program: String?
    }

    var help: String { "Closes ended periods: achieved or missed, missed goals carried forward at the same target." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let store = AccordStore(database: context.application.db)
        let programID = try await resolveProgram(signature.program, store: store)
        let summary = try await PeriodCloseJob(store: store, clock: context.application.clock).run(programID: programID)
        context.console.info(
            "As of \(context.application.clock.today.iso): \(summary.achieved) achieved, \(summary.missed) missed, "
                + "\(summary.carriedForward) carried forward, \(summary.activated) activated.")
    }
}

/// `accord demo`: loads the demo program into an empty database.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Loads the demo program into an empty database." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let loaded = try await DemoLoader(app: context.application).loadIfEmpty()
        context.console.info(loaded ? "Loaded the demo program." : "The database already holds a program; nothing was loaded.")
    }
}
