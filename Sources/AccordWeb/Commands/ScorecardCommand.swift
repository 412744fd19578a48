import AccordCore
import AccordStore
import Foundation
import Vapor

/// `accord scorecard [--quarter-containing DAY] [--output FILE]`: the program-wide scorecard as CSV, one line per
/// goal whose period holds the day — actual, attainment and pacing from the rollups (DOMAIN §6).
struct ScorecardCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "quarter-containing", help: "A day (YYYY-MM-DD) the goals' periods hold (default: today).") var day: String?
        @Option(name: "output", help: "Write the CSV here instead of standard output.") var output: String?
        @Option(name: "program", help: "Program id (needed only when there are several programs).") var program: String?
    }

    var help: String { "Prints the program-wide scorecard as CSV: every goal with its actual, attainment and pacing." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let clock = context.application.clock
        let day: Day
        if let text = signature.day {
            do { day = try AcceptedDays.day(text) } catch { throw InputError("--quarter-containing \(error)") }
        } else {
            day = clock.today
        }
        let store = AccordStore(database: context.application.db)
        let programID = try await resolveProgram(signature.program, store: store)
        let program = try await store.program(programID)
        let metrics = Dictionary(uniqueKeysWithValues: try await store.metrics(of: programID).map { ($0.key, $0) })
        let keys = Dictionary(uniqueKeysWithValues: try await store.partnerIDsByKey(in: programID).map { ($0.value, $0.key) })
        let goals = try await store.goals(GoalQuery(seenBy: .side(.vendor), programID: programID, periodContaining: day))
        let lines = try await Scorecards(store: store, clock: clock).progress(goals, metrics: metrics, program: program)
        // RFC 4180 with formula-safe cells (CSVWriter): partner keys come from outside.
        var csv = CSVWriter.row(["partner_key", "period", "metric", "status", "target", "actual", "attainment_pct", "pacing"])
        for line in lines.sorted(by: { (keys[$0.goal.partnerID] ?? "", $0.metric.key) < (keys[$1.goal.partnerID] ?? "", $1.metric.key) }) {
            let attainment = line.attainment.map { String(format: "%.1f", $0 * 100) } ?? ""
            csv += CSVWriter.row([
                keys[line.goal.partnerID] ?? "", line.goal.period.label, line.metric.key, line.goal.status.rawValue,
                FixedPoint.format(line.goal.target, decimals: 2, grouping: false),
                line.actual.map { FixedPoint.format($0, decimals: 2, grouping: false) } ?? "", attainment,
                line.pacing.status.rawValue,
            ])
        }
        if let output = signature.output {
            guard FileManager.default.createFile(atPath: output, contents: Data(csv.utf8)) else {
                throw InputError("cannot write \(output)")
            }
            context.console.info("Wrote \(lines.count) goal line(s) to \(output).")
        } else {
            FileHandle.standardOutput.write(Data(csv.utf8))
        }
    }
}
