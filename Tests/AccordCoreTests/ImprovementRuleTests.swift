import Foundation
import PropertyBased
import Testing

@testable import AccordCore

/// DOMAIN §5.1 — a goal is something not yet attained.
@Suite("§5.1 Improvement rule")
struct ImprovementRuleTests {
    let q2 = Fixture.q2

    @Test func baselineIsTheSamePeriodOneYearEarlierForSums() {
        let history = BaselineHistory(priorYearActual: 90_000_00, hasHistoryBeforePriorYearEnd: true, bestEver: nil)
        let baseline = history.baseline(for: MetricCatalog.revenue, period: q2, today: q2.start)
        #expect(baseline == Baseline(value: 90_000_00, source: .samePeriodLastYear(label: "FY2026 Q2")))
    }

    @Test func baselineIsZeroWhenThePriorPeriodHadNoSalesButHistoryExists() {
        let history = BaselineHistory(priorYearActual: nil, hasHistoryBeforePriorYearEnd: true, bestEver: nil)
        #expect(history.baseline(for: MetricCatalog.revenue, period: q2, today: q2.start)?.value == 0)
        #expect(history.baseline(for: MetricCatalog.customerSatisfaction, period: q2, today: q2.start) == nil)
    }

    @Test func baselineIsTheBestEverForLatestValueAndChecklistMetrics() {
        let history = BaselineHistory(priorYearActual: 4_00, hasHistoryBeforePriorYearEnd: true, bestEver: 7_00)
        #expect(
            history.baseline(for: MetricCatalog.certifiedEngineers, period: q2, today: q2.start) == Baseline(value: 7_00, source: .bestEver)
        )
        #expect(history.baseline(for: MetricCatalog.enablementChecklist, period: q2, today: q2.start)?.value == 7_00)
    }

    @Test func aGoalWhoseYearEarlierPeriodHasNotEndedHasNoBaselineNotZero() {
        // Facts exist, but FY2027 Q2 a year ahead compares with FY2027 Q2 itself: not over yet, so no history for it.
        let history = BaselineHistory(priorYearActual: nil, hasHistoryBeforePriorYearEnd: true, bestEver: nil)
        let ahead = q2.next.next.next.next
        #expect(history.baseline(for: MetricCatalog.revenue, period: ahead, today: q2.start) == nil)
        #expect(history.baseline(for: MetricCatalog.revenue, period: ahead, today: q2.end)?.value == 0)
        #expect(ImprovementRule().smallestAcceptableTarget(metric: MetricCatalog.revenue, baseline: nil, bestAchievedTarget: nil) == nil)
    }

    @Test func noHistoryMeansNoBaseline() {
        let history = BaselineHistory(priorYearActual: nil, hasHistoryBeforePriorYearEnd: false, bestEver: nil)
        for metric in MetricCatalog.all { #expect(history.baseline(for: metric, period: q2, today: q2.start) == nil) }
    }

    @Test func targetMustBeatTheBaselineAndTheMessageSaysTheBaseline() throws {
        let error = #expect(throws: GoalRuleError.self) { try Fixture.proposed(target: 100_000_00) }
        let message = error?.description ?? ""
        #expect(message.contains("$100,000.00"), "message states the baseline: \(message)")
        #expect(message.contains("FY2026 Q2"))
        #expect(try Fixture.proposed(target: 100_000_01).target == 100_000_01)
    }

    @Test func targetMustBeatATargetThePartnerAlreadyAchieved() {
        let rule = ImprovementRule()
        let context = Fixture.context(baseline: 100_000_00, achieved: 130_000_00)
        #expect(throws: GoalRuleError.self) {
            try rule.check(
                target: 125_000_00, metric: MetricCatalog.revenue, baseline: context.baseline,
                bestAchievedTarget: 130_000_00, currency: .usd)
        }
        #expect(
            rule.smallestAcceptableTarget(metric: MetricCatalog.revenue, baseline: context.baseline, bestAchievedTarget: 130_000_00)
                == 130_000_01)
    }

    @Test func theBestAchievedTargetIsPerPartnerAndMetricAndFollowsTheMetricsDirection() throws {
        func achieved(_ metric: Metric, target: Int64, baseline: Int64) throws -> Goal {
            var goal = try Goal.propose(
                Fixture.proposal(metric, target: target), context: Fixture.context(baseline: baseline), by: Fixture.cam,
                today: Fixture.today, now: Fixture.now)
            goal.status = .achieved
            return goal
        }
        let revenue = [
            try achieved(MetricCatalog.revenue, target: 120_000_00, baseline: 100_000_00),
            try achieved(MetricCatalog.revenue, target: 150_000_00, baseline: 100_000_00),
        ]
        let discount = [
            try achieved(MetricCatalog.averageDiscount, target: 8_00, baseline: 10_00),
            try achieved(MetricCatalog.averageDiscount, target: 6_00, baseline: 10_00),
        ]
        let notAchieved = try Fixture.agreed(target: 900_000_00)
        let targets = AchievedTargets(revenue + discount + [notAchieved])
        #expect(targets.best(partnerID: Fixture.partnerID, metric: MetricCatalog.revenue) == 150_000_00)
        #expect(targets.best(partnerID: Fixture.partnerID, metric: MetricCatalog.revenue, excluding: revenue[1].id) == 120_000_00)
        #expect(targets.best(partnerID: Fixture.partnerID, metric: MetricCatalog.averageDiscount) == 6_00)
        #expect(targets.best(partnerID: UUID(), metric: MetricCatalog.revenue) == nil)
        #expect(targets.best(partnerID: Fixture.partnerID, metric: MetricCatalog.marketingCampaigns) == nil)
    }

    @Test func theProgramsMinimumImprovementApplies() throws {
        let context = Fixture.context(baseline: 100_000_00, minimum: 0.05)
        #expect(throws: GoalRuleError.self) {
            try Goal.propose(
                Fixture.proposal(target: 105_000_00), context: context, by: Fixture.cam, today: Fixture.today,
                now: Fixture.now)
        }
        let goal = try Goal.propose(
            Fixture.proposal(target: 105_000_01), context: context, by: Fixture.cam, today: Fixture.today, now: Fixture.now)
        #expect(goal.status == .proposed)
    }

    @Test func lowerIsBetterTargetsMustBeBelowTheBaseline() throws {
        let discount = MetricCatalog.averageDiscount
        let rule = ImprovementRule()
        let baseline = Baseline(value: 15_00, source: .samePeriodLastYear(label: "FY2026 Q2"))
        #expect(throws: GoalRuleError.self) {
            try rule.check(target: 15_00, metric: discount, baseline: baseline, bestAchievedTarget: nil, currency: .usd)
        }
        try rule.check(target: 14_99, metric: discount, baseline: baseline, bestAchievedTarget: nil, currency: .usd)
    }

    @Test func anyTargetTheRuleAcceptsBeatsTheBaseline() async {
        await propertyCheck(
            input: Gen.int64(in: 0...10_000_000), Gen.int64(in: 0...20_000_000), Gen.double(in: 0...0.5)
        ) { baselineValue, target, minimum in
            let rule = ImprovementRule(minimumImprovement: minimum)
            let baseline = Baseline(value: baselineValue, source: .bestEver)
            let accepted =
                (try? rule.check(
                    target: target, metric: MetricCatalog.revenue, baseline: baseline, bestAchievedTarget: nil,
                    currency: .usd)) != nil
            #expect(accepted == (Double(target) > Double(baselineValue) * (1 + minimum) && target > baselineValue))
            let least = rule.smallestAcceptableTarget(metric: MetricCatalog.revenue, baseline: baseline, bestAchievedTarget: nil)!
            #expect(
                (try? rule.check(target: least, metric: MetricCatalog.revenue, baseline: baseline, bestAchievedTarget: nil, currency: .usd))
                    != nil)
            #expect(
                (try? rule.check(
                    target: least - 1, metric: MetricCatalog.revenue, baseline: baseline, bestAchievedTarget: nil, currency: .usd)) == nil)
        }
    }

    @Test func countTargetsAreWholeNumbersAndStepInWholeUnits() throws {
        let deals = MetricCatalog.dealRegistrations
        let baseline = Baseline(value: 15_00, source: .samePeriodLastYear(label: "FY2026 Q2"))
        let rule = ImprovementRule()
        #expect(rule.smallestAcceptableTarget(metric: deals, baseline: baseline, bestAchievedTarget: nil) == 16_00)
        #expect(throws: GoalRuleError.wholeNumberRequired("Deal registrations")) {
            try rule.check(target: 15_50, metric: deals, baseline: baseline, bestAchievedTarget: nil, currency: .usd)
        }
        try rule.check(target: 16_00, metric: deals, baseline: baseline, bestAchievedTarget: nil, currency: .usd)
        #expect(rule.smallestAcceptableTarget(metric: MetricCatalog.revenue, baseline: baseline, bestAchievedTarget: nil) == 15_01)
    }

    @Test func withoutHistoryAnyPositiveTargetIsAGoal() throws {
        #expect(try Fixture.proposed(target: 1, baseline: nil).baseline == nil)
        #expect(throws: GoalRuleError.zeroTarget("Revenue")) { try Fixture.proposed(target: 0, baseline: nil) }
        #expect(throws: GoalRuleError.negativeTarget) { try Fixture.proposed(target: -5, baseline: nil) }
    }
}
