import Foundation
import PropertyBased
import Testing

@testable import AccordCore

/// Issue 16, item 1: no figure Accord computes from stored values traps or silently wraps — money, rollups, pacing,
/// attainment and forecasts, driven with the extremes (0, 1, the largest accepted, Int64's ends, thousands of maximum
/// values in one day and one period, lower-is-better with zeros).
@Suite("Checked figures")
struct FigureArithmeticTests {
    /// The values arithmetic breaks on first.
    static let extremes: [Int64] = [
        0, 1, -1, 2, 100, Int64.max, Int64.max - 1, Int64.min, Int64.min + 1, FigureLimits.largestDayTotal,
        FigureLimits.largestDayTotal + 1, FigureLimits.largestSale(.usd), FigureLimits.largestFigure(.currency, currency: .usd),
        FigureLimits.largestFact(MetricCatalog.dealRegistrations, currency: .usd), 4_611_686_018_427_387_904,
    ]

    /// An extreme value most of the time, any Int64 otherwise.
    static func pick(_ index: Int, _ random: Int64) -> Int64 { index < extremes.count ? extremes[index] : random }

    static func clamped(_ exact: Int128) -> Int64 {
        exact > Int128(Int64.max) ? .max : (exact < Int128(Int64.min) ? .min : Int64(exact))
    }

    @Test func sumsDifferencesAndProductsAreExactOrStopAtInt64sEndsNeverWrap() async {
        await propertyCheck(
            input: Gen.int(in: 0...(Self.extremes.count + 4)), Gen.int64(), Gen.int(in: 0...(Self.extremes.count + 4)), Gen.int64()
        ) { i, x, j, y in
            let a = Self.pick(i, x)
            let b = Self.pick(j, y)
            #expect(Figures.add(a, b) == Self.clamped(Int128(a) + Int128(b)))
            #expect(Figures.subtract(a, b) == Self.clamped(Int128(a) - Int128(b)))
            #expect(Figures.multiply(a, b) == Self.clamped(Int128(a) * Int128(b)))
            // Thousands of such terms in any order: exact when the total fits, else at the end it passed.
            let terms = Array(repeating: a, count: 2_000) + [b]
            #expect(Figures.sum(terms) == Self.clamped(Int128(a) * 2_000 + Int128(b)))
            if b != 0 {
                let rounded = Figures.divideRounded(a, b)
                let exact = Double(a) / Double(b)
                #expect(rounded != nil)
                if let rounded, abs(exact) < 1e15 { #expect(abs(Double(rounded) - exact) <= 0.5 + 1e-9) }
            } else {
                #expect(Figures.divideRounded(a, b) == nil)
            }
        }
    }

    @Test func computedFiguresRoundToInt64OrStopAtItsEndsAndNotANumberIsNoFigure() {
        for value in [0.0, 0.4, 0.5, -0.5, 1e18, 9.2e18, 9.3e18, 1e300, -1e300, .infinity, -.infinity, .greatestFiniteMagnitude] {
            let rounded = Figures.rounded(value)
            #expect(rounded != nil)
            if value >= 9.3e18 { #expect(rounded == .max) }
            if value <= -1e300 { #expect(rounded == .min) }
        }
        #expect(Figures.rounded(.nan) == nil)
        #expect(Figures.roundedOrZero(.nan) == 0)
        #expect(Figures.rounded(2.5) == 3 && Figures.rounded(-2.5) == -3)
        #expect(Figures.sum([Int64.max, 1, -5]) == Int64.max - 4, "exact when the total fits, whatever the order")
        #expect(Figures.sum([Int64.max, 1]) == Int64.max && Figures.sum([Int64.min, -1]) == Int64.min)
    }

    /// Thousands of the largest accepted record on one day: every one is added exactly until the day's bound, then
    /// refused — never wrapped. A whole year of days at the bound still sums inside Int64.
    @Test func aDayTakesTheLargestRecordsUntilItsBoundAndAYearOfFullDaysStillSums() throws {
        let largest = FigureLimits.largestFact(MetricCatalog.dealRegistrations, currency: .usd)
        var day = DayFigures()
        for n in 0..<5_000 { try day.add(largest, factID: "F\(n)") }
        #expect(day.total == 5_000 * largest && day.records == 5_000)
        #expect(day.latestFactID == "F999" && day.latestValue == largest, "the greatest id byte by byte")

        var full = DayFigures()
        try full.add(FigureLimits.largestDayTotal, factID: nil)
        #expect(throws: DayTotalError.tooLarge) { try full.add(1, factID: nil) }
        #expect(full.total == FigureLimits.largestDayTotal, "a refused record leaves the day as it was")
        #expect(throws: DayTotalError.tooLarge) { _ = try DayFigures.combined(FigureLimits.largestDayTotal - 1, 2) }
        #expect(throws: DayTotalError.tooLarge) { _ = try DayFigures.combined(0, -1) }

        let year = Figures.sum(Array(repeating: FigureLimits.largestDayTotal, count: 366))
        #expect(year == 366 * FigureLimits.largestDayTotal, "exact: no period Accord sums can leave Int64")
        #expect(!Figures.isSaturated(year))
    }

    @Test func pacingAttainmentAndForecastNeverTrapOnExtremeActualsTargetsAndBaselines() async {
        let period = Period(calendar: .calendarYear, kind: .year, fiscalYear: 2026, index: 1)
        let metrics = [
            MetricCatalog.revenue, MetricCatalog.averageDiscount, MetricCatalog.customerSatisfaction, MetricCatalog.enablementChecklist,
        ]
        await propertyCheck(
            input: Gen.int(in: 0...(Self.extremes.count + 2)), Gen.int64(), Gen.int(in: 0...(Self.extremes.count + 2)), Gen.int64(),
            Gen.int(in: 0...(Self.extremes.count + 2)), Gen.int(in: -5...370)
        ) { i, x, j, y, k, dayOffset in
            let actual = Self.pick(i, x)
            let target = Self.pick(j, y)
            let baseline = k < Self.extremes.count ? Self.extremes[k] : nil
            let asOf = period.start.advanced(by: dayOffset)
            for metric in metrics {
                _ = Attainment.ratio(actual: actual, target: target, direction: metric.direction)
                _ = Attainment.improvementProgress(actual: actual, baseline: baseline, target: target)
                let pacing = Pacing.evaluate(
                    metric: metric, target: target, baseline: baseline, actual: actual, period: period, asOf: asOf,
                    profile: .flatByDays)
                // What the API and pages make of the Doubles: whole minor units, saturated, formatted.
                let forecast = pacing.forecast.map(Figures.roundedOrZero)
                let expected = Figures.roundedOrZero(pacing.expectedToDate)
                _ = metric.format(forecast ?? 0, currency: .usd)
                _ = metric.format(expected, currency: .usd)
                _ = metric.plainText(expected, currency: .usd)
            }
        }
        // Lower is better with zeros: a zero actual against a zero target is met, never a division by zero.
        #expect(Attainment.ratio(actual: 0, target: 0, direction: .lowerIsBetter) == 1)
        #expect(Attainment.ratio(actual: 0, target: 0, direction: .higherIsBetter) == nil)
        #expect(Attainment.improvementProgress(actual: 0, baseline: 0, target: 0) == nil)
        #expect(Attainment.improvementProgress(actual: .max, baseline: .min, target: .max)?.isFinite == true)
    }

    @Test func moneyAndFiguresAtInt64sEndsFormatAndSayWhenTheyStopped() {
        for value in [Int64.min, Int64.min + 1, -1, 0, 1, Int64.max - 1, Int64.max] {
            _ = Money(minorUnits: value, currency: .usd).formatted
            _ = Money(minorUnits: value, currency: Currency(code: "JPY")!).formatted
            _ = Money(minorUnits: value, currency: Currency(code: "KWD")!).formatted
            _ = FixedPoint.format(value, decimals: 3)
        }
        #expect(MetricCatalog.revenue.format(.max, currency: .usd).hasPrefix("over $"))
        #expect(MetricCatalog.dealRegistrations.format(.min, currency: .usd).hasPrefix("under "))
        #expect(MetricCatalog.revenue.format(100_00, currency: .usd) == "$100.00")
    }

    @Test func typedFiguresAreBoundedPerUnit() throws {
        #expect(try FigureLimits.parse("1000000000000", unit: .currency, currency: .usd) == 1_000_000_000_000_00)
        #expect(throws: FigureInputError.self) { try FigureLimits.parse("1000000000000.01", unit: .currency, currency: .usd) }
        #expect(throws: FigureInputError.self) { try FigureLimits.parse("100.01", unit: .percent, currency: .usd) }
        #expect(throws: FigureInputError.outOfRange(.negative)) { try FigureLimits.parse("-1", unit: .count, currency: .usd) }
        #expect(throws: FigureInputError.self) { try FigureLimits.parse("999999999999999999999.99", unit: .count, currency: .usd) }
        #expect(throws: FigureInputError.self) { try FigureLimits.parse("1e20", unit: .score, currency: .usd) }
        // One record of each unit is bounded, far below a day's bound.
        for unit in MetricUnit.allCases {
            #expect(
                FigureLimits.minorUnits(whole: FigureLimits.largestFactWhole(unit), unit: unit, currency: .usd)
                    < FigureLimits.largestDayTotal)
        }
    }
}
