import Foundation

@testable import AccordCore

/// Shared values for goal tests: a July-start partner, actors of each role, fixed dates.
enum Fixture {
    static let calendar = FiscalCalendar(validStartMonth: 7)
    static let partnerID = UUID(uuidString: "00000000-0000-0000-0000-0000000000AA")!
    static let q2 = Period(calendar: calendar, kind: .quarter, fiscalYear: 2027, index: 2)  // Oct–Dec 2026
    static let today = Day(year: 2026, month: 9, day: 15)
    static let now = Date(timeIntervalSince1970: 1_789_000_000)
    static let cam = Actor(name: "Casey CAM", role: .channelManager)
    static let admin = Actor(name: "Ada Admin", role: .programAdmin)
    static let partnerAdmin = Actor(name: "Pat Partner", role: .partnerAdmin)
    static let member = Actor(name: "Mo Member", role: .partnerMember)

    static func context(baseline: Int64?, achieved: Int64? = nil, minimum: Double = 0) -> ImprovementContext {
        ImprovementContext(
            baseline: baseline.map { Baseline(value: $0, source: .samePeriodLastYear(label: "FY2026 Q2")) },
            bestAchievedTarget: achieved, rule: ImprovementRule(minimumImprovement: minimum), currency: .usd)
    }

    static func proposal(_ metric: Metric = MetricCatalog.revenue, target: Int64, period: Period = q2) -> GoalProposal {
        GoalProposal(
            partnerID: partnerID, period: period, metric: metric, ownerSide: .partner, target: target,
            behaviour: "Grow the security practice with two new reference customers")
    }

    static func proposed(target: Int64 = 120_000_00, baseline: Int64? = 100_000_00, by actor: Actor = cam) throws -> Goal {
        try Goal.propose(proposal(target: target), context: context(baseline: baseline), by: actor, today: today, now: now)
    }

    static func draft(by actor: Actor) throws -> Goal {
        try Goal.propose(
            proposal(target: 120_000_00), context: context(baseline: 100_000_00), by: actor, today: today, now: now, asDraft: true)
    }

    static func agreed(target: Int64 = 120_000_00, baseline: Int64? = 100_000_00) throws -> Goal {
        var goal = try proposed(target: target, baseline: baseline)
        try goal.accept(by: partnerAdmin, today: today, now: now)
        return goal
    }
}
