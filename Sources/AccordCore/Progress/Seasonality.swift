/// Twelve monthly weights (January first) that shape what "on pace" means (DOMAIN §6).
/// Without weights, every day counts the same ("flat by days").
public struct SeasonalityProfile: Hashable, Codable, Sendable {
    public let monthlyWeights: [Double]?

    public static let flatByDays = SeasonalityProfile(validated: nil)

    private init(validated weights: [Double]?) { monthlyWeights = weights }

    public init(monthlyWeights: [Double]) throws(SeasonalityError) {
        guard monthlyWeights.count == 12 else { throw .needsTwelveWeights(monthlyWeights.count) }
        guard monthlyWeights.allSatisfy({ $0.isFinite && $0 >= 0 }) else { throw .negativeWeight }
        guard monthlyWeights.allSatisfy({ $0 <= Self.largestWeight }) else { throw .weightTooLarge }
        guard monthlyWeights.contains(where: { $0 > 0 }) else { throw .allZero }
        self.monthlyWeights = monthlyWeights
    }

    /// A stored profile passes the same rules as a typed one: a record that would not (twelve weights, finite, not
    /// all zero, bounded) is refused as unreadable rather than trusted, so no day's weight can read past the months.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let weights = try c.decodeIfPresent([Double].self, forKey: .monthlyWeights) else {
            self = .flatByDays
            return
        }
        do { try self.init(monthlyWeights: weights) } catch {
            throw DecodingError.dataCorruptedError(forKey: .monthlyWeights, in: c, debugDescription: error.description)
        }
    }

    /// Weights are relative; a bound keeps every weighted sum of a century of days finite and exact enough.
    public static let largestWeight = 1_000_000.0

    /// The weights as a person reads them, e.g. for a form: nil for flat by days.
    public var isFlat: Bool { monthlyWeights == nil }

    /// The weight of one day: its month's weight spread evenly over the month's days.
    public func weight(of day: Day) -> Double {
        guard let weights = monthlyWeights else { return 1 }
        let c = day.components
        return weights[c.month - 1] / Double(Day.daysIn(month: c.month, year: c.year))
    }

    /// Weight of the days in `start..<end`.
    public func weight(from start: Day, to end: Day) -> Double {
        guard start < end else { return 0 }
        guard monthlyWeights != nil else { return Double(start.distance(to: end)) }
        var total = 0.0
        var monthStart = start.firstOfMonth(addingMonths: 0)
        while monthStart < end {
            let next = monthStart.firstOfMonth(addingMonths: 1)
            let from = max(monthStart, start)
            let to = min(next, end)
            total += weight(of: monthStart) * Double(from.distance(to: to))
            monthStart = next
        }
        return total
    }

    /// Share of the period's weight elapsed by the end of `day` (0 before the period, 1 after it).
    public func elapsedShare(of period: Period, through day: Day) -> Double {
        let whole = weight(from: period.start, to: period.end)
        guard whole > 0 else {
            return Double(period.start.distance(to: min(max(day.advanced(by: 1), period.start), period.end)))
                / Double(period.days)
        }
        return weight(from: period.start, to: min(max(day.advanced(by: 1), period.start), period.end)) / whole
    }
}

public enum SeasonalityError: Error, Equatable, Sendable, CustomStringConvertible {
    case needsTwelveWeights(Int)
    case negativeWeight
    case allZero
    case weightTooLarge
    case badName(String)
    case tooManyProfiles

    public var description: String {
        switch self {
        case .needsTwelveWeights(let count): "a seasonality profile has twelve monthly weights, not \(count)"
        case .negativeWeight: "seasonality weights must be numbers of zero or more"
        case .allZero: "at least one seasonality weight must be above zero"
        case .weightTooLarge: "seasonality weights are relative: at most \(Int(SeasonalityProfile.largestWeight)) each"
        case .badName(let problem): problem
        case .tooManyProfiles: "at most \(ProgramSettings.largestSeasonalityProfileCount) regional and solution profiles"
        }
    }
}
