import Foundation

/// A key performance indicator a goal can be set on (DOMAIN §4).
///
/// Values of a metric are `Int64` in the metric's minor unit: the program currency's minor
/// units for money, hundredths for everything else (3 certifications = 300, 87.5 % = 8750),
/// so sums are exact and one integer column holds every kind of value.
public struct Metric: Hashable, Codable, Sendable, Identifiable {
    public let key: String
    public let name: String
    public let unit: MetricUnit
    public let aggregation: Aggregation
    public let direction: Direction
    public let category: MetricCategory
    /// Which facts feed the metric's actuals.
    public let source: FactSource
    public let summary: String

    public var id: String { key }

    public init(
        key: String, name: String, unit: MetricUnit, aggregation: Aggregation, direction: Direction,
        category: MetricCategory, source: FactSource = .activity, summary: String = ""
    ) {
        self.key = key
        self.name = name
        self.unit = unit
        self.aggregation = aggregation
        self.direction = direction
        self.category = category
        self.source = source
        self.summary = summary
    }

    /// Decimal places of a value's minor unit.
    public func decimals(currency: Currency) -> Int {
        unit == .currency ? currency.decimals : 2
    }

    /// Parses a value typed by a person or read from a file (`12.5`, `1250.00`).
    public func parseValue(_ text: some StringProtocol, currency: Currency) throws(FixedPoint.ParseError) -> Int64 {
        try FixedPoint.parse(text, decimals: decimals(currency: currency))
    }

    /// A value as exact decimal text for machines and forms: `120000.00`, `12.5`.
    public func plainText(_ value: Int64, currency: Currency) -> String {
        FixedPoint.format(value, decimals: decimals(currency: currency), grouping: false)
    }

    /// Formats a value for people: `$12,500.00`, `87.5 %`, `12`; a figure that stopped at the end of the range
    /// Accord computes in (`Figures.isSaturated`) says so: "over …".
    public func format(_ value: Int64, currency: Currency) -> String {
        guard !Figures.isSaturated(value) else {
            return (value > 0 ? "over " : "under ") + format(value > 0 ? value - 1 : value + 1, currency: currency)
        }
        return switch unit {
        case .currency: Money(minorUnits: value, currency: currency).formatted
        case .percent: FixedPoint.format(value, decimals: 2, trimZeros: true) + " %"
        case .count, .score: FixedPoint.format(value, decimals: 2, trimZeros: true)
        }
    }

    /// Whether `value` is at least as good as `other` in this metric's direction.
    public func meets(_ value: Int64, _ other: Int64) -> Bool {
        direction == .higherIsBetter ? value >= other : value <= other
    }

    /// Whether `value` is strictly better than `other`.
    public func beats(_ value: Int64, _ other: Int64) -> Bool {
        direction == .higherIsBetter ? value > other : value < other
    }

    /// The value with a single unit of the metric, e.g. one deal registration, for facts that omit it.
    public static let oneUnit: Int64 = 100
}

public enum MetricUnit: String, Codable, Sendable, CaseIterable {
    case currency, count, percent, score
}

/// How facts in a period become one actual (DOMAIN §4).
public enum Aggregation: String, Codable, Sendable, CaseIterable {
    /// Sum of values over the period.
    case sum
    /// Count of distinct subjects in the period (e.g. customers).
    case distinctCount = "distinct_count"
    /// Mean of values recorded in the period.
    case average
    /// The latest value recorded before the period end, whenever it was recorded.
    case latest
    /// Share of the program's checklist items done by the period end.
    case checklist

    /// Sum-like aggregations grow through the period; the others are levels.
    public var accumulates: Bool { self == .sum || self == .distinctCount }
}

public enum Direction: String, Codable, Sendable, CaseIterable {
    case higherIsBetter = "higher_is_better"
    case lowerIsBetter = "lower_is_better"
}

public enum MetricCategory: String, Codable, Sendable, CaseIterable {
    case revenue, activity, capability, customer
    case vendorCommitment = "vendor_commitment"

    public var label: String {
        switch self {
        case .revenue: "Revenue"
        case .activity: "Activity"
        case .capability: "Capability"
        case .customer: "Customer"
        case .vendorCommitment: "Vendor commitment"
        }
    }
}

/// Where a metric's actuals come from (DOMAIN §4: facts).
public enum FactSource: String, Codable, Sendable, CaseIterable {
    /// The amount of sales lines.
    case salesAmount = "sales_amount"
    /// Customers whose first sales line with the partner falls in the period.
    case salesNewCustomers = "sales_new_customers"
    /// Activity records whose metric is this metric's key (partner or vendor activity).
    case activity
}
