import Foundation

/// Turns CSV records into validated facts, checking every row and naming the line of each problem.
public struct FactRowParser: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case sales, activities

        public var requiredColumns: [String] {
            switch self {
            case .sales: ["transaction_id", "partner_key", "date", "amount", "currency", "customer"]
            case .activities: ["activity_id", "partner_key", "date", "metric"]
            }
        }

        public var optionalColumns: [String] {
            switch self {
            case .sales: ["solution", "region"]
            case .activities: ["value", "subject"]
            }
        }
    }

    public let kind: Kind
    public let currency: Currency
    /// Activity metrics by key; only activity-fed metrics may be recorded.
    public let metrics: [String: Metric]
    public let checklistItems: Set<String>

    private var header: CSVHeader

    public init(
        kind: Kind, currency: Currency, metrics: [Metric], checklistItems: [String], columnNames: [String: String] = [:]
    ) {
        self.header = CSVHeader(required: kind.requiredColumns, optional: kind.optionalColumns, columnNames: columnNames)
        self.kind = kind
        self.currency = currency
        self.metrics = Dictionary(metrics.filter { $0.source == .activity }.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        self.checklistItems = Set(checklistItems)
    }

    /// Checks a column mapping before any file is read: only our columns, each given a name.
    public static func validate(columnNames: [String: String], for kind: Kind) throws(RowError) {
        try CSVHeader(required: kind.requiredColumns, optional: kind.optionalColumns, columnNames: columnNames).validateMapping()
    }

    /// Reads the header row: every required column present, none unknown or repeated.
    public mutating func readHeader(_ record: CSVReader.Record) throws(RowError) { try header.read(record) }

    public var headerCount: Int { header.count }

    /// Validates one data row of a sales file.
    public func salesLine(_ record: CSVReader.Record) throws(RowError) -> SalesLine {
        let row = try header.row(record)
        let id = try row.required("transaction_id")
        let code = try row.required("currency")
        guard let lineCurrency = Currency(code: code) else { throw row.error("'\(code)' is not a currency code") }
        guard lineCurrency == currency else {
            throw row.error("currency \(lineCurrency.code) differs from the program currency \(currency.code); convert before importing")
        }
        let amountText = try row.required("amount")
        let amount: Money
        do { amount = try Money(parsing: amountText, currency: currency) } catch { throw row.error("amount \(error)") }
        guard amount.minorUnits >= 0 else { throw row.error("amount \(amountText) is negative; record returns as their own adjustment") }
        // Larger is a typo, not a sale; the bound also keeps every sum of sales inside Int64 (FigureLimits).
        guard amount.minorUnits <= FigureLimits.largestSale(currency) else {
            throw row.error(
                "amount \(amountText) is larger than \(FixedPoint.format(FigureLimits.largestFactWhole(.currency), decimals: 0)) for one line"
            )
        }
        return SalesLine(
            id: id, partnerKey: try row.required("partner_key"), day: try row.day(), amount: amount,
            solution: row.optional("solution"), customer: try row.required("customer"), region: row.optional("region"))
    }

    /// Validates one data row of an activity file.
    public func activity(_ record: CSVReader.Record) throws(RowError) -> ActivityRecord {
        let row = try header.row(record)
        let id = try row.required("activity_id")
        let key = try row.required("metric")
        guard let metric = metrics[key] else {
            throw row.error("unknown activity metric '\(key)'")
        }
        let valueText = row.optional("value")
        let value: Int64
        if valueText.isEmpty {
            guard metric.aggregation == .sum || metric.aggregation == .checklist || metric.aggregation == .distinctCount
            else { throw row.error("metric \(key) needs a value") }
            value = Metric.oneUnit
        } else {
            do { value = try metric.parseValue(valueText, currency: currency) } catch { throw row.error("value \(error)") }
        }
        guard value >= 0 else { throw row.error("value \(valueText) is negative") }
        if metric.unit == .percent, value > 100_00 { throw row.error("value \(valueText) is above 100 %") }
        guard value <= FigureLimits.largestFact(metric, currency: currency) else {
            throw row.error(
                "value \(valueText) is larger than \(FixedPoint.format(FigureLimits.largestFactWhole(metric.unit), decimals: 0)), the most one \(metric.key) record can hold"
            )
        }
        let subject = row.optional("subject")
        if metric.aggregation == .checklist {
            guard checklistItems.contains(subject) else {
                throw row.error("'\(subject)' is not an item of the enablement checklist")
            }
        }
        if metric.aggregation == .distinctCount, subject.isEmpty { throw row.error("metric \(key) needs a subject") }
        return ActivityRecord(
            id: id, partnerKey: try row.required("partner_key"), day: try row.day(), metricKey: key, value: value,
            subject: subject)
    }
}
