import Foundation
import Testing

@testable import AccordCore

/// DOMAIN §5.2 — mutual agreement: nothing is assigned.
@Suite("§5.2 Mutual agreement")
struct AgreementTests {
    @Test func eitherSideMayProposeAndProposingIsItsAcceptance() throws {
        let byVendor = try Fixture.proposed(by: Fixture.cam)
        #expect(byVendor.status == .proposed)
        #expect(byVendor.sidesAcceptingCurrent == [.vendor])
        #expect(byVendor.awaitingSide == .partner)
        let byPartner = try Fixture.proposed(by: Fixture.partnerAdmin)
        #expect(byPartner.awaitingSide == .vendor)
    }

    @Test func goalIsAgreedOnlyWhenOneUserOfEachSideAcceptedTheSameRevision() throws {
        var goal = try Fixture.proposed()
        try goal.counter(
            target: 110_000_00, behaviour: nil, metric: MetricCatalog.revenue, context: Fixture.context(baseline: 100_000_00),
            by: Fixture.partnerAdmin, now: Fixture.now)
        #expect(goal.status == .proposed)
        #expect(goal.revisions.count == 2)
        // The vendor accepted revision 1, the partner revision 2: no agreement yet.
        #expect(goal.sidesAcceptingCurrent == [.partner])
        try goal.accept(by: Fixture.cam, today: Fixture.today, now: Fixture.now)
        #expect(goal.status == .agreed)
        #expect(goal.target == 110_000_00)
        #expect(goal.acceptances.map(\.revision) == [1, 2, 2])
    }

    @Test func aSideCannotAcceptItsOwnRevisionAgain() throws {
        var goal = try Fixture.proposed()
        #expect(throws: GoalRuleError.sideAlreadyAccepted(.vendor)) {
            try goal.accept(by: Fixture.admin, today: Fixture.today, now: Fixture.now)
        }
        #expect(goal.status == .proposed)
    }

    @Test func counterProposalMustAlsoBeatTheBaseline() throws {
        var goal = try Fixture.proposed()
        #expect(throws: GoalRuleError.self) {
            try goal.counter(
                target: 90_000_00, behaviour: nil, metric: MetricCatalog.revenue,
                context: Fixture.context(baseline: 100_000_00), by: Fixture.partnerAdmin, now: Fixture.now)
        }
        #expect(goal.revisions.count == 1)
    }

    @Test func partnerMembersDoNotNegotiateGoals() throws {
        #expect(throws: GoalRuleError.roleMayNotNegotiate(.partnerMember)) { try Fixture.proposed(by: Fixture.member) }
        var goal = try Fixture.proposed()
        #expect(throws: GoalRuleError.roleMayNotNegotiate(.partnerMember)) {
            try goal.accept(by: Fixture.member, today: Fixture.today, now: Fixture.now)
        }
    }

    @Test func theBehaviourToMotivateIsRequired() {
        var proposal = Fixture.proposal(target: 120_000_00)
        proposal = GoalProposal(
            partnerID: proposal.partnerID, period: proposal.period, metric: proposal.metric, ownerSide: .partner,
            target: proposal.target, behaviour: "   ")
        #expect(throws: GoalRuleError.behaviourRequired) {
            try Goal.propose(proposal, context: Fixture.context(baseline: nil), by: Fixture.cam, today: Fixture.today, now: Fixture.now)
        }
    }

    @Test func agreedGoalBecomesActiveWhenItsPeriodStarts() throws {
        var goal = try Fixture.agreed()
        #expect(goal.status == .agreed)
        goal.activateIfStarted(today: Fixture.q2.start.advanced(by: -1))
        #expect(goal.status == .agreed)
        goal.activateIfStarted(today: Fixture.q2.start)
        #expect(goal.status == .active)
    }

    @Test func acceptingDuringThePeriodMakesTheGoalActiveAtOnce() throws {
        var goal = try Fixture.proposed()
        try goal.accept(by: Fixture.partnerAdmin, today: Fixture.q2.start.advanced(by: 10), now: Fixture.now)
        #expect(goal.status == .active)
    }

    @Test func onlyTheWaitingSideDeclinesAndOnlyTheAuthorWithdraws() throws {
        var goal = try Fixture.proposed()
        #expect(throws: GoalRuleError.sideAlreadyAccepted(.vendor)) {
            try goal.decline(by: Fixture.cam, reason: "no", now: Fixture.now)
        }
        #expect(throws: GoalRuleError.notProposersSide) { try goal.withdraw(by: Fixture.partnerAdmin, now: Fixture.now) }
        try goal.decline(by: Fixture.partnerAdmin, reason: "No capacity this quarter", now: Fixture.now)
        #expect(goal.status == .declined)
        #expect(goal.decline?.reason == "No capacity this quarter")
        var other = try Fixture.proposed()
        try other.withdraw(by: Fixture.admin, now: Fixture.now)
        #expect(other.status == .withdrawn)
        #expect(throws: GoalRuleError.wrongStatus(action: "accepted", status: .withdrawn)) {
            try other.accept(by: Fixture.partnerAdmin, today: Fixture.today, now: Fixture.now)
        }
    }

    @Test func draftsAreSentBeforeTheOtherSideCanAnswer() throws {
        var goal = try Goal.propose(
            Fixture.proposal(target: 120_000_00), context: Fixture.context(baseline: 100_000_00), by: Fixture.cam,
            today: Fixture.today, now: Fixture.now, asDraft: true)
        #expect(goal.status == .draft)
        #expect(throws: GoalRuleError.wrongStatus(action: "accepted", status: .draft)) {
            try goal.accept(by: Fixture.partnerAdmin, today: Fixture.today, now: Fixture.now)
        }
        try goal.send(by: Fixture.cam, now: Fixture.now)
        #expect(goal.status == .proposed && goal.awaitingSide == .partner)
    }

    @Test func unansweredProposalIsFlaggedAfterTheResponseWindow() throws {
        let goal = try Fixture.proposed()
        #expect(!goal.isLapsed(now: Fixture.now.addingTimeInterval(14 * 86_400), responseWindowDays: 14))
        #expect(goal.isLapsed(now: Fixture.now.addingTimeInterval(14 * 86_400 + 1), responseWindowDays: 14))
        let agreed = try Fixture.agreed()
        #expect(!agreed.isLapsed(now: Fixture.now.addingTimeInterval(100 * 86_400), responseWindowDays: 14))
    }

    @Test func goalsForAPeriodThatIsOverCannotBeProposed() {
        #expect(throws: GoalRuleError.periodOver("FY2027 Q2")) {
            try Goal.propose(
                Fixture.proposal(target: 120_000_00), context: Fixture.context(baseline: nil), by: Fixture.cam,
                today: Fixture.q2.end, now: Fixture.now)
        }
    }
}

@Suite("§5.2 What each side may do")
struct GoalActionTests {
    let partnerID = Fixture.partnerID
    var cam: Viewer { Viewer(userID: .init(), name: "Casey CAM", role: .channelManager, partnerID: nil) }
    var admin: Viewer { Viewer(userID: .init(), name: "Ada Admin", role: .programAdmin, partnerID: nil) }
    var partnerAdmin: Viewer { Viewer(userID: .init(), name: "Pat", role: .partnerAdmin, partnerID: partnerID) }
    var member: Viewer { Viewer(userID: .init(), name: "Mo", role: .partnerMember, partnerID: partnerID) }

    @Test func onlyTheWaitingSideMayAnswerAProposal() throws {
        let goal = try Fixture.proposed(by: Fixture.cam)
        let partnerSide = goal.actions(for: partnerAdmin, mayChangePartner: true, today: Fixture.today)
        #expect(partnerSide.accept && partnerSide.decline && partnerSide.counter && !partnerSide.withdraw)
        let vendorSide = goal.actions(for: cam, mayChangePartner: true, today: Fixture.today)
        #expect(!vendorSide.accept && !vendorSide.decline && vendorSide.withdraw)
        #expect(goal.actions(for: member, mayChangePartner: true, today: Fixture.today) == GoalActions())
        #expect(goal.actions(for: cam, mayChangePartner: false, today: Fixture.today) == GoalActions(), "outside the portfolio")
    }

    @Test func onlyAProgramAdminIsOfferedTheLoweringOverride() throws {
        let goal = try Fixture.agreed()
        #expect(goal.actions(for: admin, mayChangePartner: true, today: Fixture.today).lower)
        #expect(!goal.actions(for: cam, mayChangePartner: true, today: Fixture.today).lower)
        #expect(!goal.actions(for: partnerAdmin, mayChangePartner: true, today: Fixture.today).lower)
    }
}
