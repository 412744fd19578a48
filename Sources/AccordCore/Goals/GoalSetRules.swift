/// Balanced goal sets (DOMAIN §5.4): never revenue-only; early partners work on enablement first;
/// developing and established partners have a growth goal.
public enum GoalSetRules {
    /// A goal in a partner's set for a period, with its metric.
    public struct Member: Sendable {
        public let metric: Metric
        public let status: GoalStatus
        public let ownerSide: Side

        public init(metric: Metric, status: GoalStatus, ownerSide: Side) {
            self.metric = metric
            self.status = status
            self.ownerSide = ownerSide
        }
    }

    public enum Issue: Hashable, Sendable, CustomStringConvertible {
        case revenueOnly
        case missingChecklist
        case missingGrowthGoal

        public var description: String {
            switch self {
            case .revenueOnly: "The goal set is revenue-only: add a goal from another category."
            case .missingChecklist: "Partners in recruitment or onboarding work on the enablement checklist goal."
            case .missingGrowthGoal: "Developing and established partners have at least one growth goal."
            }
        }
    }

    /// Goals that count towards a set: those not declined or withdrawn.
    static func live(_ set: [Member]) -> [Member] {
        set.filter { $0.status != .declined && $0.status != .withdrawn }
    }

    /// A growth goal asks the partner for more revenue or more customers.
    public static func isGrowth(_ metric: Metric) -> Bool {
        (metric.category == .revenue || metric.category == .customer) && metric.direction == .higherIsBetter
    }

    /// What is missing from a set, shown on the scorecard.
    public static func issues(in set: [Member], stage: LifecycleStage) -> [Issue] {
        let partnerGoals = live(set).filter { $0.ownerSide == .partner }
        guard !partnerGoals.isEmpty else { return [] }
        var issues: [Issue] = []
        if partnerGoals.allSatisfy({ $0.metric.category == .revenue }) { issues.append(.revenueOnly) }
        if stage.isEarly, !partnerGoals.contains(where: { $0.metric.aggregation == .checklist }) {
            issues.append(.missingChecklist)
        }
        if stage.expectsGrowth, !partnerGoals.contains(where: { isGrowth($0.metric) }) {
            issues.append(.missingGrowthGoal)
        }
        return issues
    }

    /// Admits a new partner goal only if the set stays balanced: a revenue goal needs a goal of another
    /// category in the set first, and an early partner's set starts with the enablement checklist.
    public static func admit(_ newGoal: Member, into set: [Member], stage: LifecycleStage, periodLabel: String)
        throws(GoalRuleError)
    {
        guard newGoal.ownerSide == .partner else { return }
        let partnerGoals = live(set).filter { $0.ownerSide == .partner }
        if stage.isEarly, newGoal.metric.aggregation != .checklist,
            !partnerGoals.contains(where: { $0.metric.aggregation == .checklist })
        {
            throw .unbalancedSet(
                "A \(stage.rawValue) partner starts with the enablement checklist goal: propose it for \(periodLabel) first.")
        }
        if newGoal.metric.category == .revenue, !partnerGoals.contains(where: { $0.metric.category != .revenue }) {
            throw .unbalancedSet(
                "The goal set for \(periodLabel) may not be revenue-only: propose a goal from another category "
                    + "(activity, capability or customer) first.")
        }
    }
}
