import Foundation
import PropertyBased
import Testing

@testable import AccordCore

/// DOMAIN §5.3 — no lowering: keep the goal until it is made.
@Suite("§5.3 No lowering")
struct NoLoweringTests {
    let afterQ2 = Fixture.q2.end

    func closing(_ goal: Goal, actual: Int64?, nextBaseline: Int64? = nil, metric: Metric = MetricCatalog.revenue) -> ClosingGoal {
        ClosingGoal(
            goal: goal, metric: metric, actual: actual,
            nextPeriodBaseline: nextBaseline.map { Baseline(value: $0, source: .samePeriodLastYear(label: "FY2026 Q3")) },
            bestAchievedTarget: nil)
    }

    @Test func atPeriodCloseActiveGoalsBecomeAchievedOrMissed() throws {
        var reached = try Fixture.agreed()
        reached.activateIfStarted(today: Fixture.q2.start)
        let missed = try Fixture.agreed()
        let result = PeriodClose.close(
            [closing(reached, actual: 120_000_00), closing(missed, actual: 119_999_99)], rule: ImprovementRule(),
            today: afterQ2, now: Fixture.now)
        #expect(result.closed.map(\.status) == [.achieved, .missed])
        #expect(result.closed.map(\.closingActual) == [120_000_00, 119_999_99])
        #expect(result.carriedForward.count == 1)
    }

    @Test func missedGoalIsCarriedForwardWithTheSameTarget() throws {
        let goal = try Fixture.agreed()
        let result = PeriodClose.close([closing(goal, actual: 80_000_00)], rule: ImprovementRule(), today: afterQ2, now: Fixture.now)
        let carried = try #require(result.carriedForward.first)
        #expect(carried.period == Fixture.q2.next)
        #expect(carried.period.kind == .quarter)
        #expect(carried.target == goal.target)
        #expect(carried.carriedFrom == goal.id)
        #expect(carried.status == .active, "the next quarter has started on the day the previous one ended")
        #expect(carried.isAgreedByCarryForward, "already agreed, by the rule")
        #expect(carried.current.origin == .carryForward)
        #expect(carried.behaviour == goal.behaviour)
    }

    @Test func carriedTargetRisesToTheImprovementMinimumButNeverFalls() throws {
        let goal = try Fixture.agreed()
        let higher = PeriodClose.close(
            [closing(goal, actual: 80_000_00, nextBaseline: 150_000_00)], rule: ImprovementRule(), today: afterQ2, now: Fixture.now)
        #expect(higher.carriedForward.first?.target == 150_000_01)
        let lower = PeriodClose.close(
            [closing(goal, actual: 80_000_00, nextBaseline: 10_000_00)], rule: ImprovementRule(), today: afterQ2, now: Fixture.now)
        #expect(lower.carriedForward.first?.target == goal.target)
    }

    @Test func aCarriedTargetSaysWhetherItIsTheSameOrRaisedToTheNewPeriodsMinimum() throws {
        let goal = try Fixture.agreed()
        let same = try #require(
            PeriodClose.close([closing(goal, actual: 80_000_00)], rule: ImprovementRule(), today: afterQ2, now: Fixture.now)
                .carriedForward.first)
        #expect(
            same.carryForwardNote(missed: goal, metric: MetricCatalog.revenue, currency: .usd)
                == "Carried forward from the missed goal of FY2027 Q2 with the same target, $120,000.00.")
        let raised = try #require(
            PeriodClose.close(
                [closing(goal, actual: 80_000_00, nextBaseline: 150_000_00)], rule: ImprovementRule(), today: afterQ2, now: Fixture.now
            ).carriedForward.first)
        let note = try #require(raised.carryForwardNote(missed: goal, metric: MetricCatalog.revenue, currency: .usd))
        #expect(note.contains("its target $120,000.00 was raised to $150,000.01") && note.contains("never less"))
        #expect(goal.carryForwardNote(missed: goal, metric: MetricCatalog.revenue, currency: .usd) == nil, "only a carried goal")
    }

    @Test func carriedTargetIsNeverBelowTheMissedTarget() async {
        await propertyCheck(input: Gen.int64(in: 1...10_000_000), Gen.int64(in: 0...20_000_000), Gen.int64(in: 0...20_000_000)) {
            target, actual, nextBaseline in
            guard let goal = try? Fixture.agreed(target: target, baseline: nil) else { return }
            let result = PeriodClose.close(
                [closing(goal, actual: actual, nextBaseline: nextBaseline)], rule: ImprovementRule(), today: afterQ2, now: Fixture.now)
            if actual >= target {
                #expect(result.carriedForward.isEmpty)
            } else {
                #expect(result.carriedForward.first!.target >= target)
                #expect(result.carriedForward.first!.target > nextBaseline)
            }
        }
    }

    @Test func goalsWhosePeriodIsRunningOrNotAgreedAreNotClosed() throws {
        let running = try Fixture.agreed()
        let proposed = try Fixture.proposed()
        let result = PeriodClose.close(
            [closing(running, actual: 0), closing(proposed, actual: 0)], rule: ImprovementRule(),
            today: afterQ2.advanced(by: -1), now: Fixture.now)
        #expect(result.closed.isEmpty)
        let later = PeriodClose.close([closing(proposed, actual: 0)], rule: ImprovementRule(), today: afterQ2, now: Fixture.now)
        #expect(later.closed.isEmpty, "a proposal nobody agreed to is not a missed goal")
    }

    @Test func aGoalWithNoActualIsMissedNotAchieved() throws {
        let goal = try Fixture.agreed()
        let result = PeriodClose.close([closing(goal, actual: nil)], rule: ImprovementRule(), today: afterQ2, now: Fixture.now)
        #expect(result.closed.first?.status == .missed)
    }

    @Test func loweringAnAgreedTargetNeedsAProgramAdminAndAReason() throws {
        var goal = try Fixture.agreed()
        #expect(throws: GoalRuleError.overrideNeedsAdmin) {
            try goal.lowerTarget(
                to: 110_000_00, reason: "Market collapsed", metric: MetricCatalog.revenue, currency: .usd, by: Fixture.cam, now: Fixture.now
            )
        }
        #expect(throws: GoalRuleError.overrideNeedsReason) {
            try goal.lowerTarget(
                to: 110_000_00, reason: "  ", metric: MetricCatalog.revenue, currency: .usd, by: Fixture.admin, now: Fixture.now)
        }
        #expect(goal.target == 120_000_00 && !goal.wasLowered)
        try goal.lowerTarget(
            to: 110_000_00, reason: "Distributor insolvency froze orders", metric: MetricCatalog.revenue, currency: .usd,
            by: Fixture.admin, now: Fixture.now)
        #expect(goal.target == 110_000_00)
        #expect(goal.wasLowered)
        #expect(goal.overrides.first?.reason == "Distributor insolvency froze orders")
        #expect(goal.current.origin == .override)
        #expect(goal.status == .agreed)
    }

    @Test func targetsLoweredThisYearAreCountedOverTheVendorsFiscalYearHoldingToday() throws {
        // A vendor year from February: on 2 Dec 2026 "this year" is FY2027, 1 Feb 2026 up to 1 Feb 2027 (UTC).
        let report = LoweredTarget.reportYear(of: try FiscalCalendar(startMonth: 2), today: Day(year: 2026, month: 12, day: 2))
        #expect(report.year.label == "FY2027")
        #expect(report.from == Day(year: 2026, month: 2, day: 1).midnightUTC)
        #expect(report.to == Day(year: 2027, month: 2, day: 1).midnightUTC)
    }

    @Test func anOverrideCanOnlyLowerATarget() throws {
        var goal = try Fixture.agreed()
        #expect(throws: GoalRuleError.overrideMustLower(current: "$120,000.00")) {
            try goal.lowerTarget(
                to: 130_000_00, reason: "more", metric: MetricCatalog.revenue, currency: .usd, by: Fixture.admin, now: Fixture.now)
        }
        var proposed = try Fixture.proposed()
        #expect(throws: GoalRuleError.wrongStatus(action: "lowered", status: .proposed)) {
            try proposed.lowerTarget(to: 1, reason: "x", metric: MetricCatalog.revenue, currency: .usd, by: Fixture.admin, now: Fixture.now)
        }
    }

    @Test func carryForwardKeepsTheLoweredTargetOfTheGoalItContinues() throws {
        var goal = try Fixture.agreed()
        try goal.lowerTarget(
            to: 110_000_00, reason: "Insolvency", metric: MetricCatalog.revenue, currency: .usd, by: Fixture.admin, now: Fixture.now)
        let result = PeriodClose.close([closing(goal, actual: 1)], rule: ImprovementRule(), today: afterQ2, now: Fixture.now)
        let carried = try #require(result.carriedForward.first)
        #expect(carried.target == 110_000_00)
        #expect(carried.isAgreedByCarryForward)
    }

    /// Issue 16 item 15: nothing is recorded in a person's name that the person did not do. A carried goal is agreed
    /// by the rule of §5.3, authored by "Accord, period close", with no acceptance of anyone; the people who agreed
    /// are on the goal it continues.
    @Test func aCarriedGoalIsAgreedByTheRuleAndRecordsNoAcceptanceInAnyonesName() throws {
        let goal = try Fixture.agreed()
        let people = Set(goal.acceptances.map(\.actor.name))
        let result = PeriodClose.close([closing(goal, actual: 1)], rule: ImprovementRule(), today: afterQ2, now: Fixture.now)
        let carried = try #require(result.carriedForward.first)
        #expect(carried.acceptances.isEmpty)
        #expect(carried.revisions.map(\.author) == [Actor.periodClose])
        #expect(!people.contains(Actor.periodClose.name))
        #expect(carried.isAgreedByCarryForward)
        #expect(carried.carriedFrom == goal.id)
        #expect(carried.status == .active || carried.status == .agreed)
        #expect(result.closed.first?.acceptances == goal.acceptances, "the missed goal keeps its own agreement")
    }
}
