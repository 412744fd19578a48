import AccordCore
import Foundation

public enum GoalPage {
    public struct RevisionLine: Sendable {
        public let number: Int
        public let target: String
        public let behaviour: String
        public let author: String
        public let authorSide: Side
        public let origin: RevisionOrigin
        public let at: Date
        /// Who accepted this revision, and when.
        public let acceptedBy: [(name: String, side: Side, at: Date)]

        public init(
            number: Int, target: String, behaviour: String, author: String, authorSide: Side, origin: RevisionOrigin, at: Date,
            acceptedBy: [(name: String, side: Side, at: Date)]
        ) {
            self.number = number
            self.target = target
            self.behaviour = behaviour
            self.author = author
            self.authorSide = authorSide
            self.origin = origin
            self.at = at
            self.acceptedBy = acceptedBy
        }
    }

    /// One turn of the negotiation as both sides read it: a proposal, a counter, a comment, a decline.
    public struct ConversationLine: Sendable {
        public let at: Date
        public let who: String
        /// nil for Accord's own entries (a carry-forward at period close).
        public let side: Side?
        /// The revision the line speaks to.
        public let revision: Int
        /// What happened ("Countered with $95,000"); nil for a plain comment.
        public let event: String?
        public let text: String?

        public init(at: Date, who: String, side: Side?, revision: Int, event: String?, text: String?) {
            self.at = at
            self.who = who
            self.side = side
            self.revision = revision
            self.event = event
            self.text = text
        }
    }

    /// An answer that cannot be undone, shown once more before it is given.
    public enum Confirmation: Sendable {
        case decline(reason: String)
        case withdraw
    }

    public struct AuditLine: Sendable {
        public let at: Date
        public let who: String
        public let action: String
        public let reason: String?
        /// What changed, as people read it ("Target: $120,000.00 → $110,000.00").
        public let changes: [String]

        public init(at: Date, who: String, action: String, reason: String?, changes: [String] = []) {
            self.at = at
            self.who = who
            self.action = action
            self.reason = reason
            self.changes = changes
        }
    }

    public struct Model: Sendable {
        public let chrome: PageChrome
        public let goalID: UUID
        public let partnerID: UUID
        public let partnerName: String
        public let metricName: String
        public let periodLabel: String
        public let vendorPeriods: String
        public let status: GoalStatus
        public let ownerSide: Side
        public let target: String
        public let targetPlain: String
        public let baseline: String
        /// Where the baseline comes from ("the actual of FY2025 Q4"), or why there is none.
        public let baselineSource: String
        public let behaviour: String
        public let objective: String?
        public let awaiting: Side?
        public let lapsed: Bool
        public let carriedFrom: UUID?
        public let closingActual: String?
        public let declineReason: String?
        public let revisions: [RevisionLine]
        public let overrides: [(from: String, to: String, reason: String, who: String, at: Date)]
        public let audit: [AuditLine]
        /// How the carried target relates to the missed goal's (same, or raised to the new period's minimum).
        public var carryForwardNote: String?
        public let actions: GoalActions
        /// A refused action's message and the field it is about, with what the user typed.
        public let errors: [String: String]
        public let typed: [String: String]
        /// What achieving the goal grants and missing it withdraws, as the program's policy applies them (§7).
        public var rewards: [String] = []
        public var consequences: [String] = []
        /// Vendor staff only: the top-down echo check before the goal is sent (§9).
        public var echoWarning: String?
        public var conversation: [ConversationLine] = []
        public var confirming: Confirmation?
        /// The propose form filled with this goal's terms, when it may be proposed again.
        public var proposeAgainPath: String?
        /// What the last action did, said once after it.
        public var done: String?

        public init(
            chrome: PageChrome, goalID: UUID, partnerID: UUID, partnerName: String, metricName: String, periodLabel: String,
            vendorPeriods: String, status: GoalStatus, ownerSide: Side, target: String, targetPlain: String, baseline: String,
            baselineSource: String,
            behaviour: String, objective: String?, awaiting: Side?, lapsed: Bool, carriedFrom: UUID?, closingActual: String?,
            declineReason: String?, revisions: [RevisionLine],
            overrides: [(from: String, to: String, reason: String, who: String, at: Date)],
            audit: [AuditLine], actions: GoalActions, errors: [String: String] = [:], typed: [String: String] = [:]
        ) {
            self.chrome = chrome
            self.goalID = goalID
            self.partnerID = partnerID
            self.partnerName = partnerName
            self.metricName = metricName
            self.periodLabel = periodLabel
            self.vendorPeriods = vendorPeriods
            self.status = status
            self.ownerSide = ownerSide
            self.target = target
            self.targetPlain = targetPlain
            self.baseline = baseline
            self.baselineSource = baselineSource
            self.behaviour = behaviour
            self.objective = objective
            self.awaiting = awaiting
            self.lapsed = lapsed
            self.carriedFrom = carriedFrom
            self.closingActual = closingActual
            self.declineReason = declineReason
            self.revisions = revisions
            self.overrides = overrides
            self.audit = audit
            self.actions = actions
            self.errors = errors
            self.typed = typed
        }
    }
}
