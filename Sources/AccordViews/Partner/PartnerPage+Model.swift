import AccordCore
import Foundation

public enum PartnerPage {
    /// Plain data for a partner's scorecard page.
    public struct Model: Sendable {
        public struct GoalLine: Sendable {
            public let goalID: UUID
            public let metricName: String
            public let category: String
            public let ownerSide: Side
            public let status: GoalStatus
            public let target: String
            public let baseline: String
            public let actual: String
            public let attainment: Double?
            public let improvementProgress: Double?
            public let pacing: Pacing
            public let behaviour: String
            public let carriedForward: Bool
            /// For a carried-forward goal: the same target, or raised to the new period's minimum (§5.3).
            public var carryForwardNote: String?
            public let lowered: Bool
            public let awaiting: Side?
            public let chart: GoalChart?
            /// What making it earns and missing it costs (§7), as the program's policy applies them.
            public var rewards: [String] = []
            public var consequences: [String] = []
            /// Where the goal ends at today's pace, in the metric's unit.
            public var forecast: String?

            public init(
                goalID: UUID, metricName: String, category: String, ownerSide: Side, status: GoalStatus, target: String, baseline: String,
                actual: String, attainment: Double?, improvementProgress: Double?, pacing: Pacing, behaviour: String,
                carriedForward: Bool, lowered: Bool, awaiting: Side?, chart: GoalChart?
            ) {
                self.goalID = goalID
                self.metricName = metricName
                self.category = category
                self.ownerSide = ownerSide
                self.status = status
                self.target = target
                self.baseline = baseline
                self.actual = actual
                self.attainment = attainment
                self.improvementProgress = improvementProgress
                self.pacing = pacing
                self.behaviour = behaviour
                self.carriedForward = carriedForward
                self.lowered = lowered
                self.awaiting = awaiting
                self.chart = chart
            }
        }

        public let chrome: PageChrome
        public let partnerID: UUID
        public let name: String
        public let externalKey: String
        public let stage: LifecycleStage
        public let businessModel: String
        public let region: String
        public let channelManager: String
        public let tier: String
        public let periodLabel: String
        public let vendorPeriods: String
        public let previousPeriod: String
        public let nextPeriod: String
        public let shareOfWallet: Double?
        public let trainedShare: Double?
        public let goals: [GoalLine]
        public let issues: [String]
        public let asOf: Day
        /// Whether the viewer may propose goals with this partner.
        public var mayPropose = false
        /// Proposals waiting for the viewer's side: what to answer first.
        public var pending: [HistoryLine] = []
        /// Goals of earlier periods and how they ended.
        public var history: [HistoryLine] = []
        public var capacity: [(asOf: Day, shareOfWallet: Double?, trainedShare: Double?, engineers: Int)] = []
        /// The joint business plan the viewer may see.
        public var plan: (id: UUID, status: String, horizon: String)?
        /// Reviews, with what is overdue flagged (DOMAIN §11).
        public var reviews: [(id: UUID, period: String, due: Day, held: Bool, overdue: Bool, overdueActions: Int)] = []

        /// Level, standing benefits, benefits from the ledger and badges (§7, §12).
        public var benefits: Benefits?
        /// Targets of this partner a program admin lowered in the vendor's fiscal year (DOMAIN §5.3), and that year.
        public var loweredTargets: [LoweredTargetsPage.Row] = []
        public var loweredTargetsYear = ""

        public struct Benefits: Sendable {
            public let tier: String
            public let tierBenefits: String?
            public let marginUplift: String
            public let mdfBalance: String
            public let accesses: [String]
            public let ledger: [(on: Day, text: String, grant: Bool, goalID: UUID)]
            public let badges: [String]
            public let openRecommendation: String?

            public init(
                tier: String, tierBenefits: String?, marginUplift: String, mdfBalance: String, accesses: [String],
                ledger: [(on: Day, text: String, grant: Bool, goalID: UUID)], badges: [String], openRecommendation: String?
            ) {
                self.tier = tier
                self.tierBenefits = tierBenefits
                self.marginUplift = marginUplift
                self.mdfBalance = mdfBalance
                self.accesses = accesses
                self.ledger = ledger
                self.badges = badges
                self.openRecommendation = openRecommendation
            }
        }

        public struct HistoryLine: Sendable {
            public let goalID: UUID
            public let periodLabel: String
            public let metricName: String
            public let target: String
            public let actual: String
            public let status: GoalStatus
            public let carriedForward: Bool

            public init(
                goalID: UUID, periodLabel: String, metricName: String, target: String, actual: String, status: GoalStatus,
                carriedForward: Bool
            ) {
                self.goalID = goalID
                self.periodLabel = periodLabel
                self.metricName = metricName
                self.target = target
                self.actual = actual
                self.status = status
                self.carriedForward = carriedForward
            }
        }

        public init(
            chrome: PageChrome, partnerID: UUID, name: String, externalKey: String, stage: LifecycleStage,
            businessModel: String, region: String, channelManager: String, tier: String, periodLabel: String,
            vendorPeriods: String, previousPeriod: String, nextPeriod: String, shareOfWallet: Double?, trainedShare: Double?,
            goals: [GoalLine], issues: [String], asOf: Day
        ) {
            self.chrome = chrome
            self.partnerID = partnerID
            self.name = name
            self.externalKey = externalKey
            self.stage = stage
            self.businessModel = businessModel
            self.region = region
            self.channelManager = channelManager
            self.tier = tier
            self.periodLabel = periodLabel
            self.vendorPeriods = vendorPeriods
            self.previousPeriod = previousPeriod
            self.nextPeriod = nextPeriod
            self.shareOfWallet = shareOfWallet
            self.trainedShare = trainedShare
            self.goals = goals
            self.issues = issues
            self.asOf = asOf
        }
    }
}
