/// Where a goal stands against where it should be by now (DOMAIN §6).
public enum PacingStatus: String, Codable, Sendable, CaseIterable {
    case notStarted = "not_started"
    case achieved
    case onTrack = "on_track"
    case atRisk = "at_risk"
    case behind

    public var label: String {
        switch self {
        case .notStarted: "Not started"
        case .achieved: "Achieved"
        case .onTrack: "On track"
        case .atRisk: "At risk"
        case .behind: "Behind"
        }
    }
}

public struct Pacing: Hashable, Codable, Sendable {
    /// Share of the period's (seasonality-weighted) time elapsed, 0–1.
    public let elapsedShare: Double
    /// Where the actual should be by now.
    public let expectedToDate: Double
    public let status: PacingStatus
    /// Projected actual at period end from the run-rate, shaped by seasonality.
    public let forecast: Double?

    /// Pacing as it was computed and stored; `evaluate` computes it.
    public init(elapsedShare: Double, expectedToDate: Double, status: PacingStatus, forecast: Double?) {
        self.elapsedShare = elapsedShare
        self.expectedToDate = expectedToDate
        self.status = status
        self.forecast = forecast
    }

    /// Pacing of one goal through the end of `asOf` (DOMAIN §6).
    ///
    /// Sums and counts accumulate: expected-to-date is the target times the elapsed share. Levels
    /// (averages, latest values, checklists) are expected to move from the baseline to the target
    /// along the same share.
    public static func evaluate(
        metric: Metric, target: Int64, baseline: Int64?, actual: Int64?, period: Period, asOf: Day,
        profile: SeasonalityProfile, atRiskThreshold: Double = 0.8
    ) -> Pacing {
        let share = profile.elapsedShare(of: period, through: asOf)
        let expected: Double
        if metric.aggregation.accumulates {
            expected = Double(target) * share
        } else {
            let from = Double(baseline ?? (metric.aggregation == .checklist ? 0 : target))
            expected = from + (Double(target) - from) * share
        }
        let forecast: Double? =
            if let actual { metric.aggregation.accumulates ? (share > 0 ? Double(actual) / share : nil) : Double(actual) } else { nil }
        let status: PacingStatus
        if asOf < period.start {
            status = .notStarted
        } else if let actual, metric.direction == .higherIsBetter || asOf >= period.end || !metric.aggregation.accumulates,
            metric.meets(actual, target)
        {
            // A lower-is-better total can only be judged achieved once its period is over.
            status = .achieved
        } else {
            let value = Double(actual ?? 0)
            let threshold = min(max(atRiskThreshold, 0), 1)
            switch metric.direction {
            case .higherIsBetter:
                status = value >= expected ? .onTrack : (value >= expected * threshold ? .atRisk : .behind)
            case .lowerIsBetter:
                status =
                    actual == nil
                    ? .onTrack
                    : value <= expected ? .onTrack : (value * threshold <= expected ? .atRisk : .behind)
            }
        }
        return Pacing(elapsedShare: share, expectedToDate: expected, status: status, forecast: forecast)
    }

    /// The expected line of any goal over its period, for charts: sums grow from zero to the target, levels move
    /// from the baseline to the target, both shaped by the seasonality profile (the same path `evaluate` uses).
    public static func expectedCurve(
        metric: Metric, target: Int64, baseline: Int64?, period: Period, profile: SeasonalityProfile, step: Int = 7
    ) -> [(day: Day, expected: Double)] {
        let sums = expectedCurve(target: target, period: period, profile: profile, step: step)
        guard !metric.aggregation.accumulates else { return sums }
        let from = Double(baseline ?? (metric.aggregation == .checklist ? 0 : target))
        return sums.map { point in (point.day, from + (Double(target) - from) * point.expected / Double(max(target, 1))) }
    }

    /// The expected cumulative line over a period, one point per `step` days, for charts.
    public static func expectedCurve(target: Int64, period: Period, profile: SeasonalityProfile, step: Int = 7)
        -> [(day: Day, expected: Double)]
    {
        var points: [(Day, Double)] = [(period.start, 0)]
        var day = period.start.advanced(by: step - 1)
        while day < period.end.advanced(by: -1) {
            points.append((day, Double(target) * profile.elapsedShare(of: period, through: day)))
            day = day.advanced(by: step)
        }
        points.append((period.end.advanced(by: -1), Double(target)))
        return points
    }
}

extension PacingStatus {
    /// What needs attention first: behind, then at risk, on track, achieved, not started. A partner's status is the
    /// worst of its live goals'; lists sort by it.
    public var attentionRank: Int {
        switch self {
        case .behind: 0
        case .atRisk: 1
        case .onTrack: 2
        case .achieved: 3
        case .notStarted: 4
        }
    }

    /// The status that needs attention first, nil for none.
    public static func worst(_ statuses: some Sequence<PacingStatus>) -> PacingStatus? {
        statuses.min { $0.attentionRank < $1.attentionRank }
    }
}
