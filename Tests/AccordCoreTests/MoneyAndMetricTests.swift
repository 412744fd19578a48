import PropertyBased
import Testing

@testable import AccordCore

/// DOMAIN §4 — metrics, and money in integer minor units.
@Suite("§4 Metrics and money")
struct MoneyAndMetricTests {
    @Test func moneyParsesDecimalTextExactly() throws {
        #expect(try Money(parsing: "1234.56", currency: .usd).minorUnits == 123_456)
        #expect(try Money(parsing: "0.1", currency: .usd).minorUnits == 10)
        #expect(try Money(parsing: "-7", currency: .usd).minorUnits == -700)
        #expect(try Money(parsing: "1500", currency: Currency(code: "JPY")!).minorUnits == 1500)
        #expect(try Money(parsing: "1.234", currency: Currency(code: "KWD")!).minorUnits == 1234)
    }

    @Test func moneyRejectsWhatIsNotAnExactAmount() {
        #expect(throws: FixedPoint.ParseError.tooManyDecimals("1.005", allowed: 2)) {
            try Money(parsing: "1.005", currency: .usd)
        }
        for text in ["", "abc", "1,000", "1.2.3", "--1", ".", "1e5"] {
            #expect(throws: FixedPoint.ParseError.self) { try Money(parsing: text, currency: .usd) }
        }
        #expect(throws: FixedPoint.ParseError.outOfRange("99999999999999999")) {
            try Money(parsing: "99999999999999999", currency: .usd)
        }
    }

    @Test func moneyFormatsWithItsCurrency() {
        #expect(Money(minorUnits: 123_456_789, currency: .usd).formatted == "$1,234,567.89")
        #expect(Money(minorUnits: -5, currency: .eur).formatted == "-€0.05")
        #expect(Money(minorUnits: 100, currency: Currency(code: "CHF")!).formatted == "1.00 CHF")
    }

    @Test func moneyTextRoundTripsExactly() async {
        await propertyCheck(input: Gen.int64(in: -1_000_000_000_000...1_000_000_000_000)) { cents in
            let text = FixedPoint.format(cents, decimals: 2, grouping: false)
            #expect((try? Money(parsing: text, currency: .usd))?.minorUnits == cents)
        }
    }

    @Test func catalogHoldsTheBuiltInMetrics() {
        let keys = Set(MetricCatalog.all.map(\.key))
        for key in [
            "revenue", "new_customers", "deal_registrations", "pipeline_value", "certified_engineers",
            "certified_engineers_pct", "certifications_earned", "enablement_checklist", "marketing_campaigns",
            "customer_satisfaction", "average_discount", "renewal_rate", "mdf_delivered", "enablement_sessions",
            "leads_passed",
        ] { #expect(keys.contains(key), "missing \(key)") }
        #expect(keys.count == MetricCatalog.all.count, "keys are unique")
        #expect(MetricCatalog.all.filter { $0.category == .vendorCommitment }.count == 3)
    }

    @Test func lowerIsBetterMetricsCompareTheOtherWay() {
        let discount = MetricCatalog.averageDiscount
        #expect(discount.direction == .lowerIsBetter)
        #expect(discount.beats(1000, 1200))
        #expect(!discount.beats(1200, 1000))
        #expect(MetricCatalog.revenue.beats(1200, 1000))
    }

    @Test func metricValuesFormatByUnit() {
        #expect(MetricCatalog.certificationsEarned.format(300, currency: .usd) == "3")
        #expect(MetricCatalog.averageDiscount.format(1250, currency: .usd) == "12.5 %")
        #expect(MetricCatalog.revenue.format(1_000_000, currency: .usd) == "$10,000.00")
    }

    @Test func programMetricsNeedAValidKeyAndActivityFacts() throws {
        let good = Metric(
            key: "solution_demos", name: "Solution demos", unit: .count, aggregation: .sum, direction: .higherIsBetter,
            category: .activity)
        #expect(try good.validatedAsCustom() == good)
        let badKey = Metric(
            key: "Bad Key", name: "x", unit: .count, aggregation: .sum, direction: .higherIsBetter, category: .activity)
        #expect(throws: MetricDefinitionError.invalidKey("Bad Key")) { try badKey.validatedAsCustom() }
    }
}
