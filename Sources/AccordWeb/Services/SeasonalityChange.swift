import AccordCore
import Foundation

/// A change of a program's seasonality profiles (DOMAIN §6), the same for the API, the settings page and the CLI:
/// the whole set of profiles as it should be, checked by Core's rules before anything is saved.
struct SeasonalityChange {
    enum Kind: String, CaseIterable {
        case region, solution
    }

    /// The program's twelve weights, January first; nil for flat by days.
    var program: [Double]?
    var regions: [(name: String, weights: [Double])]
    var solutions: [(name: String, weights: [Double])]

    /// The profiles a program has now, to change one of them.
    init(_ settings: ProgramSettings) {
        program = settings.seasonality.monthlyWeights
        regions = settings.regionalSeasonality.sorted { $0.key < $1.key }.compactMap { name, profile in
            profile.monthlyWeights.map { (name, $0) }
        }
        solutions = settings.solutionSeasonality.sorted { $0.key < $1.key }.compactMap { name, profile in
            profile.monthlyWeights.map { (name, $0) }
        }
    }

    init(program: [Double]?, regions: [(name: String, weights: [Double])], solutions: [(name: String, weights: [Double])]) {
        self.program = program
        self.regions = regions
        self.solutions = solutions
    }

    /// Sets (or with nil weights removes) the profile of one region or solution.
    mutating func set(_ kind: Kind, _ name: String, weights: [Double]?) {
        var list = kind == .region ? regions : solutions
        list.removeAll { $0.name == name }
        if let weights { list.append((name, weights)) }
        if kind == .region { regions = list } else { solutions = list }
    }

    /// Applies the change to `target`'s settings, or throws an `InputError` naming the profile that is wrong.
    func apply(to target: inout Program) throws {
        func profile(_ weights: [Double], field: String) throws -> SeasonalityProfile {
            do { return try SeasonalityProfile(monthlyWeights: weights) } catch { throw InputError("\(error)", field: field) }
        }
        func profiles(_ list: [(name: String, weights: [Double])], kind: Kind) throws -> [String: SeasonalityProfile] {
            var result: [String: SeasonalityProfile] = [:]
            for (index, entry) in list.enumerated() {
                let name = entry.name.trimmingCharacters(in: .whitespaces)
                guard result[name] == nil else {
                    throw InputError("two profiles for the \(kind.rawValue) '\(name)'", field: "\(kind.rawValue)s[\(index)].name")
                }
                result[name] = try profile(entry.weights, field: "\(kind.rawValue)s[\(index)].weights")
            }
            return result
        }
        let main = try self.program.map { try profile($0, field: "program") } ?? .flatByDays
        let byRegion = try profiles(regions, kind: .region)
        let bySolution = try profiles(solutions, kind: .solution)
        do { try target.settings.setSeasonality(program: main, regions: byRegion, solutions: bySolution) } catch {
            throw InputError("\(error)", field: "seasonality")
        }
    }
}
