/// What one partner's facts of one source add up to on one day: the grain of the rollups that scorecards read
/// (DOMAIN §4, §6). The sum and count serve sums and averages, the latest reading serves level metrics.
///
/// A day's total is bounded by `FigureLimits.largestDayTotal`, so the sum over any period Accord computes (a year
/// at most) stays inside Int64; a fact that would pass it is refused, never wrapped.
public struct DayFigures: Sendable, Equatable {
    public private(set) var total: Int64 = 0
    public private(set) var records: Int64 = 0
    /// The day's last reading: the one with the greatest fact id, compared byte by byte (as both databases do).
    public private(set) var latestFactID: String?
    public private(set) var latestValue: Int64?

    public init() {}

    /// Adds one fact of the day; `factID` is given for level metrics, whose last reading counts.
    public mutating func add(_ value: Int64, factID: String?) throws(DayTotalError) {
        total = try Self.combined(total, value)
        records = Figures.add(records, 1)
        if let factID, latestFactID.map({ $0.utf8.lexicographicallyPrecedes(factID.utf8) }) ?? true {
            latestFactID = factID
            latestValue = value
        }
    }

    /// A stored day total with new facts added, or the refusal when it would pass the bound.
    public static func combined(_ stored: Int64, _ added: Int64) throws(DayTotalError) -> Int64 {
        let total = Figures.add(stored, added)
        guard total >= 0, total <= FigureLimits.largestDayTotal else { throw .tooLarge }
        return total
    }
}

/// A day's facts would add up to more than Accord keeps for one partner, source and day.
public enum DayTotalError: Error, Equatable, Sendable, CustomStringConvertible {
    case tooLarge

    public var description: String {
        "with this record the day's total for its partner would pass \(FixedPoint.format(FigureLimits.largestDayTotal, decimals: 0)) minor units, the most Accord keeps for one partner and day; check the values"
    }
}
