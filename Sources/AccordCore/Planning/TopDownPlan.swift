import Foundation

/// How the vendor's plan is spread over partners (DOMAIN §9). Missing keys weigh 1.
public struct PlanningIndexes: Hashable, Codable, Sendable {
    public var region: [String: Double]
    public var solution: [String: Double]

    public init(region: [String: Double] = [:], solution: [String: Double] = [:]) {
        self.region = region
        self.solution = solution
    }
}

/// The vendor's revenue plan for one of its own periods (DOMAIN §9), in program currency minor units.
public struct TopDownPlanEntry: Hashable, Codable, Sendable {
    public let period: Period
    public let amount: Int64

    public init(period: Period, amount: Int64) {
        self.period = period
        self.amount = amount
    }
}

/// A partner's internal planning expectation for one solution in one vendor period. Internal: never a goal,
/// never shown to a partner user (DOMAIN §9).
public struct PlanningExpectation: Hashable, Codable, Sendable {
    public let partnerID: UUID
    public let solution: String
    public let amount: Int64
}

public enum TopDownSpread {
    /// The plan for `period`: entered for it, or derived from the plan of its fiscal year by seasonality.
    public static func planAmount(
        for period: Period, entries: [TopDownPlanEntry], seasonality: SeasonalityProfile
    ) -> (amount: Int64, derivedFrom: Period?)? {
        if let entry = entries.first(where: { $0.period == period }) { return (entry.amount, nil) }
        let year = period.calendar.period(.year, containing: period.start)
        guard period.kind != .year, let entry = entries.first(where: { $0.period == year }) else { return nil }
        let share = seasonality.weight(from: period.start, to: period.end) / seasonality.weight(from: year.start, to: year.end)
        return (Figures.roundedOrZero(Double(entry.amount) * share), year)
    }

    /// What each partner sold of each solution in the same period a year earlier.
    public struct PartnerBasis: Sendable {
        public let partnerID: UUID
        public let region: String
        public let priorRevenueBySolution: [String: Int64]

        public init(partnerID: UUID, region: String, priorRevenueBySolution: [String: Int64]) {
            self.partnerID = partnerID
            self.region = region
            self.priorRevenueBySolution = priorRevenueBySolution
        }
    }

    /// Spreads `plan` over partners by prior-year share × solution index × region index. The amounts add up to the
    /// plan exactly (largest remainders); partners with no prior-year revenue get no expectation.
    public static func expectations(plan: Int64, partners: [PartnerBasis], indexes: PlanningIndexes) -> [PlanningExpectation] {
        var cells: [(partnerID: UUID, solution: String, weight: Double)] = []
        for partner in partners {
            let regionIndex = max(0, indexes.region[partner.region] ?? 1)
            for (solution, revenue) in partner.priorRevenueBySolution where revenue > 0 {
                let weight = Double(revenue) * max(0, indexes.solution[solution] ?? 1) * regionIndex
                if weight > 0 { cells.append((partner.partnerID, solution, weight)) }
            }
        }
        let total = cells.reduce(0) { $0 + $1.weight }
        guard total > 0, plan > 0 else { return [] }
        let exact = cells.map { Double(plan) * $0.weight / total }
        var amounts = exact.map { Figures.roundedDown($0) }
        // Rounding down leaves at most one unit per cell to hand out.
        let short = Int(clamping: max(0, min(Figures.subtract(plan, Figures.sum(amounts)), Int64(cells.count))))
        let byRemainder = exact.indices.sorted { (exact[$0] - exact[$0].rounded(.down), $1) > (exact[$1] - exact[$1].rounded(.down), $0) }
        for i in byRemainder.prefix(short) { amounts[i] = Figures.add(amounts[i], 1) }
        return cells.indices.map { PlanningExpectation(partnerID: cells[$0].partnerID, solution: cells[$0].solution, amount: amounts[$0]) }
    }

    /// The part of a vendor-period figure that falls within `start..<end`, shaped by seasonality.
    public static func portion(of amount: Int64, in period: Period, from start: Day, to end: Day, seasonality: SeasonalityProfile) -> Int64
    {
        let from = max(start, period.start)
        let to = min(end, period.end)
        guard from < to else { return 0 }
        let whole = seasonality.weight(from: period.start, to: period.end)
        guard whole > 0 else { return 0 }
        return Figures.roundedOrZero(Double(amount) * seasonality.weight(from: from, to: to) / whole)
    }
}

/// The top-down echo check (DOMAIN §9): a vendor-proposed revenue target within 2 % of the partner's internal
/// planning expectation looks like the plan handed down rather than a goal grounded in the partner's own plan.
public enum EchoCheck {
    public static let tolerance = 0.02

    /// The check is for revenue goals of the partner's side whose current target the vendor wrote and the partner
    /// has not agreed yet, plus every agreed revenue goal (counted in the coverage report).
    public static func applies(to goal: Goal) -> Bool {
        guard goal.metricKey == MetricCatalog.revenue.key, goal.ownerSide == .partner else { return false }
        return goal.status.isCommitted || ((goal.status == .draft || goal.status == .proposed) && goal.current.author.role.side == .vendor)
    }

    /// Whether the check speaks to the proposer now: before the partner has agreed.
    public static func warnsBeforeSending(_ goal: Goal) -> Bool { applies(to: goal) && !goal.status.isCommitted }

    public static func looksTopDown(target: Int64, expectation: Int64) -> Bool {
        expectation > 0 && abs(Double(target) - Double(expectation)) <= Double(expectation) * tolerance
    }

    public static let message =
        "Looks top-down — grounded in the partner's plan? The target is within 2 % of the planning expectation (internal)."
}
