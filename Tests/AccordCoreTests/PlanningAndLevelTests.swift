import Foundation
import PropertyBased
import Testing

@testable import AccordCore

/// DOMAIN §9 — the top-down plan, kept internal: spread, coverage and the echo check.
@Suite("§9 Top-down plan and coverage")
struct TopDownPlanTests {
    let a = UUID()
    let b = UUID()
    let c = UUID()

    @Test func theTopDownPlanIsSpreadByPriorYearShareSolutionAndRegion() {
        let spread = TopDownSpread.expectations(
            plan: 1_000_000,
            partners: [
                .init(partnerID: a, region: "EMEA", priorRevenueBySolution: ["Edge": 300, "Vault": 100]),
                .init(partnerID: b, region: "APAC", priorRevenueBySolution: ["Edge": 400]),
                .init(partnerID: c, region: "EMEA", priorRevenueBySolution: [:]),
            ], indexes: PlanningIndexes(region: ["APAC": 0.5], solution: ["Vault": 2]))
        // Weights: a = 300 + 100×2 = 500, b = 400×0.5 = 200; c sold nothing last year and gets no expectation.
        let byPartner = Dictionary(grouping: spread, by: \.partnerID).mapValues { $0.reduce(0) { $0 + $1.amount } }
        #expect(byPartner[a] == 714_286 && byPartner[b] == 285_714)
        #expect(byPartner[c] == nil)
        #expect(spread.first { $0.partnerID == a && $0.solution == "Vault" }?.amount == 285_714)
    }

    @Test func theSpreadAddsUpToThePlanExactly() async {
        await propertyCheck(input: Gen.int(in: 1...10_000_000_00), Gen.int(in: 1...400).array(of: 1...30)) { plan, revenues in
            let partners = revenues.map {
                TopDownSpread.PartnerBasis(partnerID: UUID(), region: "R", priorRevenueBySolution: ["S": Int64($0)])
            }
            let spread = TopDownSpread.expectations(plan: Int64(plan), partners: partners, indexes: .init())
            #expect(spread.reduce(0) { $0 + $1.amount } == Int64(plan))
        }
    }

    @Test func aQuarterPlanIsDerivedFromTheYearPlanBySeasonality() throws {
        let calendar = FiscalCalendar.calendarYear
        let year = try Period(label: "FY2027", calendar: calendar)
        let q4 = try Period(label: "FY2027 Q4", calendar: calendar)
        let heavyQ4 = try SeasonalityProfile(monthlyWeights: [1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3])
        let derived = try #require(
            TopDownSpread.planAmount(for: q4, entries: [.init(period: year, amount: 1_800_000)], seasonality: heavyQ4))
        #expect(derived.derivedFrom == year)
        #expect(abs(derived.amount - 1_800_000 * 9 / 18) < 2_000, "Q4 carries 9 of 18 weight-months")
        let entered = TopDownSpread.planAmount(
            for: q4, entries: [.init(period: year, amount: 1_800_000), .init(period: q4, amount: 500_000)], seasonality: heavyQ4)
        #expect(entered?.amount == 500_000 && entered?.derivedFrom == nil, "a plan entered for the quarter wins")
    }

    @Test func aVendorTargetWithinTwoPercentOfThePlanningExpectationLooksTopDown() {
        #expect(EchoCheck.looksTopDown(target: 101_900, expectation: 100_000))
        #expect(EchoCheck.looksTopDown(target: 98_000, expectation: 100_000))
        #expect(!EchoCheck.looksTopDown(target: 102_100, expectation: 100_000))
        #expect(!EchoCheck.looksTopDown(target: 5, expectation: 0), "no expectation, no echo")
        #expect(EchoCheck.message.contains("planning expectation (internal)"))
    }

    @Test func coverageComparesAgreedGoalsWithThePlanAndListsPartnersExpectedToBringMoreAsConversationTopics() {
        let report = CoverageReport(
            plan: 1_000,
            lines: [
                .init(
                    partnerID: a, partnerName: "A", region: "EMEA", channelManager: "Ana", expectationBySolution: ["Edge": 600],
                    agreed: 400, echoGoals: 0),
                .init(
                    partnerID: b, partnerName: "B", region: "APAC", channelManager: "Ana",
                    expectationBySolution: ["Edge": 300, "Vault": 100], agreed: 500, echoGoals: 1),
            ])
        #expect(report.agreed == 900 && report.coverage == 0.9 && report.echoGoals == 1)
        #expect(report.byRegion.map(\.name) == ["APAC", "EMEA"] && report.byRegion[1].coverage == 400.0 / 600.0)
        #expect(report.byChannelManager.first?.expectation == 1_000)
        #expect(report.bySolution.first { $0.name == "Vault" }?.agreed == 125, "B's agreed goals split by its expected solution mix")
        #expect(report.conversationTopics.map(\.partnerName) == ["A"])
    }
}

/// DOMAIN §12 — program levels: requirements, standing benefits, year-end recommendations an admin decides.
@Suite("§12 Program levels")
struct LevelTests {
    let tiers = [
        Tier(name: "Registered", minimumTrailingRevenue: 0, minimumCertifiedEngineers: 0, baseMargin: 10_00, mdfShare: 0),
        Tier(name: "Silver", minimumTrailingRevenue: 250_000_00, minimumCertifiedEngineers: 2, baseMargin: 15_00, mdfShare: 1_00),
        Tier(name: "Gold", minimumTrailingRevenue: 1_000_000_00, minimumCertifiedEngineers: 5, baseMargin: 20_00, mdfShare: 2_00),
    ]
    let yearEnd = Day(year: 2027, month: 2, day: 1)

    func standing(_ tier: String, revenue: Int64, certified: Int, below: Int = 0) -> TierStanding {
        TierStanding(
            partnerID: UUID(), currentTier: tier, trailingRevenue: revenue, certifiedEngineers: certified, yearEndsAlreadyBelow: below)
    }

    func recommend(_ s: TierStanding) -> TierRecommendation? {
        TierReview.recommend(s, tiers: tiers, graceYears: 1, asOf: yearEnd, currency: .usd)
    }

    @Test func aPartnerMeetingAHigherLevelsRequirementsIsRecommendedForPromotion() throws {
        let rec = try #require(recommend(standing("Silver", revenue: 1_200_000_00, certified: 6)))
        #expect(rec.kind == .promote && rec.toTier == "Gold" && rec.status == .open)
        #expect(rec.reason.contains("$1,200,000.00") && rec.reason.contains("6 of 5"))
        #expect(recommend(standing("Silver", revenue: 1_200_000_00, certified: 3)) == nil, "both requirements must be met")
    }

    @Test func aPartnerBelowItsLevelGetsAGracePeriodBeforeADemotionIsRecommended() throws {
        let first = try #require(recommend(standing("Gold", revenue: 400_000_00, certified: 6)))
        #expect(first.kind == .grace && first.status == .noted, "the first year end below is a warning")
        let second = try #require(recommend(standing("Gold", revenue: 400_000_00, certified: 6, below: 1)))
        #expect(second.kind == .demote && second.toTier == "Silver" && second.status == .open)
    }

    @Test func aDemotionIsRecommendedNotApplied() throws {
        var rec = try #require(recommend(standing("Gold", revenue: 0, certified: 0, below: 1)))
        #expect(rec.status == .open && rec.toTier == "Registered")
        try rec.decide(apply: false, by: "Ada Admin", at: Date(timeIntervalSince1970: 0))
        #expect(rec.status == .dismissed && rec.decidedBy == "Ada Admin")
        #expect(throws: TierError.notOpen(.dismissed)) { try rec.decide(apply: true, by: "Ada Admin", at: Date()) }
    }

    @Test func levelRequirementsAreSeparateFromGoalsAndRiseWithTheLevel() throws {
        try TierReview.validate(tiers)
        #expect(throws: TierError.self) { try TierReview.validate([tiers[2], tiers[1]]) }
        #expect(throws: TierError.self) { try TierReview.validate([tiers[0], tiers[0]]) }
        #expect(recommend(standing("Silver", revenue: 300_000_00, certified: 2)) == nil, "a partner at its level gets nothing")
    }
}

/// DOMAIN §13 — channel managers in sync with their partners.
@Suite("§13 Channel-manager scorecards")
struct ChannelManagerTests {
    func inputs(
        _ cam: String, _ stage: LifecycleStage, actual: Int64 = 0, agreed: Int64 = 0, plan: Bool = false, goals: Bool = false,
        checklist: Bool? = nil, became: Bool = false, due: Int = 0, onTime: Int = 0, shrinking: Bool = false
    ) -> ChannelManagerInputs {
        ChannelManagerInputs(
            channelManager: cam, stage: stage, revenueActual: actual, revenueAgreed: agreed, hasAgreedPlan: plan, hasAgreedGoals: goals,
            checklistComplete: checklist, becameAchiever: became, reviewsDue: due, reviewsOnTime: onTime, revenueShrinking: shrinking)
    }

    @Test func channelManagerScorecardsMirrorThePartnerGoalCategories() throws {
        let cards = ChannelManagerScorecard.make([
            inputs("Ana", .established, actual: 80, agreed: 100, plan: true, goals: true, due: 2, onTime: 1),
            inputs("Ana", .onboarding, plan: false, goals: true, checklist: true, became: true),
            inputs("Ana", .exited, actual: 999, agreed: 999),
            inputs("Ben", .developing, checklist: false),
        ])
        let ana = try #require(cards.first { $0.channelManager == "Ana" })
        #expect(ana.partners == 2, "exited partners are not in the portfolio")
        #expect(ana.revenueAttainment == 0.8 && ana.withPlanAndGoals == 1 && ana.planAndGoalsShare == 0.5)
        #expect(ana.checklistsCompleted == 1 && ana.checklistsTracked == 1 && ana.believersBecameAchievers == 1)
        #expect(ana.reviewsOnTimeShare == 0.5)
        #expect(cards.map(\.channelManager) == ["Ana", "Ben"])
    }

    @Test func benchStrengthIsDevelopingPartnersPerEstablishedPartnerInDeclineOrNearIt() throws {
        let cards = ChannelManagerScorecard.make([
            inputs("Ana", .developing), inputs("Ana", .developing), inputs("Ana", .developing),
            inputs("Ana", .declining), inputs("Ana", .established, shrinking: true), inputs("Ana", .established),
            inputs("Ben", .developing),
        ])
        #expect(cards[0].developing == 3 && cards[0].atRisk == 2 && cards[0].benchStrength == 1.5)
        #expect(cards[1].benchStrength == nil, "no partner at risk: nothing to divide by")
    }
}

/// DOMAIN §7 and §8 — defaults per category, and commitment without activity goals.
@Suite("§7 §8 Benefit defaults and commitment")
struct BenefitDefaultTests {
    @Test func aGoalWithoutItsOwnTermsUsesTheProgramDefaultForItsCategory() {
        let defaults = [BenefitDefault(category: .revenue, benefits: GoalBenefits(rewards: [BenefitTerms(kind: .mdf, amount: 500_00)]))]
        let own = GoalBenefits(rewards: [BenefitTerms(kind: .coSelling)])
        #expect(GoalBenefits.effective(own: own, category: .revenue, defaults: defaults) == own)
        #expect(GoalBenefits.effective(own: nil, category: .revenue, defaults: defaults).rewards.first?.kind == .mdf)
        #expect(GoalBenefits.effective(own: nil, category: .activity, defaults: defaults).isEmpty)
        #expect(BenefitTerms(kind: .marginUplift, amount: 1_50).text(currency: .usd) == "Margin uplift 1.50 pt")
    }

    @Test func termsOfTheSameKindOnOneGoalMakeOneLedgerLine() throws {
        let goal = try Fixture.agreed()
        let achieved = PeriodClose.close(
            [ClosingGoal(goal: goal, metric: MetricCatalog.revenue, actual: 900_000_00, nextPeriodBaseline: nil, bestAchievedTarget: nil)],
            rule: ImprovementRule(), today: Fixture.q2.end, now: Fixture.now
        ).closed[0]
        let entries = BenefitsAtClose.entries(
            for: [
                .init(
                    goal: achieved,
                    rewards: [BenefitTerms(kind: .mdf, amount: 100), BenefitTerms(kind: .mdf, amount: 50), BenefitTerms(kind: .coSelling)],
                    consequences: [])
            ], policy: .both, on: Fixture.q2.end)
        #expect(entries.map(\.kind) == [.mdf, .coSelling])
        #expect(entries[0].amount == 150)
    }

    @Test func aRunningGoalCountsByItsForecastSoAYoungQuarterIsNotLowPerformance() throws {
        let goal = try Fixture.agreed()
        let halfway = Fixture.q2.start.advanced(by: Fixture.q2.days / 2)
        let line = GoalProgress(
            goal: goal, metric: MetricCatalog.revenue, actual: goal.target / 4, asOf: halfway, settings: .init(), region: nil)
        let attainment = try #require(line.attainment)
        let standing = GoalStanding(line, asOf: halfway, responseWindowDays: 14)
        let onPace = try #require(standing.attainmentOnPace(metric: MetricCatalog.revenue))
        #expect(abs(attainment - 0.25) < 0.01 && abs(onPace - 0.5) < 0.02, "a quarter of the target half-way is on course for half")
        #expect(abs(standing.progressOnPace - 0.5) < 0.02)
        #expect(Fixture.q2.holdsGoal(of: Fixture.q2) && !Fixture.q2.next.holdsGoal(of: Fixture.q2))
    }

    @Test func withoutActivityGoalsCommitmentRestsOnAgreementPlanAndReviews() {
        let none = SegmentInputs(
            agreedShare: 1, hasCurrentPlan: true, reviewsHeldShare: 1, activityProgress: nil, attainment: 0, revenueGrowth: 0)
        #expect(none.commitment == 100)
        let idle = SegmentInputs(
            agreedShare: 1, hasCurrentPlan: true, reviewsHeldShare: 1, activityProgress: 0, attainment: 0, revenueGrowth: 0)
        #expect(idle.commitment == 70, "agreeing and not acting costs commitment")
        #expect(SegmentThresholds(commitment: 80, performance: 50).classify(commitment: 70, performance: 90) == .deceiver)
    }
}
