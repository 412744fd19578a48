import Foundation

/// Realistic sizing (DOMAIN §5.5): what a proposed goal is grounded in — the partner's recent growth on the metric,
/// the headroom its share of wallet and trained engineers imply — and the range that supports: from the smallest
/// target the improvement rule accepts to what recent growth and headroom make realistic. A suggestion to discuss;
/// `ImprovementRule` alone decides what is accepted, so a bolder target is never refused for being above it.
public struct RealisticSizing: Hashable, Sendable {
    /// The metric over the twelve months before the partner's current quarter against the twelve months before those.
    public struct Growth: Hashable, Sendable {
        public let recent: Int64
        public let earlier: Int64
        /// Twelve months ending here (exclusive): the first day of the partner's current quarter.
        public let recentEnd: Day

        public init(recent: Int64, earlier: Int64, recentEnd: Day) {
            self.recent = recent
            self.earlier = earlier
            self.recentEnd = recentEnd
        }

        /// Change of the recent twelve months over the earlier ones, as a fraction; nil when the earlier is zero.
        public var rate: Double? { earlier > 0 ? Double(recent) / Double(earlier) - 1 : nil }

        /// Which periods it compares, in words.
        public var compared: String {
            "the 12 months to \(recentEnd.advanced(by: -1).readable) against the 12 months before"
        }

        /// The twelve-month windows for a partner whose current quarter starts at `quarterStart`.
        public static func windows(quarterStart: Day) -> (recent: (Day, Day), earlier: (Day, Day)) {
            let yearAgo = quarterStart.firstOfMonth(addingMonths: -12)
            return ((yearAgo, quarterStart), (quarterStart.firstOfMonth(addingMonths: -24), yearAgo))
        }
    }

    /// How much more the partner can do on the metric, in the metric's minor units over the goal's period.
    public struct Headroom: Hashable, Sendable {
        public let amount: Int64
        public let explanation: String
    }

    public let growth: Growth?
    public let headroom: Headroom?
    /// The suggested range; nil without a baseline (no history: nothing to size from).
    public let range: ClosedRange<Int64>?
    /// Why the range ends where it does.
    public let explanation: String

    /// `yearShare`: the goal period's share of its year (seasonality-weighted), to scale yearly capacity.
    public init(
        metric: Metric, baseline: Baseline?, smallestAcceptable: Int64?, growth: Growth?, capacity: CapacityProfile?,
        yearShare: Double, currency: Currency
    ) {
        self.growth = growth
        let headroom = Self.headroom(metric: metric, baseline: baseline?.value, capacity: capacity, yearShare: yearShare)
        self.headroom = headroom
        guard let baseline = baseline?.value, let low = smallestAcceptable else {
            range = nil
            explanation = "No history yet: there is no baseline to size the goal from. Ground it in the plan and the partner's capacity."
            return
        }
        let better = metric.direction == .higherIsBetter
        // The recent improvement rate in the metric's direction (a falling discount improves a lower-is-better goal).
        let improvement = growth?.rate.map { better ? $0 : -$0 }
        var ends: [Int64] = []
        var reasons: [String] = []
        if let improvement, improvement > 0 {
            let step = Figures.roundedOrZero(Double(baseline) * improvement)
            ends.append(better ? Figures.add(baseline, step) : max(0, Figures.subtract(baseline, step)))
            reasons.append("recent growth of \(Self.percent(growth?.rate ?? 0)) (\(growth?.compared ?? ""))")
        } else if let rate = growth?.rate {
            reasons.append("no recent improvement (\(Self.percent(rate)), \(growth?.compared ?? ""))")
        } else {
            reasons.append("no recent growth to go by")
        }
        if better, let headroom {
            let cap = Figures.add(baseline, headroom.amount)
            // Growth bounded by headroom; a partner without an earlier year to compare with has its headroom to go by.
            ends = ends.isEmpty ? (growth?.rate == nil ? [cap] : []) : ends.map { min($0, cap) }
            reasons.append("headroom of \(metric.format(headroom.amount, currency: currency)) (\(headroom.explanation))")
        }
        let realistic = ends.first.map { Self.rounded($0, metric: metric, better: better) }
        let high = realistic.map { better ? max($0, low) : min($0, low) } ?? low
        range = better ? low...high : high...low
        explanation =
            high == low
            ? "The smallest acceptable target is also the realistic end: " + reasons.joined(separator: "; ")
                + ". A bolder goal is welcome; say what will make it happen."
            : "From the smallest acceptable target to what " + reasons.joined(separator: " and ") + " support."
    }

    /// Yearly capacity scaled to the period for totals; levels have their headroom whole.
    static func headroom(metric: Metric, baseline: Int64?, capacity: CapacityProfile?, yearShare: Double) -> Headroom? {
        guard let capacity, metric.direction == .higherIsBetter else { return nil }
        let untrained = capacity.engineers - capacity.certifiedEngineers
        let share = min(max(yearShare, 0), 1)
        switch (metric.category, metric.key) {
        case (.revenue, _) where metric.unit == .currency && metric.aggregation.accumulates:
            // With every engineer trained at today's productivity, capped by the partner's whole wallet.
            guard let trained = capacity.trainedShare, trained > 0, capacity.companyRevenue > 0 else { return nil }
            let potential = min(Double(capacity.vendorRevenueTTM) / trained, Double(capacity.companyRevenue))
            let yearly = max(0, potential - Double(capacity.vendorRevenueTTM))
            return Headroom(
                amount: Figures.roundedOrZero(yearly * share),
                explanation: "share of wallet \(Self.percent(capacity.shareOfWallet ?? 0, signed: false)), "
                    + "\(Self.percent(trained, signed: false)) of engineers certified")
        case (_, MetricCatalog.certifiedEngineers.key):
            return Headroom(
                amount: Figures.multiply(Int64(untrained), Metric.oneUnit),
                explanation: "\(untrained) of \(capacity.engineers) engineers not yet certified")
        case (_, MetricCatalog.certifiedEngineersPercent.key):
            guard let trained = capacity.trainedShare else { return nil }
            return Headroom(
                amount: Figures.roundedOrZero((1 - trained) * 10_000),
                explanation: "\(untrained) of \(capacity.engineers) engineers not yet certified")
        case (_, MetricCatalog.certificationsEarned.key):
            return Headroom(
                amount: Figures.multiply(Figures.roundedUp(Double(untrained) * share), Metric.oneUnit),
                explanation: "\(untrained) of \(capacity.engineers) engineers not yet certified, over the period's part of the year")
        default:
            return nil
        }
    }

    /// Realistic ends are figures to talk about: whole units for counts, whole hundreds of the currency for money.
    static func rounded(_ value: Int64, metric: Metric, better: Bool) -> Int64 {
        let unit: Int64 =
            switch metric.unit {
            case .currency: value >= 1_000_000_00 ? 1_000_00 : 100_00
            case .count: Metric.oneUnit
            case .percent, .score: 1
            }
        let down = value / unit * unit
        return better ? down : (down == value ? down : Figures.add(down, unit))
    }

    static func percent(_ ratio: Double, signed: Bool = true) -> String { ReadableNumber.percent(ratio, signed: signed) }
}

extension RealisticSizing {
    /// How far from its history a target may be before its proposer is asked whether they mean it (§5.5): a hundred
    /// times the baseline, or a hundredth of it where lower is better. Such a target is more often a wrong metric or
    /// a typo than an ambition; it is asked about, never refused.
    public static let farFactor = 100.0

    public static func isFarFromHistory(_ target: Int64, baseline: Baseline?, metric: Metric) -> Bool {
        guard let value = baseline?.value, value > 0 else { return false }
        switch metric.direction {
        case .higherIsBetter: return Double(target) > Double(value) * farFactor
        case .lowerIsBetter: return Double(target) * farFactor < Double(value)
        }
    }
}
