import AccordCore
import AccordStore
import Foundation

/// Runs period close for a program (DOMAIN §5.3): activates agreed goals whose period started,
/// closes every agreed or active goal whose period ended, and saves the carry-forwards — in one transaction.
/// Closing also writes the benefits ledger (§7), the segments of ended vendor quarters (§8) and, after a vendor
/// fiscal year end, the level recommendations (§12).
struct PeriodCloseJob {
    let store: AccordStore
    let clock: AccordClock

    struct Summary: Codable, Equatable {
        var activated = 0
        var achieved = 0
        var missed = 0
        var carriedForward = 0
        var granted = 0
        var withdrawn = 0
        var segmentSnapshots = 0
        var tierRecommendations = 0
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

            let ledger = try await Self.ledgerEntries(for: result.closed, program: program, metrics: metrics, store: store, today: today)
            try await store.append(ledger: ledger, programID: programID, at: now)
            summary.granted = ledger.filter(\.isGrant).count
            summary.withdrawn = ledger.count - summary.granted

            summary.segmentSnapshots = try await Segmentation(store: store, clock: clock).snapshotEndedPeriods(program: program)
            let tiers = TierReviewJob(store: store, clock: clock)
            summary.tierRecommendations = try await tiers.review(programID: programID, asOf: tiers.latestYearEnd(of: program)).count
            return summary
        }
    }

    /// Achieved goals grant their rewards and missed goals withdraw, as far as the policy allows (DOMAIN §7).
    static func ledgerEntries(for closed: [Goal], program: Program, metrics: [String: Metric], store: AccordStore, today: Day)
        async throws -> [LedgerEntry]
    {
        let own = try await store.benefits(ofGoals: closed.map(\.id))
        let items = closed.compactMap { goal -> BenefitsAtClose.ClosedGoal? in
            guard let metric = metrics[goal.metricKey], goal.ownerSide == .partner else { return nil }
            let terms = GoalBenefits.effective(own: own[goal.id], category: metric.category, defaults: program.settings.benefitDefaults)
            return .init(goal: goal, rewards: terms.rewards, consequences: terms.consequences)
        }
        return BenefitsAtClose.entries(for: items, policy: program.settings.motivationPolicy, on: today)
    }
}
