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
            // Two closes at once (two instances, or cron and a person) close each goal once: the second waits here.
            try await store.lockForScheduledWork(programID: programID)
            let program = try await store.program(programID)
            let metrics = Dictionary(uniqueKeysWithValues: try await store.metrics(of: programID).map { ($0.key, $0) })
            var summary = Summary()

            var activated: [(goal: Goal, action: String)] = []
            for var goal in try await store.goals(GoalQuery(seenBy: .accord, programID: programID, statuses: [.agreed]))
            where goal.period.end > today {
                goal.activateIfStarted(today: today)
                if goal.status == .active { activated.append((goal, "activate")) }
            }
            try await store.save(activated, programID: programID, by: .accord, at: now)
            summary.activated = activated.count

            let due = try await store.goals(
                GoalQuery(seenBy: .accord, programID: programID, statuses: [.agreed, .active], periodEndedBy: today)
            )
            .compactMap { goal in metrics[goal.metricKey].map { (goal: goal, metric: $0) } }
            let checklist = program.settings.checklistItems
            let actuals = try await store.actuals(
                due.map { ActualRequest(partnerID: $0.goal.partnerID, metric: $0.metric, period: $0.goal.period) }, programID: programID,
                checklistItems: checklist)
            let actual = { (g: (goal: Goal, metric: Metric)) in
                actuals[ActualRequest(partnerID: g.goal.partnerID, metric: g.metric, period: g.goal.period)]
            }
            // Only a missed goal is carried forward, so only it needs the next period's baseline.
            let missed = due.filter { !PeriodClose.isAchieved(actual: actual($0), metric: $0.metric, target: $0.goal.target) }
            let next = { (g: (goal: Goal, metric: Metric)) in
                BaselineRequest(partnerID: g.goal.partnerID, metric: g.metric, period: g.goal.period.next)
            }
            let histories = try await store.baselineHistories(missed.map(next), programID: programID, checklistItems: checklist)
            let achieved = AchievedTargets(try await store.goals(GoalQuery(seenBy: .accord, programID: programID, statuses: [.achieved])))
            let closing = due.map { g in
                ClosingGoal(
                    goal: g.goal, metric: g.metric, actual: actual(g),
                    nextPeriodBaseline: histories[next(g)]?.baseline(for: g.metric, period: g.goal.period.next, today: today),
                    bestAchievedTarget: achieved.best(partnerID: g.goal.partnerID, metric: g.metric, excluding: g.goal.id))
            }
            let result = PeriodClose.close(closing, rule: program.settings.improvementRule, today: today, now: now)
            try await store.save(
                result.closed.map { ($0, $0.status.rawValue) } + result.carriedForward.map { ($0, "carry_forward") },
                programID: programID, by: .accord, at: now)
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
            guard let metric = metrics[goal.metricKey] else { return nil }
            let terms = GoalBenefits.effective(own: own[goal.id], category: metric.category, defaults: program.settings.benefitDefaults)
                .atStake(ownerSide: goal.ownerSide, policy: program.settings.motivationPolicy)
            guard !terms.isEmpty else { return nil }
            return .init(goal: goal, rewards: terms.rewards, consequences: terms.consequences)
        }
        return BenefitsAtClose.entries(for: items, policy: program.settings.motivationPolicy, on: today)
    }
}
