/// What a viewer may do with a goal right now (DOMAIN §5.2, §5.3), so pages offer only what the rules allow.
public struct GoalActions: Equatable, Sendable {
    public var accept = false
    public var decline = false
    public var counter = false
    public var withdraw = false
    public var send = false
    public var lower = false
    /// Add a comment to the conversation.
    public var comment = false
    /// Start a new proposal from a declined or withdrawn one's terms (§5.2: a "no" ends a proposal, not the talk).
    public var proposeAgain = false

    public init() {}

    /// Whether anything changes the goal's state (comments and new proposals aside).
    public var any: Bool { accept || decline || counter || withdraw || send || lower }
}

extension Goal {
    /// `mayChangePartner` is `AccessRule.mayChange` for the goal's partner.
    public func actions(for viewer: Viewer, mayChangePartner: Bool, today: Day) -> GoalActions {
        var actions = GoalActions()
        guard mayChangePartner, viewer.role.mayNegotiateGoals else { return actions }
        actions.comment = !isUnsentDraft
        actions.proposeAgain = (status == .declined || (status == .withdrawn && !isUnsentDraft)) && period.end > today
        let answering = status == .proposed && awaitingSide == viewer.side
        actions.accept = answering
        actions.decline = answering
        actions.counter = answering
        actions.withdraw = (status == .proposed || status == .draft) && current.author.side == viewer.side
        actions.send = status == .draft && current.author.side == viewer.side
        actions.lower = (status == .agreed || status == .active) && viewer.role == .programAdmin
        return actions
    }
}
