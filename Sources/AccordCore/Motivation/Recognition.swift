import Foundation

/// Recognition (DOMAIN §7): a badge per achievement, a wall of recent ones, and a leaderboard of improvement.
public enum Recognition {
    public struct Achievement: Hashable, Sendable {
        public let partnerID: UUID
        public let partnerName: String
        public let goalID: UUID
        public let metricName: String
        public let period: String
        public let on: Day

        public init(partnerID: UUID, partnerName: String, goalID: UUID, metricName: String, period: String, on: Day) {
            self.partnerID = partnerID
            self.partnerName = partnerName
            self.goalID = goalID
            self.metricName = metricName
            self.period = period
            self.on = on
        }

        /// Every achievement earns a badge.
        public var badge: String { "\(metricName) · \(period)" }
    }

    /// Recent achievements, newest first, without the partners that opted out of being shown.
    public static func wall(_ achievements: [Achievement], optedOut: Set<UUID>, limit: Int = 20) -> [Achievement] {
        Array(achievements.filter { !optedOut.contains($0.partnerID) }.sorted { $0.on > $1.on }.prefix(limit))
    }

    public struct Standing: Hashable, Sendable {
        public let partnerID: UUID
        /// Growth over the partner's own baseline: (actual − baseline) ÷ baseline.
        public let improvement: Double
    }

    /// Ranks partners by improvement over their own baseline, so size does not win: a small partner doubling
    /// its revenue ranks above a large one adding 10 %. Partners without a baseline are left out.
    public static func leaderboard(_ results: [(partnerID: UUID, baseline: Int64?, actual: Int64)], optedOut: Set<UUID> = []) -> [Standing]
    {
        results.compactMap { result in
            guard !optedOut.contains(result.partnerID), let baseline = result.baseline, baseline > 0 else { return nil }
            return Standing(partnerID: result.partnerID, improvement: Double(result.actual - baseline) / Double(baseline))
        }.sorted { $0.improvement > $1.improvement }
    }
}
