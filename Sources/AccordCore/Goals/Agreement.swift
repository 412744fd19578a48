import Foundation

/// What a side proposes: the terms of a new goal.
public struct GoalProposal: Sendable {
    public let partnerID: UUID
    public let period: Period
    public let metric: Metric
    public let ownerSide: Side
    public let target: Int64
    public let behaviour: String
    public let objective: String?
    /// The joint-plan objective this goal serves, if it was derived from one (§10).
    public let objectiveID: UUID?

    public init(
        partnerID: UUID, period: Period, metric: Metric, ownerSide: Side, target: Int64, behaviour: String,
        objective: String? = nil, objectiveID: UUID? = nil
    ) {
        self.objectiveID = objectiveID
        self.partnerID = partnerID
        self.period = period
        self.metric = metric
        self.ownerSide = ownerSide
        self.target = target
        self.behaviour = behaviour
        self.objective = objective
    }
}

/// The history a target is judged against (§5.1).
public struct ImprovementContext: Sendable {
    public let baseline: Baseline?
    /// The best target the partner already achieved on this metric, if any.
    public let bestAchievedTarget: Int64?
    public let rule: ImprovementRule
    public let currency: Currency

    public init(baseline: Baseline?, bestAchievedTarget: Int64?, rule: ImprovementRule, currency: Currency) {
        self.baseline = baseline
        self.bestAchievedTarget = bestAchievedTarget
        self.rule = rule
        self.currency = currency
    }
}

/// Mutual agreement: nothing is assigned (DOMAIN §5.2).
///
/// Either side proposes, which counts as its acceptance of that revision. The other side accepts,
/// declines or counter-proposes (a new revision its author accepts). A goal is agreed when one user
/// of each side accepted the same revision.
extension Goal {
    public static func propose(
        _ proposal: GoalProposal, context: ImprovementContext, by actor: Actor, today: Day, now: Date,
        asDraft: Bool = false, id: UUID = UUID()
    ) throws(GoalRuleError) -> Goal {
        guard actor.role.mayNegotiateGoals else { throw .roleMayNotNegotiate(actor.role) }
        guard proposal.period.end > today else { throw .periodOver(proposal.period.label) }
        let behaviour = try Goal.requiredBehaviour(proposal.behaviour)
        try context.rule.check(
            target: proposal.target, metric: proposal.metric, baseline: context.baseline,
            bestAchievedTarget: context.bestAchievedTarget, currency: context.currency)
        let revision = GoalRevision(
            number: 1, target: proposal.target, behaviour: behaviour, objective: Goal.cleaned(proposal.objective),
            author: actor, at: now, origin: .proposal)
        var goal = Goal(
            id: id, partnerID: proposal.partnerID, period: proposal.period, metricKey: proposal.metric.key,
            ownerSide: proposal.ownerSide, baseline: context.baseline, status: asDraft ? .draft : .proposed,
            revisions: [revision], acceptances: asDraft ? [] : [Acceptance(revision: 1, actor: actor, at: now)],
            carriedFrom: nil, createdAt: now)
        goal.objectiveID = proposal.objectiveID
        return goal
    }

    /// Sends a draft to the other side.
    public mutating func send(by actor: Actor, now: Date) throws(GoalRuleError) {
        guard actor.role.mayNegotiateGoals else { throw .roleMayNotNegotiate(actor.role) }
        guard status == .draft else { throw .wrongStatus(action: "sent", status: status) }
        guard actor.side == current.author.side else { throw .notProposersSide }
        acceptances.append(Acceptance(revision: current.number, actor: actor, at: now))
        status = .proposed
    }

    /// The other side answers with different terms: a new revision that its author accepts. Its comment says why,
    /// beside the terms: the behaviour the goal motivates is changed only when a new one is given.
    public mutating func counter(
        target: Int64, behaviour: String?, comment: String? = nil, metric: Metric, context: ImprovementContext, by actor: Actor,
        now: Date
    ) throws(GoalRuleError) {
        try requireAnsweringSide(actor, action: "counter-proposed")
        let behaviour = try behaviour.map { (text: String) throws(GoalRuleError) in try Goal.requiredBehaviour(text) }
        let said = try Goal.cleaned(comment).map { (text: String) throws(GoalRuleError) in try Goal.commentText(text) }
        try context.rule.check(
            target: target, metric: metric, baseline: context.baseline,
            bestAchievedTarget: context.bestAchievedTarget, currency: context.currency)
        let number = current.number + 1
        revisions.append(
            GoalRevision(
                number: number, target: target, behaviour: behaviour ?? current.behaviour,
                objective: current.objective, author: actor, at: now, origin: .counterProposal))
        acceptances.append(Acceptance(revision: number, actor: actor, at: now))
        if let said { comments.append(GoalComment(revision: number, author: actor, at: now, text: said)) }
    }

    /// Either side adds a word to the negotiation without changing its terms. A goal still in its drafting side has
    /// no conversation yet: what is written there would reach the other side unasked when the draft is sent.
    public mutating func comment(_ text: String, by actor: Actor, now: Date) throws(GoalRuleError) {
        guard actor.role.mayNegotiateGoals else { throw .roleMayNotNegotiate(actor.role) }
        guard !isUnsentDraft else { throw .noConversationOnDraft }
        guard let said = Goal.cleaned(text) else { throw .commentRequired }
        comments.append(GoalComment(revision: current.number, author: actor, at: now, text: try Goal.commentText(said)))
    }

    /// The waiting side accepts the current revision; with both sides on it, the goal is agreed
    /// (and active at once if its period has started).
    public mutating func accept(by actor: Actor, today: Day, now: Date) throws(GoalRuleError) {
        try requireAnsweringSide(actor, action: "accepted")
        acceptances.append(Acceptance(revision: current.number, actor: actor, at: now))
        if sidesAcceptingCurrent.count == Side.allCases.count {
            status = .agreed
            activateIfStarted(today: today)
        }
    }

    /// A decline says why (§5.2): the proposing side has to decide what to do next, and "no" alone tells it nothing.
    public mutating func decline(by actor: Actor, reason: String, now: Date) throws(GoalRuleError) {
        try requireAnsweringSide(actor, action: "declined")
        guard let why = Goal.cleaned(reason) else { throw .declineNeedsReason }
        decline = Decline(actor: actor, reason: try Goal.commentText(why), at: now)
        status = .declined
    }

    /// The side that made the current revision takes it back.
    public mutating func withdraw(by actor: Actor, now: Date) throws(GoalRuleError) {
        guard actor.role.mayNegotiateGoals else { throw .roleMayNotNegotiate(actor.role) }
        guard status == .proposed || status == .draft else { throw .wrongStatus(action: "withdrawn", status: status) }
        guard actor.side == current.author.side else { throw .notProposersSide }
        status = .withdrawn
    }

    /// An agreed goal becomes active when its period starts (§5.2).
    public mutating func activateIfStarted(today: Day) {
        if status == .agreed && today >= period.start { status = .active }
    }

    private func requireAnsweringSide(_ actor: Actor, action: String) throws(GoalRuleError) {
        guard actor.role.mayNegotiateGoals else { throw .roleMayNotNegotiate(actor.role) }
        guard status == .proposed else { throw .wrongStatus(action: action, status: status) }
        guard !sidesAcceptingCurrent.contains(actor.side) else { throw .sideAlreadyAccepted(actor.side) }
    }

    static func requiredBehaviour(_ text: String) throws(GoalRuleError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .behaviourRequired }
        return trimmed
    }

    static func commentText(_ text: String) throws(GoalRuleError) -> String {
        guard text.count <= GoalComment.maximumLength else { throw .commentTooLong(GoalComment.maximumLength) }
        return text
    }

    static func cleaned(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
