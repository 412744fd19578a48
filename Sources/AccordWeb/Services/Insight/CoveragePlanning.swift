import AccordCore
import AccordStore
import Foundation

/// The top-down plan spread into internal planning expectations, and the coverage report (DOMAIN §9).
/// Vendor staff only: every caller sits behind the vendor guard.
struct CoveragePlanning {
    let store: AccordStore
    let clock: AccordClock

    struct Result {
        let program: Program
        let period: Period
        let plan: Int64?
        /// The fiscal-year plan a quarter's plan was derived from by seasonality, if it was.
        let derivedFrom: Period?
        let report: CoverageReport
        let entries: [TopDownPlanEntry]
    }

    func period(of program: Program, label: String?) throws -> Period {
        if let label, !label.isEmpty { return try Period(label: label, calendar: program.calendar) }
        return program.calendar.period(.quarter, containing: clock.today)
    }

    /// Expectations per partner and solution for one vendor period; empty when there is no plan for it.
    func expectations(program: Program, period: Period, entries: [TopDownPlanEntry], partners: [Partner]) async throws
        -> [UUID: [String: Int64]]
    {
        guard let plan = TopDownSpread.planAmount(for: period, entries: entries, seasonality: program.settings.seasonality) else {
            return [:]
        }
        let prior = period.oneYearEarlier
        let revenue = try await store.revenueBySolution(programID: program.id, from: prior.start, to: prior.end)
        let basis = partners.filter { $0.stage != .exited }.map {
            TopDownSpread.PartnerBasis(partnerID: $0.id, region: $0.region, priorRevenueBySolution: revenue[$0.id] ?? [:])
        }
        var result: [UUID: [String: Int64]] = [:]
        for cell in TopDownSpread.expectations(plan: plan.amount, partners: basis, indexes: program.settings.planningIndexes) {
            result[cell.partnerID, default: [:]][cell.solution] = cell.amount
        }
        return result
    }

    /// A partner's expectation over a span of its own calendar: the vendor quarters it overlaps, pro rata.
    func expectation(
        partnerID: UUID, region: String, from start: Day, to end: Day, program: Program, entries: [TopDownPlanEntry],
        partners: [Partner],
        cache: inout [Period: [UUID: [String: Int64]]]
    ) async throws -> Int64 {
        var total: Int64 = 0
        var quarter = program.calendar.period(.quarter, containing: start)
        while quarter.start < end {
            if cache[quarter] == nil {
                cache[quarter] = try await expectations(program: program, period: quarter, entries: entries, partners: partners)
            }
            // Each solution's share of the quarter follows that solution's rhythm in the partner's region.
            for (solution, amount) in cache[quarter]?[partnerID] ?? [:] {
                let profile = program.settings.seasonality(region: region, solution: solution)
                total = Figures.add(total, TopDownSpread.portion(of: amount, in: quarter, from: start, to: end, seasonality: profile))
            }
            quarter = quarter.next
        }
        return total
    }

    func report(programID: UUID, periodLabel: String?) async throws -> Result {
        let program = try await store.program(programID)
        let period = try period(of: program, label: periodLabel)
        let entries = try await store.topDownPlans(programID: programID, calendar: program.calendar)
        let partners = try await store.partners(of: programID)
        let plan = TopDownSpread.planAmount(for: period, entries: entries, seasonality: program.settings.seasonality)
        var cache: [Period: [UUID: [String: Int64]]] = [:]
        let spread = try await expectations(program: program, period: period, entries: entries, partners: partners)
        cache[period] = spread
        let goals = try await store.goals(GoalQuery(seenBy: .side(.vendor), programID: programID, metricKey: MetricCatalog.revenue.key))
            .filter {
                EchoCheck.applies(to: $0) && $0.period.start < period.end && $0.period.end > period.start
            }
        let goalsByPartner = Dictionary(grouping: goals, by: \.partnerID)
        var lines: [CoverageReport.PartnerLine] = []
        for partner in partners where partner.stage != .exited {
            let mine = goalsByPartner[partner.id] ?? []
            var agreed: Int64 = 0
            var echoes = 0
            for goal in mine {
                if goal.status.isCommitted {
                    agreed = Figures.add(
                        agreed,
                        TopDownSpread.portion(
                            of: goal.target, in: goal.period, from: period.start, to: period.end,
                            seasonality: program.settings.seasonality(region: partner.region))
                    )
                }
                let expected = try await expectation(
                    partnerID: partner.id, region: partner.region, from: goal.period.start, to: goal.period.end, program: program,
                    entries: entries,
                    partners: partners, cache: &cache)
                if EchoCheck.looksTopDown(target: goal.target, expectation: expected) { echoes += 1 }
            }
            guard !(spread[partner.id] ?? [:]).isEmpty || agreed > 0 else { continue }
            lines.append(
                CoverageReport.PartnerLine(
                    partnerID: partner.id, partnerName: partner.name, region: partner.region, channelManager: partner.channelManager,
                    expectationBySolution: spread[partner.id] ?? [:], agreed: agreed, echoGoals: echoes))
        }
        return Result(
            program: program, period: period, plan: plan?.amount, derivedFrom: plan?.derivedFrom,
            report: CoverageReport(plan: plan?.amount ?? 0, lines: lines), entries: entries)
    }

    /// The echo check for one goal (DOMAIN §9): shown to vendor staff before a revenue goal is sent.
    func echoWarning(for goal: Goal) async throws -> Int64? {
        guard EchoCheck.warnsBeforeSending(goal) else { return nil }
        let partner = try await store.partner(goal.partnerID)
        let program = try await store.program(partner.programID)
        let entries = try await store.topDownPlans(programID: program.id, calendar: program.calendar)
        guard !entries.isEmpty else { return nil }
        var cache: [Period: [UUID: [String: Int64]]] = [:]
        let expected = try await expectation(
            partnerID: goal.partnerID, region: partner.region, from: goal.period.start, to: goal.period.end, program: program,
            entries: entries,
            partners: try await store.partners(of: program.id), cache: &cache)
        return EchoCheck.looksTopDown(target: goal.target, expectation: expected) ? expected : nil
    }
}
