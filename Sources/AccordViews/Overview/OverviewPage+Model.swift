import AccordCore
import Foundation

public enum OverviewPage {
    /// Plain data for the program overview: built by the web layer, rendered without a server.
    public struct Model: Sendable {
        public struct Row: Sendable {
            public let id: UUID
            public let name: String
            public let externalKey: String
            public let stage: LifecycleStage
            public let region: String
            public let channelManager: String
            public let tier: String
            public let businessModel: String
            public let periodLabel: String
            public let goalsInPeriod: Int
            public let committedGoals: Int
            public let worstStatus: PacingStatus?
            public let lapsedProposals: Int
            public let carriedForward: Int
            /// The business model's key, for filtering.
            public var businessModelKey = ""
            /// Reviews not held in time, or with overdue action items (DOMAIN §11).
            public var overdueReviews = 0

            public init(
                id: UUID, name: String, externalKey: String, stage: LifecycleStage, region: String, channelManager: String,
                tier: String, businessModel: String, periodLabel: String, goalsInPeriod: Int, committedGoals: Int,
                worstStatus: PacingStatus?, lapsedProposals: Int, carriedForward: Int
            ) {
                self.id = id
                self.name = name
                self.externalKey = externalKey
                self.stage = stage
                self.region = region
                self.channelManager = channelManager
                self.tier = tier
                self.businessModel = businessModel
                self.periodLabel = periodLabel
                self.goalsInPeriod = goalsInPeriod
                self.committedGoals = committedGoals
                self.worstStatus = worstStatus
                self.lapsedProposals = lapsedProposals
                self.carriedForward = carriedForward
            }

            public var needsAttention: Bool {
                PartnerAttention(
                    worstStatus: worstStatus, lapsedProposals: lapsedProposals, carriedForward: carriedForward,
                    overdueReviews: overdueReviews
                ).needsAttention
            }
        }

        public let chrome: PageChrome
        public let today: Day
        public let goalCounts: [GoalStatus: Int]
        /// The first partners by name, and how many the program has.
        public let rows: [Row]
        public let partnerCount: Int
        /// The first partners needing attention, and how many do.
        public var attentionRows: [Row] = []
        public var attentionCount = 0
        /// Partners by the worst pacing of their live goals this quarter, and by lifecycle stage.
        public var partnersByStatus: [(PacingStatus, Int)] = []
        public var partnersByStage: [(LifecycleStage, Int)] = []
        /// Attainment of active goals, bucketed: how far the program's agreed goals are along.
        public var attainment: [(label: String, count: Int)] = []
        /// Targets a program admin lowered in the vendor's fiscal year (DOMAIN §5.3), and the year's label.
        public var loweredTargets = 0
        /// Proposals that wait for the viewer's own answer, as "Waiting for you" counts them.
        public var waitingForViewer = 0
        public var loweredTargetsYear = ""

        public init(chrome: PageChrome, today: Day, goalCounts: [GoalStatus: Int], rows: [Row], partnerCount: Int) {
            self.chrome = chrome
            self.today = today
            self.goalCounts = goalCounts
            self.rows = rows
            self.partnerCount = partnerCount
        }

        public func count(_ status: GoalStatus) -> Int { goalCounts[status] ?? 0 }
    }
}
