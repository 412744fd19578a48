import Foundation
import Testing

@testable import AccordCore

/// The rules the maintained goal progress keeps (DOMAIN §2, §6, §11): which goals belong to a period, when a
/// stored standing must be re-paced, when a review is flagged.
@Suite("§2 §6 §11 Rules of the maintained progress")
struct MaintainedProgressRuleTests {
    @Test func aPeriodHoldsTheGoalsNoLongerThanItselfWhoseMiddleDayIsInside() {
        // setup
        let quarter = Fixture.q2
        let months = (4...6).map { Period(calendar: Fixture.calendar, kind: .month, fiscalYear: 2027, index: $0) }
        let year = Period(calendar: Fixture.calendar, kind: .year, fiscalYear: 2027, index: 1)
        let vendorQuarter = Period(calendar: .calendarYear, kind: .quarter, fiscalYear: 2026, index: 4)
        let shifted = Period(calendar: FiscalCalendar(validStartMonth: 2), kind: .quarter, fiscalYear: 2027, index: 3)

        // act and validate
        #expect(quarter.holdsGoal(of: quarter))
        #expect(months.allSatisfy { quarter.holdsGoal(of: $0) }, "a quarter holds the goals of its three months")
        #expect(!quarter.holdsGoal(of: year), "a year's goal is not one of a quarter's")
        #expect(!quarter.next.holdsGoal(of: quarter) && !quarter.previous.holdsGoal(of: quarter))
        #expect(vendorQuarter.holdsGoal(of: quarter), "the same months in another calendar")
        // A partner quarter of Aug–Oct is mostly (its middle) in the vendor's Jul–Sep quarter, not in Oct–Dec.
        #expect(shifted.start == Day(year: 2026, month: 8, day: 1))
        #expect(!vendorQuarter.holdsGoal(of: shifted) && vendorQuarter.previous.holdsGoal(of: shifted))
        #expect(quarter.holdingQuarter == quarter && months[1].holdingQuarter == quarter && year.holdingQuarter == nil)
    }

    @Test func aStandingIsRepacedWhenTheDayMovesAcrossItsPeriodIncludingTheDayAfterItsLastDay() throws {
        // setup: a lower-is-better total is judged achieved only once its period is over
        let spend = Metric(
            key: "support_spend", name: "Support spend", unit: .currency, aggregation: .sum, direction: .lowerIsBetter,
            category: .customer)
        let goal = try Goal.propose(
            Fixture.proposal(spend, target: 500_00), context: Fixture.context(baseline: 600_00), by: Fixture.cam,
            today: Fixture.today, now: Fixture.now)
        let lastDay = goal.period.end.advanced(by: -1)
        let onLastDay = GoalStanding(
            GoalProgress(goal: goal, metric: spend, actual: 400_00, asOf: lastDay, settings: .init(), region: nil), asOf: lastDay,
            responseWindowDays: 14)

        // act
        let dayAfter = onLastDay.asOf(goal.period.end, metric: spend, settings: .init(), region: nil)

        // validate
        #expect(onLastDay.figures.pacing.status != .achieved && dayAfter.figures.pacing.status == .achieved)
        #expect(onLastDay.movesBetween(lastDay, and: goal.period.end), "the day after the last one still moves it")
        #expect(!onLastDay.movesBetween(goal.period.end, and: goal.period.end.advanced(by: 30)), "after the end nothing moves")
        #expect(!onLastDay.movesBetween(Fixture.today, and: goal.period.start.advanced(by: -1)), "before the start neither")
        #expect(onLastDay.movesBetween(goal.period.start.advanced(by: -1), and: goal.period.start))
    }

    @Test func aReviewIsFlaggedFromTheFirstDayItOrOneOfItsActionItemsIsOverdue() {
        // setup
        var review = Review(partnerID: Fixture.partnerID, period: Fixture.q2)
        let days = (0..<60).map { review.due.advanced(by: $0 - 20) }
        func firstOverdue(_ review: Review) -> Day? {
            days.first { day in review.isOverdue(today: day) || review.actionItems.contains { $0.isOverdue(today: day) } }
        }

        // act and validate: not held, no items
        #expect(review.flaggedFrom() == firstOverdue(review) && review.flaggedFrom() == review.due.advanced(by: 15))
        // held, with an open item due earlier and a done one
        review.heldOn = review.due
        review.actionItems = [
            ActionItem(side: .partner, owner: "Pat", title: "Train two engineers", due: review.due.advanced(by: 5)),
            ActionItem(side: .vendor, owner: "Casey", title: "Send MDF form", due: review.due.advanced(by: 1), status: .done),
        ]
        #expect(review.flaggedFrom() == firstOverdue(review) && review.flaggedFrom() == review.due.advanced(by: 6))
        review.actionItems[0].status = .dropped
        #expect(review.flaggedFrom() == nil && firstOverdue(review) == nil, "nothing left open: never flagged")
    }

    @Test func onlySettingsThatShapePacingActualsOrLapsesMoveProgress() throws {
        // setup
        let before = ProgramSettings()

        // act and validate
        var changed = before
        changed.atRiskThreshold = 0.6
        #expect(changed.movesProgress(from: before))
        changed = before
        changed.seasonality = try SeasonalityProfile(monthlyWeights: [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])
        #expect(changed.movesProgress(from: before))
        changed = before
        changed.checklistItems = []
        #expect(changed.movesProgress(from: before))
        changed = before
        changed.responseWindowDays = before.responseWindowDays + 1
        #expect(changed.movesProgress(from: before))
        changed = before
        changed.tierGraceYears = before.tierGraceYears + 1
        changed.motivationPolicy = before.motivationPolicy == .carrot ? .stick : .carrot
        #expect(!changed.movesProgress(from: before), "levels and the motivation policy leave progress as it was")
        #expect(!before.movesProgress(from: before))
    }
}
