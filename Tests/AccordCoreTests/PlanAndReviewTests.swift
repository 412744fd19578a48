import Foundation
import PropertyBased
import Testing

@testable import AccordCore

/// DOMAIN §10 — joint business plans; §11 — reviews.
@Suite("§10 Joint business plans")
struct JointPlanTests {
    static let partnerID = Fixture.partnerID

    static func content(horizon: Int = 3) -> JointPlanContent {
        JointPlanContent(
            why: "Together we bring secure edge to mid-market healthcare",
            firstFiscalYear: 2027, horizonYears: horizon,
            opportunity: .init(segment: "Mid-market healthcare", size: 40_000_000_00, intendedShare: 0.05),
            responsibilities: [
                .init(side: .vendor, description: "Enablement and two joint campaigns a year", owner: "Casey CAM"),
                .init(side: .partner, description: "Certify four engineers, run the pipeline", owner: "Pat Partner"),
            ],
            participants: [
                .init(name: "Casey CAM", side: .vendor, role: "Channel manager"), .init(name: "Pat Partner", side: .partner, role: "CEO"),
            ],
            cadence: .quarterly,
            objectives: [.init(metricKey: "revenue", ownerSide: .partner, target: 2_000_000_00, description: "Revenue in FY2029")],
            milestones: [.init(title: "First healthcare reference", due: Day(year: 2027, month: 3, day: 31))])
    }

    @Test func valueToCaptureIsMarketSizeTimesIntendedShare() {
        #expect(Self.content().opportunity.valueToCapture == 2_000_000_00)
    }

    @Test func aPlanSpansOneToFiveYearsAndNamesWhyAndResponsibilitiesOfBothSides() throws {
        #expect(throws: JointPlanContent.Problem.horizon(6)) { try Self.content(horizon: 6).validated() }
        var yearZero = Self.content()
        yearZero.firstFiscalYear = 0
        #expect(throws: JointPlanContent.Problem.fiscalYear(0)) { try yearZero.validated() }
        var noWhy = Self.content()
        noWhy.why = "  "
        #expect(throws: JointPlanContent.Problem.whyRequired) { try noWhy.validated() }
        var oneSided = Self.content()
        oneSided.responsibilities.removeLast()
        #expect(throws: JointPlanContent.Problem.responsibilitiesOfBothSides) { try oneSided.validated() }
    }

    @Test func aPlanIsAgreedWhenBothSidesAcceptTheSameRevision() throws {
        var plan = try JointPlan.start(partnerID: Self.partnerID, content: Self.content(), by: Fixture.cam, at: Fixture.now)
        #expect(plan.status == .internalDraft)
        #expect(throws: JointPlan.Problem.notShared) { try plan.accept(by: Fixture.partnerAdmin, at: Fixture.now) }
        try plan.share(by: Fixture.cam, at: Fixture.now)
        #expect(plan.status == .proposed)
        try plan.accept(by: Fixture.partnerAdmin, at: Fixture.now)
        #expect(plan.status == .agreed && plan.agreedRevision == 1)
    }

    @Test func anAgreedPlanChangesOnlyThroughANewRevisionAndStaysInForceMeanwhile() throws {
        var plan = try JointPlan.start(partnerID: Self.partnerID, content: Self.content(), by: Fixture.partnerAdmin, at: Fixture.now)
        try plan.accept(by: Fixture.cam, at: Fixture.now)
        #expect(plan.status == .agreed)
        var changed = Self.content()
        changed.opportunity.intendedShare = 0.08
        try plan.revise(changed, by: Fixture.cam, at: Fixture.now)
        #expect(plan.status == .proposed)
        #expect(plan.agreedContent?.opportunity.intendedShare == 0.05, "the agreed revision stays in force")
        #expect(throws: JointPlan.Problem.alreadyAccepted(.vendor)) { try plan.accept(by: Fixture.admin, at: Fixture.now) }
        try plan.accept(by: Fixture.partnerAdmin, at: Fixture.now)
        #expect(plan.agreedRevision == 2 && plan.agreedContent?.opportunity.intendedShare == 0.08)
    }

    @Test func anInternalDraftIsHiddenFromPartnerUsers() throws {
        let plan = try JointPlan.start(partnerID: Self.partnerID, content: Self.content(), by: Fixture.cam, at: Fixture.now)
        let partnerUser = Viewer(userID: UUID(), name: "Pat", role: .partnerAdmin, partnerID: Self.partnerID)
        let cam = Viewer(userID: UUID(), name: "Casey CAM", role: .channelManager, partnerID: nil)
        #expect(!plan.isVisible(to: partnerUser) && plan.isVisible(to: cam))
        #expect(throws: JointPlan.Problem.partnerMemberCannotCommit) {
            try JointPlan.start(partnerID: Self.partnerID, content: Self.content(), by: Fixture.member, at: Fixture.now)
        }
    }
}

@Suite("§10 Interim targets from long-term objectives")
struct InterimTargetTests {
    let calendar = FiscalCalendar(validStartMonth: 7)

    @Test func interimSuggestionsReachTheLongTermTargetExactlyAtTheHorizonEnd() async {
        await propertyCheck(input: Gen.int64(in: 100_000_00...5_000_000_00), Gen.double(in: 1.05...3), Gen.int(in: 1...5)) {
            start, multiple, years in
            let objective = Int64(Double(start) * multiple)
            let suggestions = InterimTargets.suggest(
                metric: MetricCatalog.revenue, objective: objective, startValue: start, calendar: calendar, firstFiscalYear: 2027,
                horizonYears: years, periodKind: .quarter, seasonality: .flatByDays, rule: ImprovementRule(), baselines: [:])
            #expect(suggestions.count == years * 4)
            let lastYear = suggestions.filter { $0.period.fiscalYear == 2027 + years - 1 }
            #expect(lastYear.map(\.target).reduce(0, +) == objective, "the last year adds up to the objective exactly")
            let yearly = Dictionary(grouping: suggestions, by: \.period.fiscalYear).mapValues { $0.map(\.target).reduce(0, +) }
            let totals = yearly.keys.sorted().map { yearly[$0]! }
            #expect(zip(totals, totals.dropFirst()).allSatisfy { $0 < $1 }, "compound growth: every year above the one before")
        }
    }

    @Test func eachInterimSuggestionBeatsItsBaseline() {
        let periods = calendar.periods(.quarter, inFiscalYear: 2027)
        // Last year's Q2 was unusually strong: the growth path alone would not beat it.
        let baselines = Dictionary(
            uniqueKeysWithValues: periods.map { p in
                (p, Baseline(value: p.index == 2 ? 400_000_00 : 200_000_00, source: .samePeriodLastYear(label: p.oneYearEarlier.label)))
            })
        let suggestions = InterimTargets.suggest(
            metric: MetricCatalog.revenue, objective: 1_000_000_00, startValue: 800_000_00, calendar: calendar, firstFiscalYear: 2027,
            horizonYears: 1, periodKind: .quarter, seasonality: .flatByDays, rule: ImprovementRule(), baselines: baselines)
        for suggestion in suggestions {
            #expect(suggestion.target > suggestion.baseline!.value)
        }
        #expect(suggestions.first { $0.period.index == 2 }?.raisedToImprovementMinimum == true)
    }

    @Test func seasonalityShapesTheInterimSplit() throws {
        let heavyQ2 = try SeasonalityProfile(monthlyWeights: [1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3])
        let suggestions = InterimTargets.suggest(
            metric: MetricCatalog.revenue, objective: 1_200_000_00, startValue: 1_000_000_00, calendar: calendar, firstFiscalYear: 2027,
            horizonYears: 1, periodKind: .quarter, seasonality: heavyQ2, rule: ImprovementRule(), baselines: [:])
        // July-start: Q2 is Oct–Dec, weighted 3 against 1 for the other quarters' months.
        let q2 = suggestions.first { $0.period.index == 2 }!.target
        let q1 = suggestions.first { $0.period.index == 1 }!.target
        #expect(q2 > q1 * 2)
    }

    @Test func levelObjectivesCompoundPeriodByPeriodToTheTarget() {
        let suggestions = InterimTargets.suggest(
            metric: MetricCatalog.certifiedEngineers, objective: 12_00, startValue: 3_00, calendar: calendar, firstFiscalYear: 2027,
            horizonYears: 2, periodKind: .quarter, seasonality: .flatByDays, rule: ImprovementRule(), baselines: [:])
        #expect(suggestions.last?.target == 12_00)
        #expect(suggestions.allSatisfy { $0.target % 100 == 0 }, "engineers come whole")
        #expect(zip(suggestions, suggestions.dropFirst()).allSatisfy { $0.target <= $1.target })
    }
}

@Suite("§11 Reviews")
struct ReviewTests {
    let calendar = FiscalCalendar(validStartMonth: 4)

    @Test func reviewsFallAtTheEndOfThePartnersPeriodsOfTheCadence() {
        let quarters = ReviewSchedule.periods(
            cadence: .quarterly, calendar: calendar, from: Day(year: 2026, month: 4, day: 1), to: Day(year: 2027, month: 4, day: 1))
        // Due on each quarter's last day: 30 Jun, 30 Sep, 31 Dec, 31 Mar — all before 1 Apr 2027.
        #expect(quarters.map(\.label) == ["FY2027 Q1", "FY2027 Q2", "FY2027 Q3", "FY2027 Q4"])
        let halves = ReviewSchedule.periods(
            cadence: .halfYearly, calendar: calendar, from: Day(year: 2026, month: 4, day: 1), to: Day(year: 2027, month: 4, day: 2))
        #expect(halves.map(\.label) == ["FY2027 H1", "FY2027 H2"])
        #expect(
            ReviewSchedule.periods(
                cadence: .monthly, calendar: calendar, from: Day(year: 2026, month: 4, day: 1), to: Day(year: 2026, month: 7, day: 1)
            ).count == 3)
    }

    @Test func aReviewSnapshotDoesNotChangeWhenLaterFactsArrive() throws {
        let q1 = Period(calendar: calendar, kind: .quarter, fiscalYear: 2027, index: 1)
        var review = Review(partnerID: Fixture.partnerID, period: q1)
        let line = ScorecardSnapshotLine(
            goalID: UUID(), metricName: "Revenue", target: "$120,000.00", actual: "$80,000.00", attainment: 0.667, pacing: .behind,
            status: .active)
        try review.hold(
            on: q1.end, attendees: [.init(name: "Casey", side: .vendor), .init(name: "Pat", side: .partner)], snapshot: [line],
            notes: "Pipeline strong", decisions: ["Add a second presales engineer"], actionItems: [])
        #expect(throws: Review.Problem.alreadyHeld) {
            try review.hold(
                on: q1.end, attendees: [.init(name: "C", side: .vendor), .init(name: "P", side: .partner)], snapshot: [], notes: "",
                decisions: [], actionItems: [])
        }
        #expect(review.snapshot == [line], "the record keeps what was seen in the review")
    }

    @Test func aReviewIsHeldByBothSides() {
        var review = Review(partnerID: Fixture.partnerID, period: Period(calendar: calendar, kind: .quarter, fiscalYear: 2027, index: 1))
        #expect(throws: Review.Problem.needsBothSides) {
            try review.hold(
                on: Day(year: 2026, month: 7, day: 1), attendees: [.init(name: "Casey", side: .vendor)], snapshot: [], notes: "",
                decisions: [], actionItems: [])
        }
    }

    @Test func anOverdueReviewAndAnOverdueActionItemAreFlagged() {
        let q1 = Period(calendar: calendar, kind: .quarter, fiscalYear: 2027, index: 1)  // Apr–Jun 2026, due 30 Jun
        let review = Review(partnerID: Fixture.partnerID, period: q1)
        #expect(!review.isOverdue(today: Day(year: 2026, month: 7, day: 14)))
        #expect(review.isOverdue(today: Day(year: 2026, month: 7, day: 15)))
        let item = ActionItem(side: .partner, owner: "Pat", title: "Certify two engineers", due: Day(year: 2026, month: 8, day: 1))
        #expect(!item.isOverdue(today: Day(year: 2026, month: 8, day: 1)))
        #expect(item.isOverdue(today: Day(year: 2026, month: 8, day: 2)))
        var done = item
        done.status = .done
        #expect(!done.isOverdue(today: Day(year: 2027, month: 1, day: 1)))
    }

    @Test func anActionItemIsClosedByItsOwnerOrAnAdminOfItsSideAndItsFlagClearsWithIt() throws {
        let q1 = Period(calendar: calendar, kind: .quarter, fiscalYear: 2027, index: 1)  // Apr–Jun 2026, due 30 Jun
        let item = ActionItem(side: .partner, owner: "Pat Partner", title: "Certify two engineers", due: Day(year: 2026, month: 8, day: 1))
        let other = ActionItem(side: .vendor, owner: "Casey CAM", title: "Send the MDF plan", due: Day(year: 2026, month: 9, day: 1))
        var review = Review(
            partnerID: Fixture.partnerID, period: q1, heldOn: Day(year: 2026, month: 6, day: 28), actionItems: [item, other])
        #expect(review.flaggedFrom() == Day(year: 2026, month: 8, day: 2))
        let late = Day(year: 2026, month: 8, day: 10)
        // Not the owner, nor an admin of the partner's side: refused, nothing changes.
        #expect(throws: Review.Problem.notTheOwner("Pat Partner")) {
            try review.close(item: item.id, as: .done, on: late, by: Fixture.member)
        }
        #expect(throws: Review.Problem.notTheOwner("Pat Partner")) { try review.close(item: item.id, as: .done, on: late, by: Fixture.cam) }
        // A partner member is read-mostly: not even an item in its own name.
        let members = ActionItem(side: .partner, owner: "Mo Member", title: "Book the training", due: late)
        #expect(!members.mayBeClosed(by: Fixture.member) && members.mayBeClosed(by: Fixture.partnerAdmin))
        #expect(throws: Review.Problem.notAClosingStatus) { try review.close(item: item.id, as: .open, on: late, by: Fixture.partnerAdmin) }
        #expect(throws: Review.Problem.noSuchActionItem) { try review.close(item: UUID(), as: .done, on: late, by: Fixture.admin) }
        try review.close(item: item.id, as: .done, on: late, by: Fixture.partnerAdmin)
        #expect(review.actionItems[0].status == .done && review.actionItems[0].closedOn == late)
        #expect(review.actionItems[0].closedBy == "Pat Partner")
        #expect(!review.actionItems[0].isOverdue(today: late), "the flag follows")
        #expect(review.flaggedFrom() == Day(year: 2026, month: 9, day: 2), "the review is flagged from its next open item only")
        #expect(throws: Review.Problem.actionItemClosed(.done)) {
            try review.close(item: item.id, as: .dropped, on: late, by: Fixture.admin)
        }
        // The vendor's item: its owner, or a program admin for either side.
        try review.close(item: other.id, as: .dropped, on: late, by: Fixture.admin)
        #expect(review.flaggedFrom() == nil)
    }
}
