import Foundation

/// A goal is something not yet attained (DOMAIN §5.1): its target must beat the baseline by
/// the program's minimum improvement, and beat any target the partner already achieved on the metric.
public struct ImprovementRule: Hashable, Sendable {
    /// Fraction of the baseline a target must improve by; 0 means any strict improvement.
    public let minimumImprovement: Double

    public init(minimumImprovement: Double = 0) {
        self.minimumImprovement = max(0, minimumImprovement)
    }

    /// The least-good target that still satisfies the rule, or nil when nothing constrains it.
    public func smallestAcceptableTarget(metric: Metric, baseline: Baseline?, bestAchievedTarget: Int64?) -> Int64? {
        var bounds: [Int64] = []
        if let baseline {
            let factor = metric.direction == .higherIsBetter ? 1 + minimumImprovement : 1 - minimumImprovement
            let threshold = Double(baseline.value) * factor
            // Strictly better than the threshold, in whole minor units.
            bounds.append(
                metric.direction == .higherIsBetter
                    ? max(Figures.add(Figures.roundedDown(threshold), 1), Figures.add(baseline.value, 1))
                    : min(Figures.subtract(Figures.roundedUp(threshold), 1), Figures.subtract(baseline.value, 1)))
        }
        if let achieved = bestAchievedTarget {
            bounds.append(metric.direction == .higherIsBetter ? Figures.add(achieved, 1) : Figures.subtract(achieved, 1))
        }
        guard !bounds.isEmpty else { return nil }
        let least = metric.direction == .higherIsBetter ? bounds.max()! : bounds.min()!
        // Counts move in whole units: 16 registrations, not 15.01.
        guard metric.unit == .count else { return least }
        let whole = Metric.oneUnit
        return metric.direction == .higherIsBetter
            ? Figures.multiply(Figures.add(least, whole - 1) / whole, whole)
            : (least >= 0 ? least / whole * whole : Figures.multiply(Figures.subtract(least, whole - 1) / whole, whole))
    }

    /// Throws a message that states the baseline when `target` does not improve on it.
    public func check(
        target: Int64, metric: Metric, baseline: Baseline?, bestAchievedTarget: Int64?, currency: Currency
    ) throws(GoalRuleError) {
        guard target >= 0 else { throw .negativeTarget }
        try Self.checkBounds(target, metric: metric, currency: currency)
        if metric.unit == .count, target % Metric.oneUnit != 0 { throw .wholeNumberRequired(metric.name) }
        if metric.direction == .higherIsBetter, baseline == nil, bestAchievedTarget == nil, target == 0 {
            throw .zeroTarget(metric.name)
        }
        guard let least = smallestAcceptableTarget(metric: metric, baseline: baseline, bestAchievedTarget: bestAchievedTarget)
        else { return }
        guard !metric.meets(target, least) else { return }
        if metric.direction == .lowerIsBetter && least < 0 {
            throw .cannotImprove(metric: metric.name, baseline: metric.format(baseline?.value ?? 0, currency: currency))
        }
        let shown = { (value: Int64) in metric.format(value, currency: currency) }
        if let baseline, !metric.beatsWithMinimum(target, baseline.value, minimumImprovement) {
            throw .doesNotBeatBaseline(
                metric: metric.name, target: shown(target), baseline: shown(baseline.value),
                explanation: baseline.explanation, minimumImprovement: minimumImprovement,
                smallestAcceptable: shown(least))
        }
        throw .doesNotBeatAchievedTarget(
            metric: metric.name, target: shown(target), achieved: shown(bestAchievedTarget ?? least),
            smallestAcceptable: shown(least))
    }
}

extension ImprovementRule {
    /// Every target stays within `FigureLimits`, so no sum or comparison over targets can leave Int64.
    static func checkBounds(_ target: Int64, metric: Metric, currency: Currency) throws(GoalRuleError) {
        let largest = FigureLimits.largestFigure(metric.unit, currency: currency)
        guard target <= largest else { throw .targetTooLarge(largest: metric.format(largest, currency: currency)) }
    }
}

extension Metric {
    fileprivate func beatsWithMinimum(_ target: Int64, _ baseline: Int64, _ minimum: Double) -> Bool {
        let factor = direction == .higherIsBetter ? 1 + minimum : 1 - minimum
        let threshold = Double(baseline) * factor
        return direction == .higherIsBetter
            ? Double(target) > threshold && target > baseline : Double(target) < threshold && target < baseline
    }
}
