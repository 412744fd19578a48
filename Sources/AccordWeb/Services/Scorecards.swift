import AccordCore
import AccordStore
import Foundation

/// A partner's goals for one period with their progress (DOMAIN §6), as pages and the API show it.
struct PartnerScorecard {
    let program: Program
    let partner: Partner
    let period: Period
    let lines: [GoalProgress]
    let issues: [GoalSetRules.Issue]
    let capacity: CapacityProfile?
    let asOf: Day
}

struct Scorecards {
    let store: AccordStore
    let clock: AccordClock

    /// The partner's current quarter in its own calendar, or the period named by `label`.
    func period(for partner: Partner, label: String?) throws -> Period {
        if let label, !label.isEmpty { return try Period(label: label, calendar: partner.calendar) }
        return partner.calendar.period(.quarter, containing: clock.today)
    }

    /// The scorecard as `audience` may see it: no draft of another side is on it (DOMAIN §5.2); a review's frozen
    /// scorecard, which both sides read, holds no draft at all.
    func scorecard(partnerID: UUID, periodLabel: String?, seenBy audience: Audience) async throws -> PartnerScorecard {
        let partner = try await store.partner(partnerID)
        let program = try await store.program(partner.programID)
        let period = try period(for: partner, label: periodLabel)
        let metrics = Dictionary(uniqueKeysWithValues: try await store.metrics(of: program.id).map { ($0.key, $0) })
        let goals = try await store.goals(GoalQuery(seenBy: audience, partnerID: partnerID, periodOverlapping: period))
            .filter { period.holdsGoal(of: $0.period) }
        let lines = try await progress(goals, metrics: metrics, program: program)
        let issues = GoalSetRules.issues(
            in: goals.compactMap { goal in
                metrics[goal.metricKey].map { .init(metric: $0, status: goal.status, ownerSide: goal.ownerSide) }
            }, stage: partner.stage)
        return PartnerScorecard(
            program: program, partner: partner, period: period, lines: lines, issues: issues,
            capacity: try await store.capacityHistory(of: partnerID).last, asOf: clock.today)
    }

    /// Progress of many goals, with all actuals computed in a few SQL statements.
    func progress(_ goals: [Goal], metrics: [String: Metric], program: Program) async throws -> [GoalProgress] {
        try await store.progress(of: goals, program: program, metrics: metrics, asOf: clock.today)
    }
}
