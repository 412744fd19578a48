import AccordCore
import AccordStore
import Foundation
import Vapor

/// `accord import sales|activities|partners FILE.csv [--skip-invalid] [--map ours=theirs,…]`: streamed, validated,
/// all-or-nothing, idempotent; a progress bar on a terminal.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "kind", help: "sales, activities or partners (the roster from the CRM)") var kind: String
        @Argument(name: "file", help: "the CSV file, or - for standard input") var file: String
        @Flag(name: "skip-invalid", help: "Import the valid rows and write the others to the rejects file, instead of importing nothing.")
        var skipInvalid: Bool
        @Option(name: "rejects", help: "Where --skip-invalid writes the rows it left out (default: FILE.rejects.csv).")
        var rejects: String?
        @Option(name: "map", help: "The file's names for our columns, e.g. amount=net_value,date=invoice_date.")
        var map: String?
        @Flag(name: "quiet", help: "No progress output.") var quiet: Bool
        @Option(name: "program", help: "Program id (needed only when there are several programs).") var program: String?
    }

    var help: String { "Imports sales lines, activity records or the partner roster from a CSV file." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let kind = FactRowParser.Kind(rawValue: signature.kind)
        guard kind != nil || signature.kind == "partners" else {
            throw InputError("the kind is 'sales', 'activities' or 'partners', not '\(signature.kind)'")
        }
        let columnNames = try Self.columnNames(signature.map)
        do {
            if let kind {
                try FactRowParser.validate(columnNames: columnNames, for: kind)
            } else {
                try CSVHeader(
                    required: RosterRowParser.requiredColumns, optional: RosterRowParser.optionalColumns, columnNames: columnNames
                )
                .validateMapping()
            }
        } catch { throw InputError(error.reason) }
        let store = AccordStore(database: context.application.db)
        let programID = try await resolveProgram(signature.program, store: store)
        let input = try InputFile(path: signature.file)
        defer { input.close() }
        let rejects =
            try signature.skipInvalid
            ? RejectsFile(path: signature.rejects ?? (signature.file == "-" ? "rejects.csv" : signature.file + ".rejects.csv")) : nil
        defer { rejects?.close() }
        let bar =
            signature.quiet
            ? nil
            : ImportProgressBar(totalBytes: input.size, isTerminal: isatty(STDERR_FILENO) == 1) { text in
                FileHandle.standardError.write(Data(text.utf8))
            }
        var options = CSVImportRun(skipInvalid: signature.skipInvalid)
        if let bar { options.progress = { @Sendable progress in bar.show(progress) } }
        if let rejects { options.rejects = { @Sendable error in rejects.add(error) } }
        do {
            let rejected: [RowError]
            let rejectedCount: Int
            if let kind {
                let importer = FactImporter(
                    store: store, programID: programID, kind: kind, columnNames: columnNames, options: options)
                let report = try await importer.run(chunks: input.chunks)
                bar?.finish()
                context.console.info("Imported \(report.inserted) new \(kind.rawValue) row(s); \(report.alreadyPresent) already present.")
                (rejected, rejectedCount) = (report.rejected, report.rejectedCount)
            } else {
                let importer = RosterImporter(
                    store: store, programID: programID, actor: operatorActor, clock: context.application.clock,
                    columnNames: columnNames, options: options)
                let report = try await importer.run(chunks: input.chunks)
                bar?.finish()
                context.console.info(
                    "Roster: \(report.created) partner(s) created, \(report.updated) updated, \(report.unchanged) unchanged.")
                (rejected, rejectedCount) = (report.rejected, report.rejectedCount)
            }
            if let rejects, rejectedCount > 0 {
                context.console.warning("Skipped \(rejectedCount) invalid row(s), listed with their reasons in \(rejects.path):")
                for row in rejected.prefix(20) { context.console.warning("  \(row)") }
            }
        } catch let failure as ImportFailure {
            bar?.finish()
            context.console.error("Nothing was imported from \(signature.file): \(failure.total) problem(s).")
            for row in failure.rows.prefix(50) { context.console.error("  \(row)") }
            throw failure
        }
    }

    /// `amount=net_value,date=invoice_date` → ["amount": "net_value", "date": "invoice_date"].
    static func columnNames(_ text: String?) throws -> [String: String] {
        guard let text, !text.isEmpty else { return [:] }
        var names: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw InputError("--map takes ours=theirs pairs separated by commas, not '\(pair)'")
            }
            guard names[parts[0]] == nil else { throw InputError("--map names '\(parts[0])' twice") }
            names[parts[0]] = parts[1]
        }
        return names
    }
}

/// A file (or standard input) read in 256 KiB chunks: the whole file is never in memory.
struct InputFile: Sendable {
    let handle: FileHandle
    /// Bytes in all, when known (not for a pipe).
    let size: Int?

    init(path: String) throws {
        if path == "-" {
            handle = FileHandle.standardInput
            size = nil
        } else {
            guard let handle = FileHandle(forReadingAtPath: path) else { throw InputError("cannot read \(path)") }
            self.handle = handle
            size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        }
    }

    var chunks: AsyncThrowingStream<[UInt8], any Error> {
        let handle = handle
        return AsyncThrowingStream { () async throws -> [UInt8]? in
            guard let data = try handle.read(upToCount: 256 * 1024), !data.isEmpty else { return nil }
            return Array(data)
        }
    }

    func close() { try? handle.close() }
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
