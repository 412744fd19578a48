import Foundation
import PropertyBased
import Testing

@testable import AccordCore

/// DOMAIN §7 — carrots, sticks, the benefits ledger and recognition.
@Suite("§7 Motivation and recognition")
struct MotivationTests {
    let rewards = [
        BenefitTerms(kind: .marginUplift, amount: 2_00, detail: "+2 points"), BenefitTerms(kind: .mdf, amount: 10_000_00),
        BenefitTerms(kind: .coSelling),
    ]
    let consequences = [BenefitTerms(kind: .coSelling), BenefitTerms(kind: .marginUplift, amount: 1_00)]
    let day = Day(year: 2027, month: 1, day: 2)

    func closed(_ status: GoalStatus) throws -> BenefitsAtClose.ClosedGoal {
        let goal = try Fixture.agreed()
        let result = PeriodClose.close(
            [
                ClosingGoal(
                    goal: goal, metric: MetricCatalog.revenue, actual: status == .achieved ? 200_000_00 : 1, nextPeriodBaseline: nil,
                    bestAchievedTarget: nil)
            ],
            rule: ImprovementRule(), today: Fixture.q2.end, now: Fixture.now)
        return .init(goal: result.closed[0], rewards: rewards, consequences: consequences)
    }

    @Test func achievedGoalsGrantTheirRewards() throws {
        let entries = BenefitsAtClose.entries(for: [try closed(.achieved)], policy: .carrot, on: day)
        #expect(entries.map(\.kind) == [.marginUplift, .mdf, .coSelling])
        #expect(entries.allSatisfy { $0.isGrant })
    }

    @Test func aMissedGoalUnderACarrotOnlyPolicyWithdrawsNothing() throws {
        #expect(BenefitsAtClose.entries(for: [try closed(.missed)], policy: .carrot, on: day).isEmpty)
    }

    @Test func aStickPolicyAppliesConsequencesAndGrantsNothing() throws {
        let missed = BenefitsAtClose.entries(for: [try closed(.missed)], policy: .stick, on: day)
        #expect(missed.map(\.amount) == [-1, -1_00])
        #expect(BenefitsAtClose.entries(for: [try closed(.achieved)], policy: .stick, on: day).isEmpty)
    }

    @Test func currentBenefitsAreTheSumOfTheLedger() throws {
        let ledger =
            BenefitsAtClose.entries(for: [try closed(.achieved)], policy: .both, on: day)
            + BenefitsAtClose.entries(for: [try closed(.missed)], policy: .both, on: day)
        let current = CurrentBenefits(ledger: ledger)
        #expect(current.marginUplift == 1_00 && current.mdfBalance == 10_000_00)
        #expect(current.accesses.isEmpty, "co-selling granted, then withdrawn")
    }

    @Test func everyAchievementEarnsABadgeAndTheWallLeavesOutPartnersWhoOptedOut() {
        let a = UUID(), b = UUID()
        let achievements = [
            Recognition.Achievement(partnerID: a, partnerName: "A", goalID: UUID(), metricName: "Revenue", period: "FY2027 Q1", on: day),
            Recognition.Achievement(
                partnerID: b, partnerName: "B", goalID: UUID(), metricName: "Revenue", period: "FY2027 Q1", on: day.advanced(by: 1)),
        ]
        #expect(achievements[0].badge == "Revenue · FY2027 Q1")
        #expect(Recognition.wall(achievements, optedOut: [b]).map(\.partnerID) == [a])
    }

    @Test func aSmallPartnerWithTheLargestImprovementTopsTheLeaderboard() {
        let small = UUID(), large = UUID()
        let board = Recognition.leaderboard([(large, 10_000_000_00, 11_000_000_00), (small, 50_000_00, 100_000_00), (UUID(), nil, 5)])
        #expect(board.map(\.partnerID) == [small, large])
        #expect(board[0].improvement == 1.0)
    }
}

/// DOMAIN §8 — segments and the missing ingredient.
@Suite("§8 Segments")
struct SegmentTests {
    @Test func segmentsAreTheFourQuadrantsOfCommitmentAndPerformance() {
        #expect(Segment.classify(commitment: 80, performance: 80) == .achiever)
        #expect(Segment.classify(commitment: 80, performance: 20) == .believer)
        #expect(Segment.classify(commitment: 20, performance: 90) == .deceiver)
        #expect(Segment.classify(commitment: 20, performance: 20) == .exitCandidate)
        #expect(Segment.classify(commitment: 60, performance: 60, commitmentThreshold: 70) == .deceiver, "thresholds are the program's")
    }

    @Test func scoresStayBetweenZeroAndAHundred() async {
        await propertyCheck(input: Gen.double(in: -2...3), Gen.double(in: -2...3), Gen.double(in: -5...5)) { share, attainment, growth in
            let inputs = SegmentInputs(
                agreedShare: share, hasCurrentPlan: share > 0.5, reviewsHeldShare: share, activityProgress: share, attainment: attainment,
                revenueGrowth: growth)
            #expect((0...100).contains(inputs.commitment) && (0...100).contains(inputs.performance))
        }
    }

    @Test func aPartnerThatDeclinesOrLetsProposalsLapseLosesCommitment() {
        let engaged = SegmentInputs(
            agreedShare: 1, hasCurrentPlan: true, reviewsHeldShare: 1, activityProgress: 0.5, attainment: 0.6, revenueGrowth: 0)
        var declining = engaged
        declining.agreedShare = 0.2
        #expect(declining.commitment < engaged.commitment)
        #expect(Segment.classify(commitment: engaged.commitment, performance: engaged.performance) == .believer)
    }

    @Test func aBelieversMissingIngredientIsTheMetricFurthestBehindAchievers() throws {
        let achievers: [[String: Int64]] = [
            ["certifications_earned": 4_00, "marketing_campaigns": 3_00, "deal_registrations": 20_00],
            ["certifications_earned": 6_00, "marketing_campaigns": 2_00, "deal_registrations": 30_00],
            ["certifications_earned": 5_00, "marketing_campaigns": 2_00, "deal_registrations": 25_00],
        ]
        let believer: [String: Int64] = ["certifications_earned": 1_00, "marketing_campaigns": 2_00, "deal_registrations": 24_00]
        let finding = try #require(MissingIngredient.find(believer: believer, achievers: achievers))
        #expect(finding.metricKey == "certifications_earned")
        #expect(finding.achieverMedian == 5_00 && finding.ratio == 0.2 && finding.peers == 3)
        #expect(
            MissingIngredient.find(
                believer: ["certifications_earned": 9_00, "marketing_campaigns": 9_00, "deal_registrations": 99_00], achievers: achievers)
                == nil)
    }

    @Test func peersAreOfSimilarSizeAndTheSameBusinessModel() {
        let peers = MissingIngredient.peers(
            of: (.msp, 1_000_000_00),
            among: [(.msp, 2_500_000_00), (.msp, 5_000_000_00), (.reseller, 1_000_000_00), (.msp, 400_000_00)])
        #expect(peers == [0, 3])
    }
}
