import AccordCore
import AccordStore
import Foundation

/// Plan objectives → interim targets → goal proposals (DOMAIN §10): load, let Core suggest, propose through §5.2.
struct PlanWorkflow {
    let store: AccordStore
    let clock: AccordClock

    struct Suggestions {
        let metric: Metric
        let program: Program
        let partner: Partner
        let items: [InterimTargets.Suggestion]
    }

    func suggestions(for plan: JointPlan, objective: JointPlanContent.Objective, periodKind: PeriodKind = .quarter) async throws
        -> Suggestions
    {
        let content = plan.current.content
        let partner = try await store.partner(plan.partnerID)
        let program = try await store.program(partner.programID)
        let metric = try await store.metric(objective.metricKey, of: program.id)
        // The starting point: last fiscal year's total for sums, today's level for levels.
        let lastYear = Period(calendar: partner.calendar, kind: .year, fiscalYear: content.firstFiscalYear - 1, index: 1)
        let level = metric.aggregation.accumulates ? lastYear : partner.calendar.period(.month, containing: clock.today)
        let start =
            try await store.actuals(
                [ActualRequest(partnerID: partner.id, metric: metric, period: level)], programID: program.id,
                checklistItems: program.settings.checklistItems
            ).values.first ?? 0
        var baselines: [Period: Baseline] = [:]
        for fiscalYear in content.firstFiscalYear...content.lastFiscalYear {
            for period in partner.calendar.periods(periodKind, inFiscalYear: fiscalYear) {
                let history = try await store.baselineHistory(
                    partnerID: partner.id, metric: metric, period: period, programID: program.id,
                    checklistItems: program.settings.checklistItems)
                if let baseline = history.baseline(for: metric, period: period, today: clock.today) { baselines[period] = baseline }
            }
        }
        let items = InterimTargets.suggest(
            metric: metric, objective: objective.target, startValue: start, calendar: partner.calendar,
            firstFiscalYear: content.firstFiscalYear,
            horizonYears: content.horizonYears, periodKind: periodKind,
            seasonality: program.settings.seasonality(region: partner.region),
            rule: program.settings.improvementRule, baselines: baselines)
        return Suggestions(metric: metric, program: program, partner: partner, items: items)
    }

    struct Outcome {
        var proposed: [Goal] = []
        /// Periods skipped, with the reason (already has a goal on the metric, or a rule refused it).
        var skipped: [(period: String, reason: String)] = []
    }

    /// Turns the suggestions of the next `count` open periods into goal proposals in one step.
    func propose(plan: JointPlan, objectiveID: UUID, count: Int, by actor: Actor) async throws -> Outcome {
        guard let objective = plan.current.content.objectives.first(where: { $0.id == objectiveID }) else {
            throw StoreError.notFound("objective \(objectiveID)")
        }
        let s = try await suggestions(for: plan, objective: objective)
        let today = clock.today
        let existing = try await store.goals(
            GoalQuery(seenBy: .side(actor.side), partnerID: plan.partnerID, metricKey: objective.metricKey)
        )
        .filter { $0.status != .declined && $0.status != .withdrawn }
        var outcome = Outcome()
        for suggestion in s.items.filter({ $0.period.end > today }).prefix(count) {
            if existing.contains(where: { $0.period == suggestion.period }) {
                outcome.skipped.append((suggestion.period.label, "already has a \(s.metric.name) goal"))
                continue
            }
            do {
                let goal = try await GoalWorkflow(store: store, clock: clock).propose(
                    .init(
                        partnerID: plan.partnerID, periodLabel: suggestion.period.label, metricKey: objective.metricKey,
                        ownerSide: objective.ownerSide, target: s.metric.plainText(suggestion.target, currency: s.program.currency),
                        behaviour: objective.description.isEmpty
                            ? "A step toward the joint plan's objective" : "A step toward: \(objective.description)",
                        objective: objective.description.isEmpty ? nil : objective.description, objectiveID: objective.id),
                    by: actor)
                outcome.proposed.append(goal)
            } catch let error as GoalRuleError {
                outcome.skipped.append((suggestion.period.label, error.description))
            }
        }
        return outcome
    }
}
