import Foundation

/// The largest figures Accord accepts from people, files and integrations (Standards: bound values at input).
///
/// Each is far above any real business figure, and together they keep every sum Accord stores or computes inside
/// `Int64`: a day's total of one partner and source is at most 2^53 minor units, so a year of them (366 days) is
/// below 2^62. Values are in a metric's minor unit (cents for money, hundredths for everything else, `Metric`).
/// docs/RELIABILITY.md lists them.
public enum FigureLimits {
    /// One sales line or activity record, in whole units of its metric's unit.
    public static func largestFactWhole(_ unit: MetricUnit) -> Int64 {
        switch unit {
        case .currency: 1_000_000_000
        case .count: 1_000_000
        case .percent: 100
        case .score: 1_000_000
        }
    }

    /// A target, a capacity figure, a plan amount, a reward, a level requirement, in whole units of its unit.
    public static func largestFigureWhole(_ unit: MetricUnit) -> Int64 {
        switch unit {
        case .currency: 1_000_000_000_000
        case .count: 1_000_000_000
        case .percent: 100
        case .score: 1_000_000
        }
    }

    /// The most that the facts of one partner, source and day may add up to, in minor units (2^53, also the
    /// largest integer a Double holds exactly). An import that would pass it is refused.
    public static let largestDayTotal: Int64 = 9_007_199_254_740_992

    /// `whole` whole units of `unit` in minor units.
    public static func minorUnits(whole: Int64, unit: MetricUnit, currency: Currency) -> Int64 {
        Figures.multiply(whole, scale(decimals: unit == .currency ? currency.decimals : 2))
    }

    /// The largest single fact value of a metric, in its minor unit.
    public static func largestFact(_ metric: Metric, currency: Currency) -> Int64 {
        minorUnits(whole: largestFactWhole(metric.unit), unit: metric.unit, currency: currency)
    }

    /// The largest target, requirement or profile figure of a unit, in its minor unit.
    public static func largestFigure(_ unit: MetricUnit, currency: Currency) -> Int64 {
        minorUnits(whole: largestFigureWhole(unit), unit: unit, currency: currency)
    }

    /// The largest sales line, in the currency's minor units.
    public static func largestSale(_ currency: Currency) -> Int64 {
        minorUnits(whole: largestFactWhole(.currency), unit: .currency, currency: currency)
    }

    /// Parses a figure a person typed (a target, a capacity figure, a plan amount, a reward, a requirement) in the
    /// minor units of `unit` — or of `decimals` places where a kind of figure has its own — and bounds it:
    /// zero or more, at most `largestFigure(unit)`.
    public static func parse(
        _ text: some StringProtocol, unit: MetricUnit, currency: Currency, decimals: Int? = nil
    ) throws(FigureInputError) -> Int64 {
        let places = decimals ?? (unit == .currency ? currency.decimals : 2)
        let value: Int64
        do { value = try FixedPoint.parse(text, decimals: places) } catch { throw .unreadable(error) }
        let largest = Figures.multiply(largestFigureWhole(unit), scale(decimals: places))
        guard value >= 0 else { throw .outOfRange(.negative) }
        guard value <= largest else {
            throw .outOfRange(.tooLarge(largest: FixedPoint.format(largestFigureWhole(unit), decimals: 0)))
        }
        return value
    }

    static func scale(decimals: Int) -> Int64 {
        var scale: Int64 = 1
        for _ in 0..<decimals { scale = Figures.multiply(scale, 10) }
        return scale
    }
}

/// A figure outside what Accord accepts.
public enum FigureError: Error, Equatable, Sendable, CustomStringConvertible {
    case negative
    case tooLarge(largest: String)

    public var description: String {
        switch self {
        case .negative: "must be zero or more"
        case .tooLarge(let largest): "is larger than \(largest), the largest figure Accord accepts here"
        }
    }
}

/// A typed figure that could not be taken: not a number, or outside what Accord accepts.
public enum FigureInputError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(FixedPoint.ParseError)
    case outOfRange(FigureError)

    public var description: String {
        switch self {
        case .unreadable(let error): error.description
        case .outOfRange(let error): error.description
        }
    }
}
