/// Why a goal action was refused; every case reads as a sentence a person can act on.
public enum GoalRuleError: Error, Equatable, Sendable, CustomStringConvertible {
    case doesNotBeatBaseline(
        metric: String, target: String, baseline: String, explanation: String, minimumImprovement: Double,
        smallestAcceptable: String)
    case doesNotBeatAchievedTarget(metric: String, target: String, achieved: String, smallestAcceptable: String)
    case cannotImprove(metric: String, baseline: String)
    case negativeTarget
    case targetTooLarge(largest: String)
    case zeroTarget(String)
    case wholeNumberRequired(String)
    case behaviourRequired
    case roleMayNotNegotiate(Role)
    case wrongStatus(action: String, status: GoalStatus)
    case sideAlreadyAccepted(Side)
    case notProposersSide
    case overrideNeedsAdmin
    case overrideNeedsReason
    case overrideMustLower(current: String)
    case periodOver(String)
    case unbalancedSet(String)
    case declineNeedsReason
    case commentRequired
    case commentTooLong(Int)
    case noConversationOnDraft
    case farFromHistory(target: String, baseline: String)

    public var description: String {
        switch self {
        case .doesNotBeatBaseline(let metric, let target, let baseline, let explanation, let minimum, let least):
            let margin = minimum > 0 ? " by at least \(Figures.roundedOrZero(minimum * 100)) %" : ""
            return "The target \(target) does not beat the baseline: \(metric) baseline is \(baseline) "
                + "(\(explanation)). A goal must improve on it\(margin); the smallest acceptable target is \(least)."
        case .doesNotBeatAchievedTarget(let metric, let target, let achieved, let least):
            return "The target \(target) does not beat the \(metric) target of \(achieved) the partner already achieved; "
                + "the smallest acceptable target is \(least)."
        case .cannotImprove(let metric, let baseline):
            return "\(metric) is already at \(baseline); there is no lower value to aim for."
        case .negativeTarget: return "A target cannot be negative."
        case .targetTooLarge(let largest): return "A target can be at most \(largest), the largest figure Accord accepts."
        case .zeroTarget(let metric): return "A \(metric) target of zero is not a goal."
        case .wholeNumberRequired(let metric): return "A \(metric) target is a whole number."
        case .behaviourRequired: return "Say what behaviour the goal is meant to motivate."
        case .roleMayNotNegotiate(let role): return "A \(role.label.lowercased()) cannot propose or answer goals."
        case .wrongStatus(let action, let status): return "A goal that is \(status.rawValue) cannot be \(action)."
        case .sideAlreadyAccepted(let side):
            return "The \(side.rawValue) side already accepted this revision; it waits for the other side."
        case .notProposersSide: return "Only the side that made the current revision can withdraw it."
        case .overrideNeedsAdmin: return "Only a program admin can lower an agreed target."
        case .overrideNeedsReason: return "Lowering an agreed target needs a written reason."
        case .overrideMustLower(let current):
            return "The new target does not lower the current target \(current); raise a target through a new proposal."
        case .periodOver(let label): return "\(label) is over; goals for it can no longer be proposed."
        case .unbalancedSet(let message): return message
        case .declineNeedsReason: return "Say why the goal is declined: the other side decides what to propose next from it."
        case .commentRequired: return "Write the comment first."
        case .commentTooLong(let most): return "A comment has at most \(most) characters."
        case .noConversationOnDraft: return "A draft has no conversation yet: send it, then comment."
        case .farFromHistory(let target, let baseline):
            return "The target \(target) is far outside this metric's history (its baseline is \(baseline)): check the metric "
                + "and the figure, and confirm that this is the target you mean."
        }
    }
}
