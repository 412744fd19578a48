import Foundation

/// The metrics every program starts with (DOMAIN §4); programs may add their own.
public enum MetricCatalog {
    public static let revenue = Metric(
        key: "revenue", name: "Revenue", unit: .currency, aggregation: .sum, direction: .higherIsBetter,
        category: .revenue, source: .salesAmount, summary: "Sales with the vendor's solutions in the period.")
    public static let newCustomers = Metric(
        key: "new_customers", name: "New customers", unit: .count, aggregation: .distinctCount,
        direction: .higherIsBetter, category: .customer, source: .salesNewCustomers,
        summary: "Customers buying from the partner for the first time.")
    public static let dealRegistrations = Metric(
        key: "deal_registrations", name: "Deal registrations", unit: .count, aggregation: .sum,
        direction: .higherIsBetter, category: .activity, summary: "Opportunities registered with the vendor.")
    public static let pipelineValue = Metric(
        key: "pipeline_value", name: "Pipeline value", unit: .currency, aggregation: .latest,
        direction: .higherIsBetter, category: .activity, summary: "Open qualified pipeline at period end.")
    public static let certifiedEngineers = Metric(
        key: "certified_engineers", name: "Certified engineers", unit: .count, aggregation: .latest,
        direction: .higherIsBetter, category: .capability, summary: "Systems engineers holding a current certification.")
    public static let certifiedEngineersPercent = Metric(
        key: "certified_engineers_pct", name: "Certified engineers (%)", unit: .percent, aggregation: .latest,
        direction: .higherIsBetter, category: .capability, summary: "Share of the partner's engineers certified.")
    public static let certificationsEarned = Metric(
        key: "certifications_earned", name: "Certifications earned", unit: .count, aggregation: .sum,
        direction: .higherIsBetter, category: .capability, summary: "Certifications passed in the period.")
    public static let enablementChecklist = Metric(
        key: "enablement_checklist", name: "Enablement checklist", unit: .percent, aggregation: .checklist,
        direction: .higherIsBetter, category: .capability, summary: "Share of the onboarding checklist done.")
    public static let marketingCampaigns = Metric(
        key: "marketing_campaigns", name: "Marketing campaigns run", unit: .count, aggregation: .sum,
        direction: .higherIsBetter, category: .activity, summary: "Joint or partner-led campaigns run.")
    public static let customerSatisfaction = Metric(
        key: "customer_satisfaction", name: "Customer satisfaction", unit: .score, aggregation: .average,
        direction: .higherIsBetter, category: .customer, summary: "Mean survey score (0–10).")
    public static let averageDiscount = Metric(
        key: "average_discount", name: "Average discount", unit: .percent, aggregation: .average,
        direction: .lowerIsBetter, category: .revenue, summary: "Mean discount granted on deals; lower is better.")
    public static let renewalRate = Metric(
        key: "renewal_rate", name: "Renewal rate", unit: .percent, aggregation: .latest,
        direction: .higherIsBetter, category: .customer, summary: "Share of due subscriptions renewed.")
    public static let mdfDelivered = Metric(
        key: "mdf_delivered", name: "MDF delivered", unit: .currency, aggregation: .sum,
        direction: .higherIsBetter, category: .vendorCommitment, summary: "Market development funds paid out by the vendor.")
    public static let enablementSessions = Metric(
        key: "enablement_sessions", name: "Enablement sessions delivered", unit: .count, aggregation: .sum,
        direction: .higherIsBetter, category: .vendorCommitment, summary: "Trainings and workshops the vendor held.")
    public static let leadsPassed = Metric(
        key: "leads_passed", name: "Leads passed", unit: .count, aggregation: .sum,
        direction: .higherIsBetter, category: .vendorCommitment, summary: "Qualified leads the vendor handed over.")

    public static let all: [Metric] = [
        revenue, newCustomers, dealRegistrations, pipelineValue, certifiedEngineers, certifiedEngineersPercent,
        certificationsEarned, enablementChecklist, marketingCampaigns, customerSatisfaction, averageDiscount,
        renewalRate, mdfDelivered, enablementSessions, leadsPassed,
    ]
}

/// A program's own metric definition is checked before it is saved.
public enum MetricDefinitionError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidKey(String)
    case emptyName
    case salesSourceNeedsMatchingAggregation

    public var description: String {
        switch self {
        case .invalidKey(let key):
            "metric key '\(key)' must be 2–40 characters of lowercase letters, digits and underscores, starting with a letter"
        case .emptyName: "a metric needs a name"
        case .salesSourceNeedsMatchingAggregation:
            "sales-fed metrics are built in; a program's own metric is fed by activity records"
        }
    }
}

extension Metric {
    /// Validates a program-defined metric (DOMAIN §4: programs may add their own).
    public func validatedAsCustom() throws(MetricDefinitionError) -> Metric {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789_")
        guard (2...40).contains(key.count), key.first?.isLetter == true, key.allSatisfy(allowed.contains) else {
            throw .invalidKey(key)
        }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw .emptyName }
        guard source == .activity else { throw .salesSourceNeedsMatchingAggregation }
        return self
    }
}
