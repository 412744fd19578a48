import PropertyBased
import Testing

@testable import AccordCore

/// DOMAIN §6 — attainment and pacing.
@Suite("§6 Attainment and pacing")
struct PacingTests {
    let calendar = FiscalCalendar.calendarYear
    var q1: Period { Period(calendar: calendar, kind: .quarter, fiscalYear: 2026, index: 1) }  // Jan–Mar 2026, 90 days

    @Test func attainmentIsActualOverTarget() {
        #expect(Attainment.ratio(actual: 50, target: 200, direction: .higherIsBetter) == 0.25)
        #expect(Attainment.ratio(actual: 50, target: 0, direction: .higherIsBetter) == nil)
    }

    @Test func attainmentIsTargetOverActualWhenLowerIsBetter() {
        #expect(Attainment.ratio(actual: 20_00, target: 10_00, direction: .lowerIsBetter) == 0.5)
        #expect(Attainment.ratio(actual: 0, target: 10_00, direction: .lowerIsBetter) == 1)
    }

    @Test func improvementProgressMeasuresTheAgreedImprovementDone() {
        #expect(Attainment.improvementProgress(actual: 110, baseline: 100, target: 120) == 0.5)
        #expect(Attainment.improvementProgress(actual: 90, baseline: 100, target: 120) == -0.5)
        // Lower is better: from 15 % towards 12 %, now 13.5 %.
        #expect(Attainment.improvementProgress(actual: 13_50, baseline: 15_00, target: 12_00) == 0.5)
        #expect(Attainment.improvementProgress(actual: 110, baseline: nil, target: 120) == nil)
    }

    @Test func expectedToDateFollowsElapsedDaysByDefault() {
        // Through 15 Feb: 31 + 15 = 46 of 90 days.
        let pacing = Pacing.evaluate(
            metric: MetricCatalog.revenue, target: 90_000, baseline: nil, actual: 46_000, period: q1,
            asOf: Day(year: 2026, month: 2, day: 15), profile: .flatByDays)
        #expect(abs(pacing.elapsedShare - 46.0 / 90.0) < 1e-12)
        #expect(abs(pacing.expectedToDate - 46_000) < 1e-6)
        #expect(pacing.status == .onTrack)
        #expect(abs(pacing.forecast! - 90_000) < 1e-6)
    }

    @Test func seasonalityShapesExpectedToDate() throws {
        // March carries half the quarter's weight: by the end of February only half is expected.
        let profile = try SeasonalityProfile(monthlyWeights: [1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1])
        let pacing = Pacing.evaluate(
            metric: MetricCatalog.revenue, target: 100_000, baseline: nil, actual: 45_000, period: q1,
            asOf: Day(year: 2026, month: 2, day: 28), profile: profile)
        #expect(abs(pacing.elapsedShare - 0.5) < 1e-12)
        #expect(pacing.status == .atRisk)
        #expect(abs(pacing.forecast! - 90_000) < 1e-6)
    }

    @Test func statusIsOnTrackAtRiskOrBehind() {
        let asOf = Day(year: 2026, month: 2, day: 14)  // 45 of 90 days: expected 50 of 100
        func status(_ actual: Int64) -> PacingStatus {
            Pacing.evaluate(
                metric: MetricCatalog.revenue, target: 100, baseline: nil, actual: actual, period: q1, asOf: asOf,
                profile: .flatByDays
            ).status
        }
        #expect(status(100) == .achieved)
        #expect(status(50) == .onTrack)
        #expect(status(40) == .atRisk)
        #expect(status(39) == .behind)
        let before = Pacing.evaluate(
            metric: MetricCatalog.revenue, target: 100, baseline: nil, actual: 0, period: q1,
            asOf: Day(year: 2025, month: 12, day: 1), profile: .flatByDays)
        #expect(before.status == .notStarted)
    }

    @Test func lowerIsBetterLevelsPaceFromTheBaselineDown() {
        let asOf = Day(year: 2026, month: 2, day: 14)  // half-way: expected 14 % on the way from 16 % to 12 %
        func status(_ actual: Int64) -> PacingStatus {
            Pacing.evaluate(
                metric: MetricCatalog.averageDiscount, target: 12_00, baseline: 16_00, actual: actual, period: q1,
                asOf: asOf, profile: .flatByDays
            ).status
        }
        #expect(status(11_00) == .achieved)
        #expect(status(14_00) == .onTrack)
        #expect(status(17_00) == .atRisk)
        #expect(status(18_00) == .behind)
    }

    @Test func elapsedShareGrowsFromZeroToOne() async {
        await propertyCheck(input: Gen.int(in: -10...100), Gen.double(in: 0...5).array(of: 12)) { offset, weights in
            guard let profile = try? SeasonalityProfile(monthlyWeights: weights) else { return }
            let day = q1.start.advanced(by: offset)
            let share = profile.elapsedShare(of: q1, through: day)
            let next = profile.elapsedShare(of: q1, through: day.advanced(by: 1))
            #expect(share >= 0 && share <= 1 + 1e-12)
            #expect(next >= share - 1e-12)
            if day >= q1.end.advanced(by: -1) { #expect(abs(share - 1) < 1e-9) }
            if day < q1.start { #expect(share == 0) }
        }
    }

    @Test func expectedCurveEndsAtTheTarget() {
        let curve = Pacing.expectedCurve(target: 1_000, period: q1, profile: .flatByDays)
        #expect(curve.first?.expected == 0)
        #expect(curve.last?.expected == 1_000)
        #expect(zip(curve, curve.dropFirst()).allSatisfy { $0.expected <= $1.expected })
    }

    @Test func seasonalityNeedsTwelveNonNegativeWeights() {
        #expect(throws: SeasonalityError.needsTwelveWeights(3)) { try SeasonalityProfile(monthlyWeights: [1, 2, 3]) }
        #expect(throws: SeasonalityError.allZero) { try SeasonalityProfile(monthlyWeights: Array(repeating: 0, count: 12)) }
    }
}
