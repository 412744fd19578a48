import Foundation

/// No lowering by default (DOMAIN §5.3): lowering an agreed target is an explicit override by a
/// program admin with a written reason; the override is kept on the goal and counted in reports.
extension Goal {
    public mutating func lowerTarget(
        to newTarget: Int64, reason: String, metric: Metric, currency: Currency, by actor: Actor, now: Date
    ) throws(GoalRuleError) {
        guard actor.role == .programAdmin else { throw .overrideNeedsAdmin }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw .overrideNeedsReason }
        guard status == .agreed || status == .active else { throw .wrongStatus(action: "lowered", status: status) }
        guard newTarget >= 0 else { throw .negativeTarget }
        try ImprovementRule.checkBounds(newTarget, metric: metric, currency: currency)
        guard metric.beats(target, newTarget) else {
            throw .overrideMustLower(current: metric.format(target, currency: currency))
        }
        overrides.append(TargetOverride(from: target, to: newTarget, reason: reason, actor: actor, at: now))
        revisions.append(
            GoalRevision(
                number: current.number + 1, target: newTarget, behaviour: current.behaviour,
                objective: current.objective, author: actor, at: now, origin: .override))
    }

    /// Whether a program admin lowered this goal's target (counted in "targets lowered this year").
    public var wasLowered: Bool { !overrides.isEmpty }
}
