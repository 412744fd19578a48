/// A goal with everything a scorecard shows about it (DOMAIN §6).
public struct GoalProgress: Sendable {
    public let goal: Goal
    public let metric: Metric
    public let actual: Int64?
    public let attainment: Double?
    public let improvementProgress: Double?
    public let pacing: Pacing

    /// Computes attainment, improvement progress and pacing of a goal as of the end of `asOf`; `region` is the
    /// partner's, whose seasonality profile shapes the pacing.
    public init(goal: Goal, metric: Metric, actual: Int64?, asOf: Day, settings: ProgramSettings, region: String?) {
        let figures = ProgressFigures(
            metric: metric, target: goal.target, baseline: goal.baseline?.value, actual: actual, period: goal.period, asOf: asOf,
            settings: settings, region: region)
        self.goal = goal
        self.metric = metric
        self.actual = actual
        attainment = figures.attainment
        improvementProgress = figures.improvementProgress
        pacing = figures.pacing
    }
}

/// The one computation of a goal's figures from its terms and its actual (DOMAIN §6): the partner page, the API, the
/// maintained goal progress (`GoalStanding`) and its day-by-day refresh all call it.
public struct ProgressFigures: Hashable, Sendable {
    public let attainment: Double?
    public let improvementProgress: Double?
    public let pacing: Pacing

    public init(
        metric: Metric, target: Int64, baseline: Int64?, actual: Int64?, period: Period, asOf: Day, settings: ProgramSettings,
        region: String?
    ) {
        // Plain locals first: the release optimizer of Swift 6.3.1 crashes (CopyPropagation) when the closures
        // below read optional members themselves.
        let direction = metric.direction
        attainment = actual.flatMap { Attainment.ratio(actual: $0, target: target, direction: direction) }
        improvementProgress = actual.flatMap { Attainment.improvementProgress(actual: $0, baseline: baseline, target: target) }
        pacing = Pacing.evaluate(
            metric: metric, target: target, baseline: baseline, actual: actual, period: period, asOf: asOf,
            profile: settings.seasonality(region: region), atRiskThreshold: settings.atRiskThreshold)
    }
}
