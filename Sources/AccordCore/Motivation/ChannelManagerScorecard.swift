import Foundation

/// What one partner contributes to its channel manager's scorecard (DOMAIN §13).
public struct ChannelManagerInputs: Sendable {
    public let channelManager: String
    public let stage: LifecycleStage
    /// Revenue so far against the partner's agreed revenue goals of the current period.
    public let revenueActual: Int64
    public let revenueAgreed: Int64
    public let hasAgreedPlan: Bool
    public let hasAgreedGoals: Bool
    /// Whether the enablement checklist is complete; nil when the partner has no checklist goal.
    public let checklistComplete: Bool?
    /// A believer earlier this fiscal year that is an achiever now.
    public let becameAchiever: Bool
    public let reviewsDue: Int
    public let reviewsOnTime: Int
    /// Revenue below the same period a year earlier.
    public let revenueShrinking: Bool

    public init(
        channelManager: String, stage: LifecycleStage, revenueActual: Int64, revenueAgreed: Int64, hasAgreedPlan: Bool,
        hasAgreedGoals: Bool, checklistComplete: Bool?, becameAchiever: Bool, reviewsDue: Int, reviewsOnTime: Int,
        revenueShrinking: Bool
    ) {
        self.channelManager = channelManager
        self.stage = stage
        self.revenueActual = revenueActual
        self.revenueAgreed = revenueAgreed
        self.hasAgreedPlan = hasAgreedPlan
        self.hasAgreedGoals = hasAgreedGoals
        self.checklistComplete = checklistComplete
        self.becameAchiever = becameAchiever
        self.reviewsDue = reviewsDue
        self.reviewsOnTime = reviewsOnTime
        self.revenueShrinking = revenueShrinking
    }

    /// Established partners in decline or near it: declining, or established and shrinking.
    var isAtRisk: Bool { stage == .declining || (stage == .established && revenueShrinking) }
}

/// A channel manager's scorecard mirrors the partner goal categories (DOMAIN §13), so developing partners counts,
/// not only revenue.
public struct ChannelManagerScorecard: Hashable, Sendable {
    public let channelManager: String
    public let partners: Int
    public let revenueActual: Int64
    public let revenueAgreed: Int64
    public let withPlanAndGoals: Int
    public let checklistsCompleted: Int
    public let checklistsTracked: Int
    public let believersBecameAchievers: Int
    public let reviewsDue: Int
    public let reviewsOnTime: Int
    public let developing: Int
    public let atRisk: Int
    /// Targets of the manager's partners a program admin lowered this fiscal year (§5.3): counted, never hidden.
    public var loweredTargets = 0

    /// Revenue actual ÷ agreed revenue goals.
    public var revenueAttainment: Double? { revenueAgreed > 0 ? Double(revenueActual) / Double(revenueAgreed) : nil }
    public var planAndGoalsShare: Double? { partners > 0 ? Double(withPlanAndGoals) / Double(partners) : nil }
    public var reviewsOnTimeShare: Double? { reviewsDue > 0 ? Double(reviewsOnTime) / Double(reviewsDue) : nil }

    /// Bench strength: developing partners per established partner in decline or near it; nil when none is at risk.
    public var benchStrength: Double? { atRisk > 0 ? Double(developing) / Double(atRisk) : nil }

    /// `loweredTargets`: this fiscal year's overrides per channel manager.
    public static func make(_ inputs: [ChannelManagerInputs], loweredTargets: [String: Int] = [:]) -> [ChannelManagerScorecard] {
        let byManager = Dictionary(grouping: inputs.filter { $0.stage != .exited }, by: \.channelManager)
        return byManager.map { name, mine in
            var card = scorecard(name, mine)
            card.loweredTargets = loweredTargets[name] ?? 0
            return card
        }.sorted { $0.channelManager < $1.channelManager }
    }

    private static func scorecard(_ name: String, _ mine: [ChannelManagerInputs]) -> ChannelManagerScorecard {
        let actual: Int64 = Figures.sum(mine, \.revenueActual)
        let agreed: Int64 = Figures.sum(mine, \.revenueAgreed)
        let due: Int = mine.reduce(0) { $0 + $1.reviewsDue }
        let onTime: Int = mine.reduce(0) { $0 + $1.reviewsOnTime }
        return ChannelManagerScorecard(
            channelManager: name, partners: mine.count, revenueActual: actual, revenueAgreed: agreed,
            withPlanAndGoals: mine.filter { $0.hasAgreedPlan && $0.hasAgreedGoals }.count,
            checklistsCompleted: mine.filter { $0.checklistComplete == true }.count,
            checklistsTracked: mine.filter { $0.checklistComplete != nil }.count,
            believersBecameAchievers: mine.filter(\.becameAchiever).count, reviewsDue: due, reviewsOnTime: onTime,
            developing: mine.filter { $0.stage == .developing }.count, atRisk: mine.filter(\.isAtRisk).count)
    }
}
