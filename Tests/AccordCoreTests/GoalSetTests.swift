import Testing

@testable import AccordCore

/// DOMAIN §5.4 — balanced, stage-appropriate goal sets.
@Suite("§5.4 Balanced goal sets")
struct GoalSetTests {
    func member(_ metric: Metric, _ status: GoalStatus = .agreed, side: Side = .partner) -> GoalSetRules.Member {
        GoalSetRules.Member(metric: metric, status: status, ownerSide: side)
    }

    @Test func aGoalSetMayNotBeRevenueOnly() throws {
        #expect(throws: GoalRuleError.self) {
            try GoalSetRules.admit(member(MetricCatalog.revenue), into: [], stage: .established, periodLabel: "FY2027 Q2")
        }
        #expect(GoalSetRules.issues(in: [member(MetricCatalog.revenue)], stage: .established) == [.revenueOnly])
        try GoalSetRules.admit(
            member(MetricCatalog.revenue), into: [member(MetricCatalog.dealRegistrations)], stage: .established,
            periodLabel: "FY2027 Q2")
    }

    @Test func declinedGoalsDoNotBalanceASet() {
        #expect(throws: GoalRuleError.self) {
            try GoalSetRules.admit(
                member(MetricCatalog.revenue), into: [member(MetricCatalog.dealRegistrations, .declined)],
                stage: .established, periodLabel: "FY2027 Q2")
        }
    }

    @Test func earlyPartnersStartWithTheEnablementChecklistGoal() throws {
        for stage in [LifecycleStage.recruited, .onboarding] {
            #expect(throws: GoalRuleError.self) {
                try GoalSetRules.admit(member(MetricCatalog.certificationsEarned), into: [], stage: stage, periodLabel: "FY2027 Q2")
            }
            try GoalSetRules.admit(member(MetricCatalog.enablementChecklist), into: [], stage: stage, periodLabel: "FY2027 Q2")
            // Revenue goals are allowed for them, never required.
            try GoalSetRules.admit(
                member(MetricCatalog.revenue), into: [member(MetricCatalog.enablementChecklist)], stage: stage,
                periodLabel: "FY2027 Q2")
            #expect(GoalSetRules.issues(in: [member(MetricCatalog.enablementChecklist)], stage: stage).isEmpty)
        }
    }

    @Test func developingAndEstablishedPartnersHaveAGrowthGoal() {
        for stage in [LifecycleStage.developing, .established] {
            #expect(GoalSetRules.issues(in: [member(MetricCatalog.certificationsEarned)], stage: stage) == [.missingGrowthGoal])
            #expect(
                GoalSetRules.issues(in: [member(MetricCatalog.certificationsEarned), member(MetricCatalog.newCustomers)], stage: stage)
                    .isEmpty)
        }
    }

    @Test func vendorCommitmentsDoNotCountTowardsThePartnersSet() throws {
        try GoalSetRules.admit(member(MetricCatalog.mdfDelivered, side: .vendor), into: [], stage: .onboarding, periodLabel: "Q")
        #expect(GoalSetRules.issues(in: [member(MetricCatalog.mdfDelivered, side: .vendor)], stage: .established).isEmpty)
    }
}
