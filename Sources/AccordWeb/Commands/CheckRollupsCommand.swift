import AccordStore
import Vapor

/// `accord check-rollups [--repair]`: recomputes every rollup from the raw facts and reports any difference;
/// `--repair` rebuilds them (one transaction) when they differ.
struct CheckRollupsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "repair", help: "Rebuild the rollups from the facts when they differ.") var repair: Bool
        @Option(name: "program", help: "Program id (needed only when there are several programs).") var program: String?
    }

    var help: String { "Checks that the rollups scorecards read agree with the facts they summarise." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let store = AccordStore(database: context.application.db)
        let programID = try await resolveProgram(signature.program, store: store)
        let totals = try await store.factTotals(programID: programID)
        context.console.info("Checking rollups of \(totals.salesLines) sales lines and \(totals.activities) activity records…")
        let differences = try await store.rollupDifferences(programID: programID)
        guard !differences.isEmpty else {
            context.console.info("The rollups agree with the facts.")
            return
        }
        for difference in differences {
            context.console.warning(
                "\(difference.table): \(difference.missingOrWrong) row(s) missing or wrong, \(difference.extraOrWrong) row(s) extra or wrong"
            )
        }
        guard signature.repair else {
            throw InputError("the rollups differ from the facts; run `accord check-rollups --repair` to rebuild them")
        }
        try await store.rebuildRollups(programID: programID)
        let after = try await store.rollupDifferences(programID: programID)
        guard after.isEmpty else { throw InputError("the rollups still differ after rebuilding them") }
        context.console.info("Rebuilt the rollups from the facts; they agree now.")
    }
}
