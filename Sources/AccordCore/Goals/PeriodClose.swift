import Foundation

/// An agreed or active goal whose period has ended, with what the close needs to know.
public struct ClosingGoal: Sendable {
    public let goal: Goal
    public let metric: Metric
    /// The goal's actual over its period (nil when no fact yields a value, e.g. an average of nothing).
    public let actual: Int64?
    /// The baseline of the next period of the same length, for the improvement minimum of a carry-forward
    /// (only a missed goal needs it).
    public let nextPeriodBaseline: Baseline?
    /// The best target already achieved on this metric, other than by this goal.
    public let bestAchievedTarget: Int64?

    public init(goal: Goal, metric: Metric, actual: Int64?, nextPeriodBaseline: Baseline?, bestAchievedTarget: Int64?) {
        self.goal = goal
        self.metric = metric
        self.actual = actual
        self.nextPeriodBaseline = nextPeriodBaseline
        self.bestAchievedTarget = bestAchievedTarget
    }
}

public struct PeriodCloseResult: Sendable {
    /// The goals that were evaluated, now achieved or missed.
    public var closed: [Goal] = []
    /// New goals continuing the missed ones.
    public var carriedForward: [Goal] = []
}

/// Keep the goal until it is made (DOMAIN §5.3).
public enum PeriodClose {
    /// Every agreed or active goal whose period ended by `today` becomes achieved or missed; each
    /// missed goal is carried into the next period of the same length with the same target — or the
    /// improvement rule's minimum there if that is higher — never less, and already agreed.
    public static func close(_ goals: [ClosingGoal], rule: ImprovementRule, today: Day, now: Date) -> PeriodCloseResult {
        var result = PeriodCloseResult()
        for closing in goals
        where (closing.goal.status == .agreed || closing.goal.status == .active) && closing.goal.period.end <= today {
            var goal = closing.goal
            goal.closingActual = closing.actual
            let achieved = isAchieved(actual: closing.actual, metric: closing.metric, target: goal.target)
            goal.status = achieved ? .achieved : .missed
            result.closed.append(goal)
            if !achieved { result.carriedForward.append(carryForward(closing, closed: goal, rule: rule, today: today, now: now)) }
        }
        return result
    }

    /// Whether an actual reached the target; a goal whose facts yield no actual did not.
    public static func isAchieved(actual: Int64?, metric: Metric, target: Int64) -> Bool {
        actual.map { metric.meets($0, target) } ?? false
    }

    static func carryForward(_ closing: ClosingGoal, closed goal: Goal, rule: ImprovementRule, today: Day, now: Date) -> Goal {
        var target = goal.target
        if let least = rule.smallestAcceptableTarget(
            metric: closing.metric, baseline: closing.nextPeriodBaseline, bestAchievedTarget: closing.bestAchievedTarget),
            closing.metric.beats(least, target)
        {
            target = least
        }
        let revision = GoalRevision(
            number: 1, target: target, behaviour: goal.behaviour, objective: goal.objective, author: .periodClose, at: now,
            origin: .carryForward)
        // Agreed by the rule, not by anyone: no acceptance is recorded in a person's name that the person did not
        // make. The agreement it rests on is that of the goal it continues (`carriedFrom`).
        var carried = Goal(
            id: UUID(), partnerID: goal.partnerID, period: goal.period.next, metricKey: goal.metricKey,
            ownerSide: goal.ownerSide, baseline: closing.nextPeriodBaseline, status: .agreed, revisions: [revision],
            acceptances: [], carriedFrom: goal.id, createdAt: now)
        carried.objectiveID = goal.objectiveID
        carried.activateIfStarted(today: today)
        return carried
    }
}

extension Goal {
    /// How a carried-forward goal's target relates to the missed goal it continues (DOMAIN §5.3), in words for the
    /// pages: the same target, or raised to the smallest target the improvement rule accepts in the new period.
    public func carryForwardNote(missed: Goal, metric: Metric, currency: Currency) -> String? {
        guard isAgreedByCarryForward, missed.id == carriedFrom, let carried = revisions.first?.target else { return nil }
        let shown = { (value: Int64) in metric.format(value, currency: currency) }
        guard carried != missed.target else {
            return "Carried forward from the missed goal of \(missed.period.label) with the same target, \(shown(carried))."
        }
        return "Carried forward from the missed goal of \(missed.period.label): its target \(shown(missed.target)) was raised to "
            + "\(shown(carried)), the smallest target the improvement rule accepts in \(period.label) — never less."
    }
}
