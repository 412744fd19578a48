import Foundation

/// Which seasonality shapes a figure (DOMAIN §6): twelve monthly weights per program, optionally per region and per
/// solution. Weights belong to calendar months, so a partner whose year starts in July has Jul–Sep as its Q1,
/// weighted by those months' weights, whatever the vendor's calendar.
extension ProgramSettings {
    /// The profile of a figure about `region` and, where the figure is about one solution, `solution`: the solution's
    /// own profile first (a product's buying rhythm wherever it sells), then the region's, then the program's.
    /// A goal covers every solution of its partner, so its pacing, expected-to-date and forecast use the region's.
    public func seasonality(region: String?, solution: String? = nil) -> SeasonalityProfile {
        if let solution, let profile = solutionSeasonality[solution] { return profile }
        if let region, let profile = regionalSeasonality[region] { return profile }
        return seasonality
    }

    /// Sets every profile at once, refusing names that are not printable text of 1 to 100 characters and more than
    /// `largestSeasonalityProfileCount` regional and solution profiles together.
    public mutating func setSeasonality(
        program: SeasonalityProfile, regions: [String: SeasonalityProfile], solutions: [String: SeasonalityProfile]
    ) throws(SeasonalityError) {
        guard regions.count + solutions.count <= Self.largestSeasonalityProfileCount else { throw .tooManyProfiles }
        for (kind, names) in [("region", regions.keys), ("solution", solutions.keys)] {
            for name in names {
                guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 100 else {
                    throw .badName("a \(kind) name of a seasonality profile has 1 to 100 characters")
                }
                do { try TextRules.checkIdentifier(name, field: "the \(kind) name '\(name)'") } catch {
                    throw .badName(error.description)
                }
            }
        }
        seasonality = program
        regionalSeasonality = regions
        solutionSeasonality = solutions
    }

    public static let largestSeasonalityProfileCount = 200
}
