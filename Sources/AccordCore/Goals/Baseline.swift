/// What a goal must improve on, computed from history, never typed (DOMAIN §5.1).
public struct Baseline: Hashable, Codable, Sendable {
    public let value: Int64
    public let source: Source

    public init(value: Int64, source: Source) {
        self.value = value
        self.source = source
    }

    public enum Source: Hashable, Codable, Sendable {
        /// The actual of the same period one fiscal year earlier.
        case samePeriodLastYear(label: String)
        /// The best value ever reached before the period.
        case bestEver
    }

    /// Words for messages: "the actual of FY2026 Q2".
    public var explanation: String {
        switch source {
        case .samePeriodLastYear(let label): "the actual of \(label)"
        case .bestEver: "the best value reached so far"
        }
    }
}

/// The history a baseline is computed from; the store gathers it, this decides.
public struct BaselineHistory: Sendable {
    /// The actual of the same period one fiscal year earlier (nil for an average with no values in it).
    public let priorYearActual: Int64?
    /// Whether any fact for this metric and partner exists before the end of that prior-year period.
    public let hasHistoryBeforePriorYearEnd: Bool
    /// The best value reached before the goal's period starts (latest-value and checklist metrics).
    public let bestEver: Int64?

    public init(priorYearActual: Int64?, hasHistoryBeforePriorYearEnd: Bool, bestEver: Int64?) {
        self.priorYearActual = priorYearActual
        self.hasHistoryBeforePriorYearEnd = hasHistoryBeforePriorYearEnd
        self.bestEver = bestEver
    }

    /// The rule of §5.1: sums, counts and averages compare with the same period a year earlier;
    /// levels (latest value, checklist) with the best ever reached. No history, no baseline: a year-earlier period
    /// that has not ended by `today` (a goal more than a year ahead) has no actual yet, and a partner with no fact
    /// before its end has none to compare with — the baseline is absent then, never zero.
    public func baseline(for metric: Metric, period: Period, today: Day) -> Baseline? {
        switch metric.aggregation {
        case .sum, .distinctCount, .average:
            guard hasHistoryBeforePriorYearEnd, period.oneYearEarlier.end <= today else { return nil }
            let fallback: Int64? = metric.aggregation == .average ? nil : 0
            guard let value = priorYearActual ?? fallback else { return nil }
            return Baseline(value: value, source: .samePeriodLastYear(label: period.oneYearEarlier.label))
        case .latest, .checklist:
            return bestEver.map { Baseline(value: $0, source: .bestEver) }
        }
    }
}
