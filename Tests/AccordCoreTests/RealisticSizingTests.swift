import Foundation
import Testing

@testable import AccordCore

/// DOMAIN §5.5 — realistic sizing: the baseline, recent growth, share of wallet and trained %, the headroom they
/// imply, and a suggested range that never blocks a bolder goal.
@Suite("§5.5 Realistic sizing")
struct RealisticSizingTests {
    static let baseline = Baseline(value: 100_000_00, source: .samePeriodLastYear(label: "FY2026 Q2"))
    static let quarterStart = Day(year: 2026, month: 10, day: 1)

    static func growth(_ recent: Int64, _ earlier: Int64) -> RealisticSizing.Growth {
        .init(recent: recent, earlier: earlier, recentEnd: quarterStart)
    }

    @Test func growthComparesTheTwelveMonthsBeforeThePartnersCurrentQuarterWithTheTwelveBefore() {
        let windows = RealisticSizing.Growth.windows(quarterStart: Self.quarterStart)
        #expect(windows.recent.0 == Day(year: 2025, month: 10, day: 1) && windows.recent.1 == Self.quarterStart)
        #expect(windows.earlier.0 == Day(year: 2024, month: 10, day: 1) && windows.earlier.1 == Day(year: 2025, month: 10, day: 1))
        let growth = Self.growth(1_200_000_00, 1_000_000_00)
        #expect(abs((growth.rate ?? 0) - 0.2) < 1e-12)
        #expect(growth.compared == "the 12 months to 30 Sep 2026 against the 12 months before")
        #expect(Self.growth(5_00, 0).rate == nil, "nothing earlier to grow from")
    }

    @Test func theSuggestedRangeRunsFromTheSmallestAcceptableTargetToWhatRecentGrowthSupports() {
        let sizing = RealisticSizing(
            metric: MetricCatalog.revenue, baseline: Self.baseline, smallestAcceptable: 100_000_01, growth: Self.growth(120, 100),
            capacity: nil, yearShare: 0.25, currency: .usd)
        #expect(sizing.range == 100_000_01...120_000_00)
        #expect(sizing.explanation.contains("+20 %"))
    }

    @Test func headroomFromShareOfWalletAndCertifiedEngineersCapsTheRange() throws {
        // $1M with the vendor of a $10M company, 10 of 20 engineers certified: fully trained it could sell $2M a year,
        // $1M more — $250,000 in a quarter weighing a quarter of the year. Growth of 200 % would ask $300,000.
        let capacity = try CapacityProfile(
            asOf: Day(year: 2026, month: 9, day: 1), companyRevenue: 10_000_000_00, vendorRevenueTTM: 1_000_000_00, engineers: 20,
            certifiedEngineers: 10)
        let sizing = RealisticSizing(
            metric: MetricCatalog.revenue, baseline: Self.baseline, smallestAcceptable: 100_000_01, growth: Self.growth(300, 100),
            capacity: capacity, yearShare: 0.25, currency: .usd)
        #expect(sizing.headroom?.amount == 250_000_00)
        #expect(sizing.headroom?.explanation == "share of wallet 10 %, 50 % of engineers certified")
        #expect(sizing.range == 100_000_01...300_000_00)
        // The wallet caps the trained potential: 90 % of a $1.1M company is already with the vendor.
        let full = try CapacityProfile(
            asOf: Day(year: 2026, month: 9, day: 1), companyRevenue: 1_100_000_00, vendorRevenueTTM: 1_000_000_00, engineers: 20,
            certifiedEngineers: 10)
        let capped = RealisticSizing(
            metric: MetricCatalog.revenue, baseline: Self.baseline, smallestAcceptable: 100_000_01, growth: Self.growth(300, 100),
            capacity: full, yearShare: 0.25, currency: .usd)
        #expect(capped.headroom?.amount == 25_000_00)
        #expect(capped.range == 100_000_01...125_000_00)
        // Certified engineers: the untrained ones are the headroom.
        let engineers = RealisticSizing(
            metric: MetricCatalog.certifiedEngineers, baseline: Baseline(value: 10_00, source: .bestEver), smallestAcceptable: 11_00,
            growth: Self.growth(10_00, 5_00), capacity: capacity, yearShare: 0.25, currency: .usd)
        #expect(engineers.headroom?.amount == 10_00)
        #expect(engineers.range == 11_00...20_00)
    }

    @Test func noRecentImprovementLeavesTheSmallestAcceptableTargetAsTheRealisticEnd() {
        let shrinking = RealisticSizing(
            metric: MetricCatalog.revenue, baseline: Self.baseline, smallestAcceptable: 100_000_01, growth: Self.growth(90, 100),
            capacity: nil, yearShare: 0.25, currency: .usd)
        #expect(shrinking.range == 100_000_01...100_000_01)
        #expect(shrinking.explanation.contains("−10 %") || shrinking.explanation.contains("-10 %"))
        // Lower is better: a discount that fell 10 % suggests 10 % lower again.
        let discount = RealisticSizing(
            metric: MetricCatalog.averageDiscount, baseline: Baseline(value: 20_00, source: .samePeriodLastYear(label: "FY2026 Q2")),
            smallestAcceptable: 19_99, growth: Self.growth(18_00, 20_00), capacity: nil, yearShare: 0.25, currency: .usd)
        #expect(discount.range == 18_00...19_99)
    }

    @Test func noBaselineMeansNoRange() {
        let sizing = RealisticSizing(
            metric: MetricCatalog.revenue, baseline: nil, smallestAcceptable: nil, growth: nil, capacity: nil, yearShare: 0.25,
            currency: .usd)
        #expect(sizing.range == nil)
        #expect(sizing.explanation.hasPrefix("No history yet"))
    }

    @Test func theSuggestedRangeIsNeverALimitABolderTargetIsAccepted() throws {
        let sizing = RealisticSizing(
            metric: MetricCatalog.revenue, baseline: Self.baseline, smallestAcceptable: 100_000_01, growth: Self.growth(110, 100),
            capacity: nil, yearShare: 0.25, currency: .usd)
        let high = try #require(sizing.range?.upperBound)
        try ImprovementRule().check(
            target: high * 3, metric: MetricCatalog.revenue, baseline: Self.baseline, bestAchievedTarget: nil, currency: .usd)
    }

    @Test func extremeFiguresAreSizedWithoutATrap() {
        // A cent a year ago and the largest sum a year of days can hold now: a growth rate past Int's end as a percentage.
        let sizing = RealisticSizing(
            metric: MetricCatalog.revenue, baseline: Baseline(value: 1, source: .samePeriodLastYear(label: "FY2026 Q2")),
            smallestAcceptable: 2, growth: Self.growth(Int64.max / 2, 1), capacity: nil, yearShare: 0.25, currency: .usd)
        #expect(sizing.range != nil && sizing.explanation.contains("%"))
        #expect(ReadableNumber.percent(1e30).hasPrefix("1000000000000000") && ReadableNumber.percent(1e30).hasSuffix(" %"))
        #expect(ReadableNumber.text(.nan, decimals: 2) == "—" && ReadableNumber.text(-0.0001, decimals: 2) == "0")
    }
}
