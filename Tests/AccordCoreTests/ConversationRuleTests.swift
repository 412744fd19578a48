import Foundation
import Testing

@testable import AccordCore

@Suite("§5.2 The conversation of a negotiation")
struct ConversationRuleTests {
    @Test func aCounterProposalCarriesItsReasonWithoutTouchingTheBehaviour() throws {
        var goal = try Fixture.proposed()
        let behaviour = goal.behaviour
        try goal.counter(
            target: 110_000_00, behaviour: nil, comment: "  Our Q2 pipeline is thinner than last year's.  ", metric: MetricCatalog.revenue,
            context: Fixture.context(baseline: 100_000_00), by: Fixture.partnerAdmin, now: Fixture.now)
        #expect(goal.behaviour == behaviour, "the reason is not the behaviour the goal motivates")
        #expect(
            goal.comments == [
                GoalComment(
                    revision: 2, author: Fixture.partnerAdmin, at: Fixture.now, text: "Our Q2 pipeline is thinner than last year's.")
            ])
        var silent = try Fixture.proposed()
        try silent.counter(
            target: 110_000_00, behaviour: nil, comment: "   ", metric: MetricCatalog.revenue,
            context: Fixture.context(baseline: 100_000_00),
            by: Fixture.partnerAdmin, now: Fixture.now)
        #expect(silent.comments.isEmpty, "a blank comment says nothing and is not kept")
    }

    @Test func eitherSideCommentsOnTheCurrentRevisionButADraftHasNoConversation() throws {
        var goal = try Fixture.proposed()
        try goal.comment("Can we talk about the healthcare accounts first?", by: Fixture.partnerAdmin, now: Fixture.now)
        try goal.comment("Yes: Thursday.", by: Fixture.cam, now: Fixture.now.addingTimeInterval(60))
        #expect(goal.comments.map(\.author.side) == [.partner, .vendor])
        #expect(goal.comments.allSatisfy { $0.revision == 1 })
        #expect(goal.status == .proposed && goal.target == 120_000_00, "a comment changes no term")
        #expect(throws: GoalRuleError.commentRequired) { try goal.comment(" \n ", by: Fixture.cam, now: Fixture.now) }
        #expect(throws: GoalRuleError.commentTooLong(GoalComment.maximumLength)) {
            try goal.comment(String(repeating: "x", count: GoalComment.maximumLength + 1), by: Fixture.cam, now: Fixture.now)
        }
        #expect(throws: GoalRuleError.roleMayNotNegotiate(.partnerMember)) { try goal.comment("hi", by: Fixture.member, now: Fixture.now) }
        var draft = try Fixture.draft(by: Fixture.cam)
        #expect(throws: GoalRuleError.noConversationOnDraft) { try draft.comment("note to self", by: Fixture.cam, now: Fixture.now) }
    }

    @Test func aDeclineNeedsAReason() throws {
        var goal = try Fixture.proposed()
        #expect(throws: GoalRuleError.declineNeedsReason) { try goal.decline(by: Fixture.partnerAdmin, reason: "  ", now: Fixture.now) }
        #expect(goal.status == .proposed)
        try goal.decline(by: Fixture.partnerAdmin, reason: "No capacity until the new hires start", now: Fixture.now)
        #expect(goal.status == .declined && goal.decline?.reason == "No capacity until the new hires start")
    }

    @Test func aDeclinedOrWithdrawnGoalMayBeProposedAgainWhileItsPeriodIsOpen() throws {
        let partnerAdmin = Viewer(userID: UUID(), name: "Pat Partner", role: .partnerAdmin, partnerID: Fixture.partnerID)
        var goal = try Fixture.proposed()
        try goal.decline(by: Fixture.partnerAdmin, reason: "Too high", now: Fixture.now)
        #expect(goal.actions(for: partnerAdmin, mayChangePartner: true, today: Fixture.today).proposeAgain)
        #expect(!goal.actions(for: partnerAdmin, mayChangePartner: true, today: Fixture.q2.end).proposeAgain, "the period is over")
        #expect(!goal.actions(for: partnerAdmin, mayChangePartner: false, today: Fixture.today).proposeAgain)
        var draft = try Fixture.draft(by: Fixture.cam)
        try draft.withdraw(by: Fixture.cam, now: Fixture.now)
        let cam = Viewer(userID: UUID(), name: "Casey CAM", role: .channelManager, partnerID: nil)
        #expect(!draft.actions(for: cam, mayChangePartner: true, today: Fixture.today).proposeAgain, "an unsent draft was never proposed")
        #expect(!draft.actions(for: cam, mayChangePartner: true, today: Fixture.today).comment)
    }

    @Test func theAuditRecordKeepsTheConversationAndOlderRecordsReadWithoutOne() throws {
        var goal = try Fixture.proposed()
        try goal.comment("Agreed in principle.", by: Fixture.partnerAdmin, now: Fixture.now)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let record = try encoder.encode(goal)
        #expect(try decoder.decode(Goal.self, from: record).comments == goal.comments)
        var older = try JSONSerialization.jsonObject(with: record) as! [String: Any]
        older.removeValue(forKey: "comments")
        let read = try decoder.decode(Goal.self, from: try JSONSerialization.data(withJSONObject: older))
        #expect(read.comments.isEmpty && read.target == goal.target)
    }

    @Test func aTargetAHundredTimesItsBaselineIsFarFromHistoryInEitherDirection() {
        let baseline = Baseline(value: 400, source: .bestEver)
        #expect(RealisticSizing.isFarFromHistory(40_001, baseline: baseline, metric: MetricCatalog.revenue))
        #expect(!RealisticSizing.isFarFromHistory(40_000, baseline: baseline, metric: MetricCatalog.revenue))
        #expect(
            !RealisticSizing.isFarFromHistory(1_000_000, baseline: nil, metric: MetricCatalog.revenue), "no history, nothing to be far from"
        )
        let lower = MetricCatalog.averageDiscount
        #expect(RealisticSizing.isFarFromHistory(3, baseline: baseline, metric: lower))
        #expect(!RealisticSizing.isFarFromHistory(4, baseline: baseline, metric: lower))
    }
}
