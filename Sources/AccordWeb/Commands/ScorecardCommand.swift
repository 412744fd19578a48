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
        // The maintained standings, brought to today: the goals of each partner's quarter that holds the day.
        try await store.bringStandings(programID: programID, to: clock.today)
        let lines = try await store.quarterStandings(programID: programID, containing: day)
        // RFC 4180 with formula-safe cells (CSVWriter): partner keys come from outside.
        var csv = CSVWriter.row(["partner_key", "period", "metric", "status", "target", "actual", "attainment_pct", "pacing"])
        for line in lines.sorted(by: { (keys[$0.partnerID] ?? "", $0.metricKey) < (keys[$1.partnerID] ?? "", $1.metricKey) }) {
            guard metrics[line.metricKey] != nil else { continue }
            let attainment = line.figures.attainment.map { String(format: "%.1f", $0 * 100) } ?? ""
            csv += CSVWriter.row([
                keys[line.partnerID] ?? "", line.period.label, line.metricKey, line.status.rawValue,
                FixedPoint.format(line.target, decimals: 2, grouping: false),
                line.actual.map { FixedPoint.format($0, decimals: 2, grouping: false) } ?? "", attainment,
                line.figures.pacing.status.rawValue,
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
