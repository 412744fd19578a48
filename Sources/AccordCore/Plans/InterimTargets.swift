import Foundation

/// Interim targets derived from a long-term objective (DOMAIN §10): a compound-growth path from today's level
/// to the objective at the horizon end, shaped by seasonality, in the partner's calendar. Suggestions only:
/// each still goes through the goal agreement of §5.2.
public enum InterimTargets {
    public struct Suggestion: Hashable, Sendable {
        public let period: Period
        public let target: Int64
        /// The baseline the suggestion was checked against (§5.1), when there is history.
        public let baseline: Baseline?
        /// True when the growth path fell short of the improvement rule and the suggestion was raised to its minimum.
        public let raisedToImprovementMinimum: Bool
    }

    /// For summing metrics the objective is the total of the horizon's last fiscal year (e.g. revenue in FY2030);
    /// `startValue` is the total of the last full year before the horizon. Each year grows by the same factor,
    /// and a year's total is split over its periods by their seasonal weight. The last year adds up to the
    /// objective exactly.
    ///
    /// For level metrics (latest value, average, checklist) the objective is the level at the horizon end and
    /// `startValue` today's level; the path compounds period by period and ends exactly on the objective.
    ///
    /// `baselines` gives each period's baseline; a suggestion that would not beat it is raised to the rule's minimum.
    public static func suggest(
        metric: Metric, objective: Int64, startValue: Int64, calendar: FiscalCalendar, firstFiscalYear: Int, horizonYears: Int,
        periodKind: PeriodKind, seasonality: SeasonalityProfile, rule: ImprovementRule, baselines: [Period: Baseline]
    ) -> [Suggestion] {
        guard horizonYears >= 1, objective > 0 else { return [] }
        let years = (0..<horizonYears).map { firstFiscalYear + $0 }
        var raw: [(Period, Int64)] = []
        if metric.aggregation.accumulates {
            let start = Double(max(startValue, 1))
            let growth = pow(Double(objective) / start, 1 / Double(horizonYears))
            for (index, fiscalYear) in years.enumerated() {
                let yearTotal =
                    index == years.count - 1 ? objective : Figures.roundedOrZero(start * pow(growth, Double(index + 1)))
                raw += split(yearTotal, over: calendar.periods(periodKind, inFiscalYear: fiscalYear), seasonality: seasonality)
            }
        } else {
            let periods = years.flatMap { calendar.periods(periodKind, inFiscalYear: $0) }
            let start = Double(max(startValue, 1))
            let growth = pow(Double(objective) / start, 1 / Double(periods.count))
            for (index, period) in periods.enumerated() {
                raw.append(
                    (period, index == periods.count - 1 ? objective : Figures.roundedOrZero(start * pow(growth, Double(index + 1)))))
            }
        }
        return raw.map { period, target in
            let baseline = baselines[period]
            guard let least = rule.smallestAcceptableTarget(metric: metric, baseline: baseline, bestAchievedTarget: nil),
                metric.beats(least, target)
            else {
                return Suggestion(period: period, target: wholeUnits(target, metric), baseline: baseline, raisedToImprovementMinimum: false)
            }
            return Suggestion(period: period, target: least, baseline: baseline, raisedToImprovementMinimum: true)
        }
    }

    /// Splits a year's total over its periods by seasonal weight; rounding goes to the last period so the parts add up.
    static func split(_ total: Int64, over periods: [Period], seasonality: SeasonalityProfile) -> [(Period, Int64)] {
        let weights = periods.map { seasonality.weight(from: $0.start, to: $0.end) }
        let sum = weights.reduce(0, +)
        var parts = weights.map { Figures.roundedDown(Double(total) * $0 / max(sum, .leastNonzeroMagnitude)) }
        parts[parts.count - 1] = Figures.add(parts[parts.count - 1], Figures.subtract(total, Figures.sum(parts)))
        return Array(zip(periods, parts))
    }

    static func wholeUnits(_ value: Int64, _ metric: Metric) -> Int64 {
        metric.unit == .count ? Figures.multiply(Figures.add(value, Metric.oneUnit - 1) / Metric.oneUnit, Metric.oneUnit) : value
    }
}
