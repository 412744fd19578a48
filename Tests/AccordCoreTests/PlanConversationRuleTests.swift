import Foundation
import Testing

@testable import AccordCore

/// Issue 19, item 4 (DOMAIN §10): a joint plan has a conversation, each word on the revision it answers.
@Suite("Issue 19: the conversation on a joint plan")
struct PlanConversationRuleTests {
    let content = JointPlanContent(
        why: "Healthcare together", firstFiscalYear: 2027, horizonYears: 2,
        opportunity: .init(segment: "Mid-market healthcare", size: 4_000_000_00, intendedShare: 0.05),
        responsibilities: [
            .init(side: .vendor, description: "Campaigns", owner: "Casey CAM"),
            .init(side: .partner, description: "Certify", owner: "Pat Partner"),
        ], participants: [], cadence: .quarterly, objectives: [], milestones: [])

    @Test func aPlanCommentSpeaksToTheCurrentRevisionAndAnInternalDraftHasNone() throws {
        var plan = try JointPlan.start(partnerID: Fixture.partnerID, content: content, by: Fixture.cam, at: Fixture.now)
        #expect(throws: JointPlan.Problem.noConversationOnDraft) { try plan.comment("Internal note", by: Fixture.cam, at: Fixture.now) }
        #expect(throws: JointPlan.Problem.noConversationOnDraft) {
            try plan.revise(content, comment: "would reach the partner unasked", by: Fixture.cam, at: Fixture.now)
        }
        try plan.share(by: Fixture.cam, at: Fixture.now)
        try plan.comment("  Can we start with two campaigns?  ", by: Fixture.partnerAdmin, at: Fixture.now)
        #expect(plan.comments.map(\.text) == ["Can we start with two campaigns?"] && plan.comments.first?.revision == 1)
        #expect(throws: JointPlan.Problem.partnerMemberCannotCommit) { try plan.comment("Hi", by: Fixture.member, at: Fixture.now) }
        #expect(throws: JointPlan.Problem.commentRequired) { try plan.comment("   ", by: Fixture.cam, at: Fixture.now) }
        #expect(throws: JointPlan.Problem.commentTooLong(GoalComment.maximumLength)) {
            try plan.comment(String(repeating: "x", count: GoalComment.maximumLength + 1), by: Fixture.cam, at: Fixture.now)
        }
        var revised = content
        revised.opportunity.intendedShare = 0.04
        try plan.revise(revised, comment: "Four percent is what our team can reach", by: Fixture.partnerAdmin, at: Fixture.now)
        #expect(plan.comments.last?.revision == 2 && plan.comments.last?.author == Fixture.partnerAdmin)
        #expect(plan.current.content.why == "Healthcare together", "a comment never changes the plan's own text")
    }

    @Test func theAuditRecordKeepsAPlansConversationAndOlderRecordsReadWithoutOne() throws {
        var plan = try JointPlan.start(partnerID: Fixture.partnerID, content: content, by: Fixture.partnerAdmin, at: Fixture.now)
        try plan.comment("Our first plan", by: Fixture.partnerAdmin, at: Fixture.now)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let data = try encoder.encode(plan)
        #expect(try decoder.decode(JointPlan.self, from: data).comments.map(\.text) == ["Our first plan"])
        var old = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        old["comments"] = nil
        let earlier = try decoder.decode(JointPlan.self, from: try JSONSerialization.data(withJSONObject: old))
        #expect(earlier.comments.isEmpty && earlier.id == plan.id)
    }
}
