import AccordCore
import AccordStore
import Foundation
import Vapor

/// Carries out goal actions: loads what the rules need, lets AccordCore decide, saves the result.
struct GoalWorkflow {
    let store: AccordStore
    let clock: AccordClock
    /// The site's address for the links of the messages a change sends; nil sends none (the demo's own history).
    var publicURL: String? = nil

    struct ProposalInput {
        var partnerID: UUID
        var periodLabel: String
        var metricKey: String
        var ownerSide: Side
        var target: String
        var behaviour: String
        var objective: String?
        var asDraft: Bool = false
        var objectiveID: UUID? = nil
        /// Whether a target far outside the metric's history (`RealisticSizing.isFarFromHistory`) was confirmed. Forms
        /// and the API ask a person; targets Accord derives itself (a plan's objectives, the demo) need no asking.
        var farTargetConfirmed = true
    }

    /// What a proposal form shows before the target is typed (DOMAIN §5.1, §5.5).
    struct Grounding {
        let partner: Partner
        let program: Program
        let metric: Metric
        let period: Period
        let baseline: Baseline?
        let bestAchievedTarget: Int64?
        let smallestAcceptableTarget: Int64?
        let capacity: CapacityProfile?
        let sizing: RealisticSizing
    }

    func grounding(partnerID: UUID, periodLabel: String, metricKey: String) async throws -> Grounding {
        let partner = try await store.partner(partnerID)
        let program = try await store.program(partner.programID)
        let metric = try await store.metric(metricKey, of: program.id)
        let period = try Period(label: periodLabel, calendar: partner.calendar)
        let history = try await store.baselineHistory(
            partnerID: partnerID, metric: metric, period: period, programID: program.id,
            checklistItems: program.settings.checklistItems)
        let baseline = history.baseline(for: metric, period: period, today: clock.today)
        let achieved = try await store.bestAchievedTarget(partnerID: partnerID, metric: metric)
        let smallest = program.settings.improvementRule.smallestAcceptableTarget(
            metric: metric, baseline: baseline, bestAchievedTarget: achieved)
        // Realistic sizing (§5.5): the partner's own last twelve months against the twelve before, and its capacity.
        let windows = RealisticSizing.Growth.windows(quarterStart: partner.calendar.period(.quarter, containing: clock.today).start)
        let recent = ActualRequest(partnerID: partnerID, metric: metric, start: windows.recent.0, end: windows.recent.1)
        let earlier = ActualRequest(partnerID: partnerID, metric: metric, start: windows.earlier.0, end: windows.earlier.1)
        let actuals = try await store.actuals([recent, earlier], programID: program.id, checklistItems: program.settings.checklistItems)
        let growth = zip(actuals[recent], actuals[earlier]).map {
            RealisticSizing.Growth(recent: $0, earlier: $1, recentEnd: windows.recent.1)
        }
        let capacity = try await store.capacityHistory(of: partnerID).last
        let profile = program.settings.seasonality(region: partner.region)
        let year = partner.calendar.period(.year, containing: period.start)
        let yearWeight = profile.weight(from: year.start, to: year.end)
        let sizing = RealisticSizing(
            metric: metric, baseline: baseline, smallestAcceptable: smallest, growth: growth, capacity: capacity,
            yearShare: yearWeight > 0 ? profile.weight(from: period.start, to: period.end) / yearWeight : 0, currency: program.currency)
        return Grounding(
            partner: partner, program: program, metric: metric, period: period, baseline: baseline,
            bestAchievedTarget: achieved, smallestAcceptableTarget: smallest, capacity: capacity, sizing: sizing)
    }

    func propose(_ input: ProposalInput, by actor: Actor) async throws -> Goal {
        let g = try await grounding(partnerID: input.partnerID, periodLabel: input.periodLabel, metricKey: input.metricKey)
        let target = try Self.parseTarget(input.target, metric: g.metric, currency: g.program.currency)
        if !input.farTargetConfirmed, RealisticSizing.isFarFromHistory(target, baseline: g.baseline, metric: g.metric) {
            let show = { (v: Int64) in g.metric.format(v, currency: g.program.currency) }
            throw GoalRuleError.farFromHistory(target: show(target), baseline: g.baseline.map { show($0.value) } ?? "—")
        }
        // The set the proposer can see: another side's unsent draft neither balances it nor betrays itself by refusing it.
        let existing = try await store.goals(
            GoalQuery(seenBy: .side(actor.side), partnerID: input.partnerID, periodContaining: g.period.start)
        )
        .filter { $0.period == g.period }
        let metrics = try await metricsByKey(g.program.id)
        try GoalSetRules.admit(
            .init(metric: g.metric, status: .proposed, ownerSide: input.ownerSide),
            into: existing.compactMap { goal in
                metrics[goal.metricKey].map { GoalSetRules.Member(metric: $0, status: goal.status, ownerSide: goal.ownerSide) }
            },
            stage: g.partner.stage, periodLabel: g.period.label)
        let goal = try Goal.propose(
            GoalProposal(
                partnerID: input.partnerID, period: g.period, metric: g.metric, ownerSide: input.ownerSide, target: target,
                behaviour: input.behaviour, objective: input.objective, objectiveID: input.objectiveID),
            context: context(g), by: actor, today: clock.today, now: clock.now(), asDraft: input.asDraft)
        let action = input.asDraft ? "draft" : "propose"
        try await store.save(
            goal, programID: g.program.id, action: action, by: actor, at: clock.now(),
            messages: try await messages(goal, action: action, by: actor, g))
        return goal
    }

    func send(_ goalID: UUID, by actor: Actor) async throws -> Goal {
        try await change(goalID, action: "send", by: actor) { goal, _ in try goal.send(by: actor, now: clock.now()) }
    }

    func counter(_ goalID: UUID, target: String, behaviour: String?, comment: String? = nil, by actor: Actor) async throws -> Goal {
        try await change(goalID, action: "counter", by: actor) { goal, g in
            let value = try Self.parseTarget(target, metric: g.metric, currency: g.program.currency)
            try goal.counter(
                target: value, behaviour: behaviour, comment: comment, metric: g.metric, context: context(g), by: actor,
                now: clock.now())
        }
    }

    func comment(_ goalID: UUID, text: String, by actor: Actor) async throws -> Goal {
        try await change(goalID, action: "comment", by: actor) { goal, _ in try goal.comment(text, by: actor, now: clock.now()) }
    }

    func accept(_ goalID: UUID, by actor: Actor) async throws -> Goal {
        try await change(goalID, action: "accept", by: actor) { goal, _ in
            try goal.accept(by: actor, today: clock.today, now: clock.now())
        }
    }

    func decline(_ goalID: UUID, reason: String, by actor: Actor) async throws -> Goal {
        try await change(goalID, action: "decline", by: actor, reason: reason) { goal, _ in
            try goal.decline(by: actor, reason: reason, now: clock.now())
        }
    }

    func withdraw(_ goalID: UUID, by actor: Actor) async throws -> Goal {
        try await change(goalID, action: "withdraw", by: actor) { goal, _ in try goal.withdraw(by: actor, now: clock.now()) }
    }

    /// The explicit override of DOMAIN §5.3: admin only, reason required, audited.
    func lower(_ goalID: UUID, to target: String, reason: String, by actor: Actor) async throws -> Goal {
        try await change(goalID, action: "lower", by: actor, reason: reason) { goal, g in
            let value = try Self.parseTarget(target, metric: g.metric, currency: g.program.currency)
            try goal.lowerTarget(to: value, reason: reason, metric: g.metric, currency: g.program.currency, by: actor, now: clock.now())
        }
    }

    private func change(
        _ goalID: UUID, action: String, by actor: Actor, reason: String? = nil,
        _ body: (inout Goal, Grounding) async throws -> Void
    ) async throws -> Goal {
        var goal = try await store.goal(goalID, seenBy: .side(actor.side))
        let g = try await grounding(partnerID: goal.partnerID, periodLabel: goal.period.label, metricKey: goal.metricKey)
        try await body(&goal, g)
        try await store.save(
            goal, programID: g.program.id, action: action, by: actor, at: clock.now(), reason: reason,
            messages: try await messages(goal, action: action, by: actor, g))
        return goal
    }

    /// What the change tells the other side, written with it (the outbox).
    private func messages(_ goal: Goal, action: String, by actor: Actor, _ g: Grounding) async throws -> [OutboxMessage] {
        guard let publicURL else { return [] }
        return try await Notifier(store: store, publicURL: publicURL).messages(
            for: goal, action: action, by: actor, partner: g.partner, program: g.program, metric: g.metric, at: clock.now())
    }

    private func context(_ g: Grounding) -> ImprovementContext {
        ImprovementContext(
            baseline: g.baseline, bestAchievedTarget: g.bestAchievedTarget, rule: g.program.settings.improvementRule,
            currency: g.program.currency)
    }

    private func metricsByKey(_ programID: UUID) async throws -> [String: Metric] {
        Dictionary(uniqueKeysWithValues: try await store.metrics(of: programID).map { ($0.key, $0) })
    }

    static func parseTarget(_ text: String, metric: Metric, currency: Currency) throws -> Int64 {
        do {
            return try FigureLimits.parse(text, unit: metric.unit, currency: currency)
        } catch {
            throw InputError("the target \(error)", field: "target")
        }
    }
}

extension Request {
    /// The goal workflow of a request: its changes send their messages, with links to this site.
    var goalWorkflow: GoalWorkflow { GoalWorkflow(store: store, clock: clock, publicURL: application.publicURL) }
}
