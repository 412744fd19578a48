import AccordStore
import Vapor

/// `accord check-scorecard [--repair]`: recomputes every goal's progress from the goals and the rollups and reports
/// where the maintained standings differ; `--repair` rebuilds them (one transaction) when they do.
struct CheckScorecardCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "repair", help: "Rebuild the maintained goal progress when it differs.") var repair: Bool
        @Option(name: "program", help: "Program id (needed only when there are several programs).") var program: String?
    }

    var help: String { "Checks that the maintained goal progress pages read agrees with a recomputation." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let store = AccordStore(database: context.application.db)
        let programID = try await resolveProgram(signature.program, store: store)
        guard let day = try await store.standingsDay(programID: programID) else {
            context.console.info("No goal progress is maintained yet: the first page or `accord refresh` fills it.")
            return
        }
        context.console.info("Checking the goal progress as of \(day.iso)…")
        let differences = try await store.standingDifferences(programID: programID)
        guard !differences.isEmpty else {
            context.console.info("The goal progress agrees with a recomputation.")
            return
        }
        for difference in differences.prefix(20) { context.console.warning(difference.description) }
        if differences.count > 20 { context.console.warning("… and \(differences.count - 20) more") }
        guard signature.repair else {
            throw InputError("\(differences.count) goal(s) differ; run `accord check-scorecard --repair` to rebuild them")
        }
        try await store.transaction { tx in try await tx.rebuildStandings(programID: programID, asOf: day) }
        guard try await store.standingDifferences(programID: programID).isEmpty else {
            throw InputError("the goal progress still differs after rebuilding it")
        }
        context.console.info("Rebuilt the goal progress; it agrees now.")
    }
}
