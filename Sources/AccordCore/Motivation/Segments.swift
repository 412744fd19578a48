import Foundation

/// Achievers, believers, deceivers and exit candidates (DOMAIN §8).
public enum Segment: String, Codable, Sendable, CaseIterable {
    /// High commitment, high performance.
    case achiever
    /// High commitment, low performance: the one to help with the missing ingredient.
    case believer
    /// Low commitment, whatever it says or sells.
    case deceiver
    /// Low on both: manage up or manage out.
    case exitCandidate = "exit_candidate"

    /// Thresholds default to 50/50 and can be changed by the program.
    public static func classify(
        commitment: Double, performance: Double, commitmentThreshold: Double = 50, performanceThreshold: Double = 50
    ) -> Segment {
        switch (commitment >= commitmentThreshold, performance >= performanceThreshold) {
        case (true, true): .achiever
        case (true, false): .believer
        case (false, true): .deceiver
        case (false, false): .exitCandidate
        }
    }
}

/// The inputs of a partner's two scores for one period (DOMAIN §8), each 0–1 where it is a share.
public struct SegmentInputs: Sendable {
    /// Goals agreed ÷ goals agreed, declined or left to lapse.
    public var agreedShare: Double
    public var hasCurrentPlan: Bool
    /// Reviews held ÷ reviews due.
    public var reviewsHeldShare: Double
    /// Mean improvement progress of activity and capability goals (clamped 0–1); nil when there are none to act on.
    public var activityProgress: Double?
    /// Mean attainment of agreed goals (capped at 1.5).
    public var attainment: Double
    /// Revenue growth over the baseline, as a fraction (0.2 = 20 %).
    public var revenueGrowth: Double

    public init(
        agreedShare: Double, hasCurrentPlan: Bool, reviewsHeldShare: Double, activityProgress: Double?, attainment: Double,
        revenueGrowth: Double
    ) {
        self.agreedShare = agreedShare
        self.hasCurrentPlan = hasCurrentPlan
        self.reviewsHeldShare = reviewsHeldShare
        self.activityProgress = activityProgress
        self.attainment = attainment
        self.revenueGrowth = revenueGrowth
    }

    /// Measures one partner for one period (DOMAIN §8). `goals` are the partner's goals of the period; `reviews` those
    /// due in the year up to it; `lines` the progress of its committed goals; revenue in the period and the same days a
    /// year earlier. A refused goal is a declined one or a proposal left to lapse; withdrawn goals count for nothing.
    /// Measures a partner's inputs from the goals of the period (their maintained standings, DOMAIN §6) and the rest.
    public static func measure(
        goals: [GoalStanding], metrics: [String: Metric], now: Date, hasCurrentPlan: Bool, reviews: [Review], revenue: Int64,
        revenueYearEarlier: Int64
    ) -> SegmentInputs {
        let committed = goals.filter { $0.status.isCommitted }
        let refused = goals.filter { $0.status == .declined || $0.isLapsed(now: now) }.count
        let lines = committed.compactMap { goal in metrics[goal.metricKey].map { (goal, $0) } }
        let activity = lines.filter { $0.1.category == .activity || $0.1.category == .capability }
        func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
        return SegmentInputs(
            agreedShare: committed.count + refused > 0 ? Double(committed.count) / Double(committed.count + refused) : 0,
            hasCurrentPlan: hasCurrentPlan,
            // No review due yet: an agreed plan stands for the reviews it schedules.
            reviewsHeldShare: reviews.isEmpty
                ? (hasCurrentPlan ? 1 : 0) : Double(reviews.filter { $0.heldOn != nil }.count) / Double(reviews.count),
            activityProgress: activity.isEmpty ? nil : mean(activity.map { $0.0.status == .achieved ? 1 : clamp($0.0.progressOnPace) }),
            attainment: mean(lines.map { min($0.0.attainmentOnPace(metric: $0.1) ?? 0, 1.5) }),
            revenueGrowth: revenueYearEarlier > 0
                ? Double(revenue - revenueYearEarlier) / Double(revenueYearEarlier) : (revenue > 0 ? 1 : 0))
    }

    public static func clamp(_ value: Double, _ range: ClosedRange<Double> = 0...1) -> Double {
        min(max(value.isFinite ? value : 0, range.lowerBound), range.upperBound)
    }

    /// Commitment 0–100: agreeing to goals weighs most, then acting on them, then the plan and its reviews.
    /// Without activity goals to act on, the other inputs carry the score.
    public var commitment: Double {
        var weighted = 0.4 * Self.clamp(agreedShare) + 0.15 * (hasCurrentPlan ? 1 : 0) + 0.15 * Self.clamp(reviewsHeldShare)
        var weights = 0.7
        if let activityProgress {
            weighted += 0.3 * Self.clamp(activityProgress)
            weights += 0.3
        }
        return 100 * weighted / weights
    }

    /// Performance 0–100: attainment of agreed goals, and revenue growth over the baseline (+25 % counts in full).
    public var performance: Double {
        100 * (0.7 * Self.clamp(attainment / 1.0) + 0.3 * Self.clamp(revenueGrowth / 0.25))
    }
}

/// What keeps a believer from the achievers' numbers (DOMAIN §8): the activity or capability metric where the
/// believer is furthest behind the median of achievers of similar size and the same business model.
public enum MissingIngredient {
    public struct Finding: Hashable, Sendable {
        public let metricKey: String
        public let believerValue: Int64
        public let achieverMedian: Int64
        /// Believer ÷ achievers' median: 0.25 means a quarter of what achievers do.
        public let ratio: Double
        public let peers: Int
    }

    /// `believer` and `achievers` map metric keys to the period's actuals; only metrics the achievers have count.
    public static func find(believer: [String: Int64], achievers: [[String: Int64]]) -> Finding? {
        guard !achievers.isEmpty else { return nil }
        let keys = Set(achievers.flatMap(\.keys))
        return keys.compactMap { key -> Finding? in
            let values = achievers.compactMap { $0[key] }.sorted()
            guard !values.isEmpty else { return nil }
            let median = values.count % 2 == 1 ? values[values.count / 2] : (values[values.count / 2 - 1] + values[values.count / 2]) / 2
            guard median > 0 else { return nil }
            let mine = believer[key] ?? 0
            return Finding(
                metricKey: key, believerValue: mine, achieverMedian: median, ratio: Double(mine) / Double(median), peers: values.count)
        }
        .filter { $0.ratio < 1 }
        .min { ($0.ratio, $0.metricKey) < ($1.ratio, $1.metricKey) }
    }

    /// Partners of similar size: revenue within a factor of `spread` of the believer's, and the same business model.
    public static func peers(
        of believer: (model: BusinessModel, revenue: Int64), among others: [(model: BusinessModel, revenue: Int64)], spread: Double = 3
    ) -> [Int] {
        others.indices.filter { i in
            let other = others[i]
            guard other.model == believer.model, believer.revenue > 0, other.revenue > 0 else { return false }
            let ratio = Double(other.revenue) / Double(believer.revenue)
            return ratio <= spread && ratio >= 1 / spread
        }
    }
}

/// Where high commitment and high performance begin (DOMAIN §8: 50/50 unless the program says otherwise).
public struct SegmentThresholds: Hashable, Codable, Sendable {
    public var commitment: Double
    public var performance: Double

    public init(commitment: Double = 50, performance: Double = 50) {
        self.commitment = commitment
        self.performance = performance
    }

    public func classify(commitment score: Double, performance perf: Double) -> Segment {
        Segment.classify(commitment: score, performance: perf, commitmentThreshold: commitment, performanceThreshold: performance)
    }
}

extension Segment {
    public var label: String {
        switch self {
        case .achiever: "Achiever"
        case .believer: "Believer"
        case .deceiver: "Deceiver"
        case .exitCandidate: "Exit candidate"
        }
    }

    /// What the vendor does about it.
    public var advice: String {
        switch self {
        case .achiever: "Recognise and reward; ask what works."
        case .believer: "Committed but not yet performing: supply the missing ingredient."
        case .deceiver: "Agrees to little or does not act on what it agreed: talk about commitment before targets."
        case .exitCandidate: "Low on both: manage up or manage out."
        }
    }
}

/// A partner's two scores and segment for one vendor period, kept as history (DOMAIN §8).
public struct SegmentSnapshot: Hashable, Codable, Sendable {
    public let partnerID: UUID
    /// The vendor period's label and first day.
    public let period: String
    public let periodStart: Day
    public let commitment: Double
    public let performance: Double
    public let segment: Segment

    public init(partnerID: UUID, period: String, periodStart: Day, commitment: Double, performance: Double, segment: Segment) {
        self.partnerID = partnerID
        self.period = period
        self.periodStart = periodStart
        self.commitment = commitment
        self.performance = performance
        self.segment = segment
    }
}

extension GoalStanding {
    /// Attainment for the performance score: a goal still running counts by its forecast, so a partner is not
    /// low-performing merely because the quarter is young (DOMAIN §8).
    public func attainmentOnPace(metric: Metric) -> Double? {
        let pacing = figures.pacing
        guard !status.isFinal, pacing.elapsedShare < 1, metric.aggregation.accumulates, metric.direction == .higherIsBetter,
            let forecast = pacing.forecast, target > 0
        else { return figures.attainment }
        return forecast / Double(target)
    }

    /// Progress of an activity goal for the commitment score: against where it should be by now while it runs.
    public var progressOnPace: Double {
        let pacing = figures.pacing
        guard !status.isFinal, pacing.elapsedShare < 1, pacing.expectedToDate > 0 else {
            return figures.improvementProgress ?? figures.attainment ?? 0
        }
        return Double(actual ?? 0) / pacing.expectedToDate
    }
}
