import Foundation
import Testing

@testable import AccordCore

/// DOMAIN §6 — pacing, expected-to-date and forecast shaped by twelve monthly weights, per program and optionally per
/// region and solution, in the partner's own calendar.
@Suite("§6 Seasonality profiles")
struct SeasonalityRuleTests {
    /// Jan–Sep 1, Oct 1, Nov 2, Dec 3.
    static let yearEnd = try! SeasonalityProfile(monthlyWeights: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3])
    static let q4 = Period(calendar: .calendarYear, kind: .quarter, fiscalYear: 2026, index: 4)  // Oct–Dec 2026

    @Test func expectedToDateFollowsANonFlatProfileInTheMiddleOfAMonth() {
        // Through 15 November: October's whole weight 1, plus 15 of November's 30 days at weight 2 = 2 of the
        // quarter's 1 + 2 + 3 = 6. A third of $600,000.00 is $200,000.00 — flat by days would expect 46/92 of it.
        let pacing = Pacing.evaluate(
            metric: MetricCatalog.revenue, target: 600_000_00, baseline: 500_000_00, actual: 210_000_00, period: Self.q4,
            asOf: Day(year: 2026, month: 11, day: 15), profile: Self.yearEnd)
        #expect(pacing.expectedToDate == 200_000_00)
        #expect(abs(pacing.elapsedShare - 1.0 / 3.0) < 1e-12)
        #expect(pacing.status == .onTrack)
        // The forecast scales the run-rate by the same weighted share: $210,000 / (1/3).
        #expect(abs((pacing.forecast ?? 0) - 630_000_00) < 1)
        let flat = Pacing.evaluate(
            metric: MetricCatalog.revenue, target: 600_000_00, baseline: 500_000_00, actual: 210_000_00, period: Self.q4,
            asOf: Day(year: 2026, month: 11, day: 15), profile: .flatByDays)
        #expect(flat.expectedToDate == 300_000_00)
        #expect(flat.status == .behind)
    }

    @Test func aPartnerWhoseYearStartsInJulyWeighsItsFirstQuarterByJulyToSeptember() throws {
        let july = try SeasonalityProfile(monthlyWeights: [1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1])
        let q1 = Period(calendar: FiscalCalendar(validStartMonth: 7), kind: .quarter, fiscalYear: 2027, index: 1)
        #expect(q1.start == Day(year: 2026, month: 7, day: 1) && q1.lastDay == Day(year: 2026, month: 9, day: 30))
        // July weighs 2 of the quarter's 2 + 1 + 1: by its last day half the target is expected.
        let pacing = Pacing.evaluate(
            metric: MetricCatalog.revenue, target: 100_000_00, baseline: nil, actual: nil, period: q1,
            asOf: Day(year: 2026, month: 7, day: 31), profile: july)
        #expect(pacing.expectedToDate == 50_000_00)
        // The same profile leaves a January-year partner's first quarter (Jan–Mar) flat by month.
        let january = Period(calendar: .calendarYear, kind: .quarter, fiscalYear: 2026, index: 1)
        let share = july.elapsedShare(of: january, through: Day(year: 2026, month: 1, day: 31))
        #expect(abs(share - 1.0 / 3.0) < 1e-12)
    }

    @Test func aPartnersRegionPicksItsGoalsProfileAndTheProgramsIsTheDefault() throws {
        var settings = ProgramSettings()
        try settings.setSeasonality(program: Self.yearEnd, regions: ["APAC": .flatByDays], solutions: [:])
        #expect(settings.seasonality(region: "EMEA") == Self.yearEnd)
        #expect(settings.seasonality(region: "APAC") == .flatByDays)
        #expect(settings.seasonality(region: nil) == Self.yearEnd)
        let goal = ProgressFigures(
            metric: MetricCatalog.revenue, target: 600_000_00, baseline: nil, actual: nil, period: Self.q4,
            asOf: Day(year: 2026, month: 11, day: 15), settings: settings, region: "APAC")
        #expect(goal.pacing.expectedToDate == 300_000_00)
        let elsewhere = ProgressFigures(
            metric: MetricCatalog.revenue, target: 600_000_00, baseline: nil, actual: nil, period: Self.q4,
            asOf: Day(year: 2026, month: 11, day: 15), settings: settings, region: "EMEA")
        #expect(elsewhere.pacing.expectedToDate == 200_000_00)
    }

    @Test func aSolutionsProfileComesBeforeItsRegionsForFiguresAboutThatSolution() throws {
        let cloud = try SeasonalityProfile(monthlyWeights: Array(repeating: 1, count: 11) + [9])
        var settings = ProgramSettings()
        try settings.setSeasonality(program: .flatByDays, regions: ["APAC": Self.yearEnd], solutions: ["Cloud": cloud])
        #expect(settings.seasonality(region: "APAC", solution: "Cloud") == cloud)
        #expect(settings.seasonality(region: "APAC", solution: "Storage") == Self.yearEnd)
        #expect(settings.seasonality(region: "EMEA", solution: "Storage") == .flatByDays)
    }

    @Test func aProfileIsTwelveNonNegativeWeightsNotAllZeroAndNamesAreTextOfOneToAHundredCharacters() {
        #expect(throws: SeasonalityError.needsTwelveWeights(11)) { try SeasonalityProfile(monthlyWeights: Array(repeating: 1, count: 11)) }
        #expect(throws: SeasonalityError.negativeWeight) { try SeasonalityProfile(monthlyWeights: [-1] + Array(repeating: 1, count: 11)) }
        #expect(throws: SeasonalityError.negativeWeight) { try SeasonalityProfile(monthlyWeights: [.nan] + Array(repeating: 1, count: 11)) }
        #expect(throws: SeasonalityError.allZero) { try SeasonalityProfile(monthlyWeights: Array(repeating: 0, count: 12)) }
        #expect(throws: SeasonalityError.weightTooLarge) { try SeasonalityProfile(monthlyWeights: [2e6] + Array(repeating: 1, count: 11)) }
        var settings = ProgramSettings()
        #expect(throws: SeasonalityError.self) {
            try settings.setSeasonality(program: .flatByDays, regions: [" ": .flatByDays], solutions: [:])
        }
        #expect(throws: SeasonalityError.self) {
            try settings.setSeasonality(program: .flatByDays, regions: ["EM\u{1B}EA": .flatByDays], solutions: [:])
        }
        let many = Dictionary(
            uniqueKeysWithValues: (0...ProgramSettings.largestSeasonalityProfileCount).map { ("R\($0)", SeasonalityProfile.flatByDays) })
        #expect(throws: SeasonalityError.tooManyProfiles) {
            try settings.setSeasonality(program: .flatByDays, regions: many, solutions: [:])
        }
        #expect(settings == ProgramSettings(), "a refused change changes nothing")
    }

    @Test func aChangeOfTheProgramsOrARegionsProfileMovesProgressAndASolutionsDoesNot() throws {
        let before = ProgramSettings()
        var regional = before
        try regional.setSeasonality(program: .flatByDays, regions: ["APAC": Self.yearEnd], solutions: [:])
        #expect(regional.movesProgress(from: before))
        var solution = before
        try solution.setSeasonality(program: .flatByDays, regions: [:], solutions: ["Cloud": Self.yearEnd])
        #expect(!solution.movesProgress(from: before))
        // Seasonality moves pacing only, and a region's profile only that region's partners.
        #expect(regional.movesOnlyPacing(from: before) && regional.regionsRepaced(from: before) == ["APAC"])
        var program = regional
        try program.setSeasonality(program: Self.yearEnd, regions: ["APAC": Self.yearEnd], solutions: [:])
        #expect(program.regionsRepaced(from: regional) == nil, "the program's profile reaches every partner")
        var checklist = before
        checklist.checklistItems = ["portal_access"]
        #expect(checklist.movesProgress(from: before) && !checklist.movesOnlyPacing(from: before), "a checklist moves actuals")
    }

    @Test func aStoredProfileIsReadByTheSameRulesAsATypedOne() throws {
        let decoder = JSONDecoder()
        #expect(try decoder.decode(SeasonalityProfile.self, from: Data("{}".utf8)) == .flatByDays)
        #expect(
            try decoder.decode(SeasonalityProfile.self, from: Data(#"{"monthlyWeights":[1,1,1,1,1,1,1,1,1,1,1,2]}"#.utf8)).monthlyWeights?
                .last == 2)
        #expect(throws: DecodingError.self) { try decoder.decode(SeasonalityProfile.self, from: Data(#"{"monthlyWeights":[1,2]}"#.utf8)) }
        #expect(throws: DecodingError.self) {
            try decoder.decode(SeasonalityProfile.self, from: Data(#"{"monthlyWeights":[1e300,1,1,1,1,1,1,1,1,1,1,1]}"#.utf8))
        }
    }
}
