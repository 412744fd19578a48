import Foundation

/// The targets partners have already achieved, per partner and metric (DOMAIN §5.1): a new or
/// carried-forward goal must be better than the best of them.
public struct AchievedTargets: Sendable {
    private struct Key: Hashable {
        let partnerID: UUID
        let metricKey: String
    }

    private var targets: [Key: [(goalID: UUID, target: Int64)]] = [:]

    /// Keeps the achieved goals among `goals`; others are ignored.
    public init(_ goals: [Goal]) {
        for goal in goals where goal.status == .achieved {
            targets[Key(partnerID: goal.partnerID, metricKey: goal.metricKey), default: []].append((goal.id, goal.target))
        }
    }

    /// The best target achieved by the partner on the metric, other than by the goal `excluding`.
    public func best(partnerID: UUID, metric: Metric, excluding: UUID? = nil) -> Int64? {
        let achieved = (targets[Key(partnerID: partnerID, metricKey: metric.key)] ?? [])
            .filter { $0.goalID != excluding }.map(\.target)
        return metric.direction == .higherIsBetter ? achieved.max() : achieved.min()
    }
}
