/// A goal with everything a scorecard shows about it (DOMAIN §6).
public struct GoalProgress: Sendable {
    public let goal: Goal
    public let metric: Metric
    public let actual: Int64?
    public let attainment: Double?
    public let improvementProgress: Double?
    public let pacing: Pacing

    /// Computes attainment, improvement progress and pacing of a goal as of the end of `asOf`.
    public init(goal: Goal, metric: Metric, actual: Int64?, asOf: Day, settings: ProgramSettings) {
        // Plain locals first: the release optimizer of Swift 6.3.1 crashes (CopyPropagation) when the closures
        // below read `goal.baseline?.value` themselves.
        let target = goal.target
        let baseline = goal.baseline?.value
        let direction = metric.direction
        self.goal = goal
        self.metric = metric
        self.actual = actual
        attainment = actual.flatMap { Attainment.ratio(actual: $0, target: target, direction: direction) }
        improvementProgress = actual.flatMap { Attainment.improvementProgress(actual: $0, baseline: baseline, target: target) }
        pacing = Pacing.evaluate(
            metric: metric, target: target, baseline: baseline, actual: actual, period: goal.period,
            asOf: asOf, profile: settings.seasonality, atRiskThreshold: settings.atRiskThreshold)
    }
}
