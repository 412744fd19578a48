import Foundation
import Testing

@testable import AccordCore

/// The measuring rules behind segments (§8), channel-manager scorecards (§13), level grace (§12) and the echo check (§9).
@Suite("§8 §9 §12 §13 Measuring rules")
struct InsightRuleTests {
    /// A goal's standing as Accord keeps it, with a 14-day response window.
    static func standing(_ goal: Goal, actual: Int64? = nil, asOf: Day = Fixture.q2.start) -> GoalStanding {
        GoalStanding(
            GoalProgress(goal: goal, metric: MetricCatalog.revenue, actual: actual, asOf: asOf, settings: .init(), region: nil), asOf: asOf,
            responseWindowDays: 14)
    }

    @Test func commitmentCountsAgreedGoalsAgainstDeclinedAndLapsedProposalsAndWithdrawnOnesCountForNothing() throws {
        let agreed = try Fixture.agreed()
        var declined = try Fixture.proposed()
        try declined.decline(by: Fixture.partnerAdmin, reason: "no capacity", now: Fixture.now)
        var withdrawn = try Fixture.proposed()
        try withdrawn.withdraw(by: Fixture.cam, now: Fixture.now)
        let lapsed = try Fixture.proposed()
        let later = Fixture.now.addingTimeInterval(30 * 86_400)
        let measure = { (goals: [Goal], now: Date) in
            SegmentInputs.measure(
                goals: goals.map { Self.standing($0) }, metrics: [:], now: now, hasCurrentPlan: false, reviews: [], revenue: 0,
                revenueYearEarlier: 0)
        }
        #expect(measure([agreed, declined, withdrawn], Fixture.now).agreedShare == 0.5)
        #expect(measure([agreed, lapsed], Fixture.now).agreedShare == 1, "a proposal inside its window is not refused yet")
        #expect(measure([agreed, lapsed], later).agreedShare == 0.5, "a proposal left to lapse counts against commitment")
        #expect(measure([], Fixture.now).agreedShare == 0 && measure([], Fixture.now).activityProgress == nil)
    }

    @Test func reviewsHeldAndRevenueGrowthAreMeasuredAgainstWhatWasDue() {
        let q = Fixture.q2
        let held = Review(partnerID: Fixture.partnerID, period: q, heldOn: q.end)
        let open = Review(partnerID: Fixture.partnerID, period: q.previous)
        let inputs = SegmentInputs.measure(
            goals: [], metrics: [:], now: Fixture.now, hasCurrentPlan: true, reviews: [held, open], revenue: 120,
            revenueYearEarlier: 100)
        #expect(inputs.reviewsHeldShare == 0.5 && abs(inputs.revenueGrowth - 0.2) < 1e-9)
        let none = SegmentInputs.measure(
            goals: [], metrics: [:], now: Fixture.now, hasCurrentPlan: true, reviews: [], revenue: 5,
            revenueYearEarlier: 0)
        #expect(none.reviewsHeldShare == 1, "no review due yet: the agreed plan stands for them")
        #expect(none.revenueGrowth == 1, "first revenue ever counts as full growth")
    }

    @Test func aReviewCountsAsOnTimeWhenHeldByTheDueDayOrWithinTheGrace() {
        let q = Fixture.q2
        #expect(Review(partnerID: Fixture.partnerID, period: q, heldOn: q.end.advanced(by: 13)).wasHeldOnTime())
        #expect(!Review(partnerID: Fixture.partnerID, period: q, heldOn: q.end.advanced(by: 14)).wasHeldOnTime())
        #expect(!Review(partnerID: Fixture.partnerID, period: q).wasHeldOnTime())
    }

    @Test func theGracePeriodCountsConsecutiveYearEndsBelowAndEndsWithAnAppliedDemotion() throws {
        let partner = UUID()
        let days = [2024, 2025, 2026].map { Day(year: $0, month: 2, day: 1) }
        func rec(_ day: Day, _ kind: TierRecommendation.Kind, _ status: TierRecommendation.Status? = nil) -> TierRecommendation {
            TierRecommendation(partnerID: partner, asOf: day, kind: kind, fromTier: "Gold", toTier: "Silver", reason: "", status: status)
        }
        #expect(TierReview.yearEndsBelow([rec(days[1], .grace), rec(days[2], .demote, .dismissed)], reviewDays: days) == 2)
        #expect(
            TierReview.yearEndsBelow([rec(days[0], .grace), rec(days[2], .grace)], reviewDays: days) == 1, "a year at the level resets it")
        #expect(TierReview.yearEndsBelow([rec(days[2], .demote, .applied)], reviewDays: days) == 0, "a partner moved down starts afresh")
        #expect(TierReview.yearEndsBelow([rec(days[2], .promote)], reviewDays: days) == 0)
    }

    @Test func theEchoCheckSpeaksToTheVendorProposerBeforeAgreementAndCountsAgreedGoals() throws {
        let byVendor = try Fixture.proposed()
        let byPartner = try Fixture.proposed(by: Fixture.partnerAdmin)
        let agreed = try Fixture.agreed()
        #expect(EchoCheck.warnsBeforeSending(byVendor) && EchoCheck.applies(to: byVendor))
        #expect(!EchoCheck.applies(to: byPartner), "a partner's own target is its plan, not the vendor's")
        #expect(EchoCheck.applies(to: agreed) && !EchoCheck.warnsBeforeSending(agreed))
        let deals = try Goal.propose(
            Fixture.proposal(MetricCatalog.dealRegistrations, target: 1_200), context: Fixture.context(baseline: 1_000),
            by: Fixture.cam, today: Fixture.today, now: Fixture.now)
        #expect(!EchoCheck.applies(to: deals), "only revenue goals echo the revenue plan")
    }
}
