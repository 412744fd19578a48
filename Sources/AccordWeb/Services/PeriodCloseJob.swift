import AccordCore
import AccordStore
import Foundation

/// Runs period close for a program (DOMAIN §5.3): activates agreed goals whose period started,
/// closes every agreed or active goal whose period ended, and saves the carry-forwards — in one transaction.
struct PeriodCloseJob {
    let store: AccordStore
    let clock: AccordClock

    struct Summary: Codable, Equatable {
        var activated = 0
        var achieved = 0
        var missed = 0
        var carriedForward = 0
    }

    func run(programID: UUID) async throws -> Summary {
        let today = clock.today
        let now = clock.now()
        return try await store.transaction { store in
            let program = try await store.program(programID)
            let metrics = Dictionary(uniqueKeysWithValues: try await store.metrics(of: programID).map { ($0.key, $0) })
            var summary = Summary()

            for var goal in try await store.goals(GoalQuery(programID: programID, statuses: [.agreed])) where goal.period.end > today {
                goal.activateIfStarted(today: today)
                if goal.status == .active {
                    try await store.save(goal, programID: programID, action: "activate", by: .accord, at: now)
                    summary.activated += 1
                }
            }

            let due = try await store.goals(GoalQuery(programID: programID, statuses: [.agreed, .active], periodEndedBy: today))
            let requests = due.compactMap { goal in
                metrics[goal.metricKey].map { ActualRequest(partnerID: goal.partnerID, metric: $0, period: goal.period) }
            }
            let actuals = try await store.actuals(requests, programID: programID, checklistItems: program.settings.checklistItems)
            var closing: [ClosingGoal] = []
            for goal in due {
                guard let metric = metrics[goal.metricKey] else { continue }
                let next = goal.period.next
                let history = try await store.baselineHistory(
                    partnerID: goal.partnerID, metric: metric, period: next, programID: programID,
                    checklistItems: program.settings.checklistItems)
                closing.append(
                    ClosingGoal(
                        goal: goal, metric: metric,
                        actual: actuals[ActualRequest(partnerID: goal.partnerID, metric: metric, period: goal.period)],
                        nextPeriodBaseline: history.baseline(for: metric, period: next),
                        bestAchievedTarget: try await store.bestAchievedTarget(
                            partnerID: goal.partnerID, metric: metric, excluding: goal.id)))
            }
            let result = PeriodClose.close(closing, rule: program.settings.improvementRule, today: today, now: now)
            for goal in result.closed {
                try await store.save(goal, programID: programID, action: goal.status.rawValue, by: .accord, at: now)
            }
            for goal in result.carriedForward {
                try await store.save(goal, programID: programID, action: "carry_forward", by: .accord, at: now)
            }
            summary.achieved = result.closed.filter { $0.status == .achieved }.count
            summary.missed = result.closed.filter { $0.status == .missed }.count
            summary.carriedForward = result.carriedForward.count
            return summary
        }
    }
}
