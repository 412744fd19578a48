import AccordCore
import AccordStore
import Foundation

/// The demo's goals: last quarter's goals closed (achieved, missed and carried forward), and this
/// quarter's in every state of the agreement — made through `GoalWorkflow` and `PeriodCloseJob`.
struct DemoGoals {
    let store: AccordStore
    let program: Program
    let today: Day
    let now: Date

    func workflow(at day: Day) -> GoalWorkflow { GoalWorkflow(store: store, clock: .fixed(day.noonUTC)) }

    func cam(_ partner: Partner) -> Actor { Actor(name: partner.channelManager, role: .channelManager) }

    func create(for partners: [Partner], random: inout DemoRandom) async throws {
        for (index, partner) in partners.enumerated() where partner.stage != .recruited {
            try await lastQuarter(partner, index: index)
        }
        _ = try await PeriodCloseJob(store: store, clock: .fixed(now)).run(programID: program.id)
        var lowered = false
        var growing = 0
        for partner in partners {
            let index = partner.stage.isEarly ? 0 : growing
            if !partner.stage.isEarly { growing += 1 }
            if let goal = try await thisQuarter(partner, index: index), !lowered, partner.stage == .established {
                _ = try await workflow(at: today).lower(
                    goal.id, to: Self.text(Self.sensible(goal.target * 95 / 100, unit: .currency, up: false), decimals: 2),
                    reason: "Largest customer's budget frozen after an acquisition; agreed in the quarterly review",
                    by: DemoCast.admin)
                lowered = true
            }
        }
    }

    /// Last quarter: a capability or activity goal, then a revenue goal sized so some are made and some missed.
    func lastQuarter(_ partner: Partner, index: Int) async throws {
        let period = partner.calendar.period(.quarter, containing: today).previous
        let proposedOn = period.start.advanced(by: -12)
        let flow = workflow(at: proposedOn)
        if partner.stage.isEarly {
            try await agree(
                partner, period: period, metric: "enablement_checklist", on: proposedOn, lift: 0.25,
                behaviour: "Finish the onboarding steps that unlock selling")
            return
        }
        try await agree(
            partner, period: period, metric: "deal_registrations", on: proposedOn, lift: 0.15,
            behaviour: "Register opportunities early so both sides can plan coverage")
        let g = try await flow.grounding(partnerID: partner.id, periodLabel: period.label, metricKey: "revenue")
        let request = ActualRequest(partnerID: partner.id, metric: g.metric, period: period)
        let actual = try await store.actuals([request], programID: program.id, checklistItems: []).values.first ?? 0
        // Sized like a real program: a few to a few tens of percent over the baseline, in round amounts. Every third
        // partner (and any that did not sell more than its baseline) aims above what it then sold and misses.
        let least = g.smallestAcceptableTarget ?? 1_000_00
        let base = g.baseline?.value ?? actual
        let target =
            index % 3 == 0 || actual <= least
            ? Self.sensible(max(least, max(base, actual) * 112 / 100), unit: .currency, atLeast: least)
            : Self.sensible(max(least, min(actual * 97 / 100, base * 125 / 100)), unit: .currency, up: false, atLeast: least)
        let goal = try await flow.propose(
            .init(
                partnerID: partner.id, periodLabel: period.label, metricKey: "revenue", ownerSide: .partner,
                target: Self.text(target, decimals: 2), behaviour: "Grow revenue with the new practice's first reference customers"),
            by: cam(partner))
        _ = try await workflow(at: proposedOn.advanced(by: 2)).accept(goal.id, by: DemoCast.contact(for: partner))
    }

    /// This quarter: every state of §5.2. Returns an active revenue goal, if one was agreed.
    func thisQuarter(_ partner: Partner, index: Int) async throws -> Goal? {
        let period = partner.calendar.period(.quarter, containing: today)
        let existing = try await store.goals(GoalQuery(seenBy: .accord, partnerID: partner.id, periodContaining: period.start))
        let early = today.advanced(by: -18)
        switch partner.stage {
        case .recruited:
            _ = try await propose(
                partner, period: period, metric: "enablement_checklist", on: today.advanced(by: -3), lift: 0.5,
                behaviour: "Sign the partner agreement and get portal access for the team", by: cam(partner))
            return nil
        case .onboarding:
            if !existing.contains(where: { $0.metricKey == "enablement_checklist" }) {
                try await agree(
                    partner, period: period, metric: "enablement_checklist", on: early, lift: 0.25,
                    behaviour: "Complete sales and presales training")
            }
            _ = try await propose(
                partner, period: period, metric: "certifications_earned", on: today.advanced(by: -2), lift: 0.5,
                behaviour: "Certify the first engineers so the partner can deliver on its own", by: DemoCast.contact(for: partner))
            return nil
        default:
            break
        }
        let companions = ["certifications_earned", "marketing_campaigns", "new_customers", "customer_satisfaction"]
        try await agree(
            partner, period: period, metric: companions[index % companions.count], on: early, lift: 0.1,
            behaviour: "Build the capability and reach that the revenue plan depends on")
        if index % 2 == 0 {
            let goal = try await propose(
                partner, period: period, metric: "mdf_delivered", on: early, lift: 0.1,
                behaviour: "Fund two joint campaigns in the partner's strongest segment", by: DemoCast.contact(for: partner), owner: .vendor
            )
            _ = try await workflow(at: early.advanced(by: 1)).accept(goal.id, by: cam(partner))
        }
        guard !existing.contains(where: { $0.metricKey == "revenue" }) else { return nil }
        let revenueBehaviour = "Grow revenue in the partner's core segment with a second solution"
        switch index % 6 {
        case 0:
            // Agreed ahead: next quarter's goal waits to become active when its period starts.
            try await agree(
                partner, period: period.next, metric: "deal_registrations", on: today.advanced(by: -5), lift: 0.1,
                behaviour: "Keep registering opportunities as the new solution launches")
            return try await agree(partner, period: period, metric: "revenue", on: early, lift: 0.08, behaviour: revenueBehaviour)
        case 1:
            _ = try await propose(
                partner, period: period, metric: "revenue", on: today.advanced(by: -3), lift: 0.1, behaviour: revenueBehaviour,
                by: cam(partner))
        case 2:
            _ = try await propose(
                partner, period: period, metric: "revenue", on: today.advanced(by: -20), lift: 0.12, behaviour: revenueBehaviour,
                by: cam(partner))
        case 3:
            let goal = try await propose(
                partner, period: period, metric: "revenue", on: early, lift: 0.3, behaviour: revenueBehaviour, by: cam(partner))
            _ = try await workflow(at: early.advanced(by: 4)).decline(
                goal.id, reason: "Two sales reps left; we cannot commit to this growth before they are replaced",
                by: DemoCast.contact(for: partner))
        case 4:
            let goal = try await propose(
                partner, period: period, metric: "revenue", on: early, lift: 0.2, behaviour: revenueBehaviour, by: cam(partner))
            let least = goal.baseline.map { $0.value + 1 } ?? 1
            let counterTarget = Self.sensible(max(goal.target * 92 / 100, least), unit: .currency, atLeast: least)
            _ = try await workflow(at: early.advanced(by: 3)).counter(
                goal.id, target: Self.text(counterTarget, decimals: 2),
                behaviour: "Grow revenue with existing customers first; new logos next quarter", by: DemoCast.contact(for: partner))
            return try await workflow(at: early.advanced(by: 5)).accept(goal.id, by: cam(partner))
        default:
            let goal = try await propose(
                partner, period: period, metric: "revenue", on: early, lift: 0.1, behaviour: revenueBehaviour, by: cam(partner),
                draft: index % 12 == 11)
            if goal.status == .proposed { _ = try await workflow(at: early.advanced(by: 1)).withdraw(goal.id, by: cam(partner)) }
        }
        return nil
    }

    @discardableResult
    func agree(_ partner: Partner, period: Period, metric: String, on day: Day, lift: Double, behaviour: String) async throws -> Goal {
        let goal = try await propose(partner, period: period, metric: metric, on: day, lift: lift, behaviour: behaviour, by: cam(partner))
        return try await workflow(at: day.advanced(by: 2)).accept(goal.id, by: DemoCast.contact(for: partner))
    }

    /// Proposes a goal a realistic step above its baseline (never below what the improvement rule demands).
    func propose(
        _ partner: Partner, period: Period, metric: String, on day: Day, lift: Double, behaviour: String, by actor: Actor,
        owner: Side = .partner, draft: Bool = false
    ) async throws -> Goal {
        let flow = workflow(at: day)
        let g = try await flow.grounding(partnerID: partner.id, periodLabel: period.label, metricKey: metric)
        let least = g.smallestAcceptableTarget ?? 0
        var target = max(least, Int64(Double(g.baseline?.value ?? 0) * (1 + lift)))
        if g.baseline == nil {
            target = max(target, g.metric.unit == .currency ? 25_000_00 : (g.metric.unit == .percent ? 50_00 : 3_00))
        }
        target = Self.sensible(target, unit: g.metric.unit, atLeast: least)
        if g.metric.unit == .percent { target = min(target, 100_00) }
        return try await flow.propose(
            .init(
                partnerID: partner.id, periodLabel: period.label, metricKey: metric, ownerSide: owner,
                target: Self.text(target, decimals: g.metric.decimals(currency: program.currency)), behaviour: behaviour, asDraft: draft),
            by: actor)
    }

    static func text(_ value: Int64, decimals: Int) -> String { FixedPoint.format(value, decimals: decimals, grouping: false) }

    /// A target people would agree to: whole $1,000 from $100,000, whole $100 from $1,000, whole units of counts and
    /// percentages — rounded up (or down) to that unit, never below `atLeast` (the improvement rule's minimum).
    static func sensible(_ value: Int64, unit: MetricUnit, up: Bool = true, atLeast least: Int64 = 0) -> Int64 {
        let step: Int64 =
            switch unit {
            case .currency: value >= 100_000_00 ? 1_000_00 : (value >= 1_000_00 ? 100_00 : 1_00)
            case .count, .percent, .score: Metric.oneUnit
            }
        func round(_ v: Int64, up: Bool) -> Int64 { up ? (v + step - 1) / step * step : v / step * step }
        let rounded = round(value, up: up)
        return rounded >= least ? rounded : round(least, up: true)
    }
}
