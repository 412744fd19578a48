import AccordCore
import AccordStore
import Foundation
import Vapor

/// `accord seasonality [--region NAME | --solution NAME] [--weights "w1,…,w12" | --flat | --remove]`: shows or sets the
/// seasonality profiles of DOMAIN §6 (the same rules and audit entry as the settings page and the API).
struct SeasonalityCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "program", help: "Program id (needed only when there are several programs).") var program: String?
        @Option(name: "region", help: "The region whose profile to set or remove.") var region: String?
        @Option(name: "solution", help: "The solution whose profile to set or remove.") var solution: String?
        @Option(name: "weights", help: "Twelve monthly weights, January first, separated by commas or spaces.") var weights: String?
        @Flag(name: "flat", help: "Make the program's profile flat by days.") var flat: Bool
        @Flag(name: "remove", help: "Remove the region's or solution's profile.") var remove: Bool
    }

    var help: String { "Shows the seasonality profiles, or sets the program's, a region's or a solution's." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let store = AccordStore(database: context.application.db)
        let program = try await store.program(try await resolveProgram(signature.program, store: store))
        guard signature.region == nil || signature.solution == nil else { throw InputError("name a region or a solution, not both") }
        let actions = [signature.weights != nil, signature.flat, signature.remove].filter { $0 }.count
        guard actions <= 1 else { throw InputError("give one of --weights, --flat and --remove") }
        if actions == 0 {
            context.console.output(Self.describe(SeasonalityChange(program.settings)).consoleText())
            return
        }
        var weights: [Double]?
        if let text = signature.weights {
            let parts = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" })
            weights = try parts.enumerated().map { index, part in
                guard let value = Double(part), value.isFinite else {
                    throw InputError("--weights: '\(part)' (month \(index + 1)) is not a number")
                }
                return value
            }
        }
        guard !signature.flat || (signature.region == nil && signature.solution == nil) else {
            throw InputError("--flat is for the program's profile; remove a region's or a solution's with --remove")
        }
        guard !signature.remove || signature.region != nil || signature.solution != nil else {
            throw InputError("the program's profile cannot be removed; make it flat with --flat")
        }
        let (region, solution, set) = (signature.region, signature.solution, weights)
        let changed = try await store.update(programID: program.id, by: operatorActor, at: context.application.clock.now()) { program in
            var change = SeasonalityChange(program.settings)
            if let region {
                change.set(.region, region, weights: set)
            } else if let solution {
                change.set(.solution, solution, weights: set)
            } else {
                change.program = set
            }
            try change.apply(to: &program)
        }
        context.console.output(Self.describe(SeasonalityChange(changed.settings)).consoleText())
    }

    static func describe(_ change: SeasonalityChange) -> String {
        let text = { (weights: [Double]) in weights.map(SettingsPagesController.weightText).joined(separator: ", ") }
        var lines = ["program: " + (change.program.map(text) ?? "flat by days")]
        lines += change.regions.map { "region \($0.name): " + text($0.weights) }
        lines += change.solutions.map { "solution \($0.name): " + text($0.weights) }
        return lines.joined(separator: "\n")
    }
}
