import Foundation
import Testing

@testable import AccordCore

@Suite("Issue 19: who hears of a goal change, and what an address is")
struct NoticeRuleTests {
    let partner = NoticeFixtures.partner

    func user(_ name: String, _ role: Role, partner: UUID? = nil, email: String? = "x@example.com", disabled: Bool = false) -> User {
        NoticeFixtures.user(name, role, partner: partner, email: email, disabled: disabled)
    }

    @Test func aProposalReachesTheOtherSidesAnswerersOfThatPartnerOnly() throws {
        let users = [
            user("Pat Partner", .partnerAdmin, partner: Fixture.partnerID), user("Mo Member", .partnerMember, partner: Fixture.partnerID),
            user("Ivy Other", .partnerAdmin, partner: UUID()), user("Casey CAM", .channelManager), user("Ada Admin", .programAdmin),
            user("Gone", .partnerAdmin, partner: Fixture.partnerID, disabled: true),
            user("Nomail", .partnerAdmin, partner: Fixture.partnerID, email: nil),
        ]
        let goal = try Fixture.proposed()
        let notices = Notices.forGoal(
            goal, action: "propose", by: Fixture.cam, metric: MetricCatalog.revenue, partner: partner, currency: .usd,
            responseWindowDays: 14,
            users: users)
        #expect(notices.map(\.recipient.name) == ["Pat Partner"])
        #expect(notices.first?.paragraphs.first?.contains("$120,000.00") == true)
        var countered = goal
        try countered.counter(
            target: 110_000_00, behaviour: nil, comment: "Thin pipeline", metric: MetricCatalog.revenue,
            context: Fixture.context(baseline: 100_000_00), by: Fixture.partnerAdmin, now: Fixture.now)
        let back = Notices.forGoal(
            countered, action: "counter", by: Fixture.partnerAdmin, metric: MetricCatalog.revenue, partner: partner, currency: .usd,
            responseWindowDays: 14, users: users)
        #expect(back.map(\.recipient.name) == ["Casey CAM"], "the partner's channel manager, not every admin")
        #expect(back.first?.paragraphs.contains("Why: Thin pipeline") == true)
        let noCAM = Notices.forGoal(
            countered, action: "counter", by: Fixture.partnerAdmin, metric: MetricCatalog.revenue, partner: partner, currency: .usd,
            responseWindowDays: 14, users: users.filter { $0.role != .channelManager })
        #expect(noCAM.map(\.recipient.name) == ["Ada Admin"], "without a channel manager user, the program's admins")
        let draft = try Fixture.draft(by: Fixture.cam)
        #expect(
            Notices.forGoal(
                draft, action: "draft", by: Fixture.cam, metric: MetricCatalog.revenue, partner: partner, currency: .usd,
                responseWindowDays: 14, users: users
            ).isEmpty, "a draft tells nobody")
    }

    @Test func anAddressIsCheckedWhenItIsSet() throws {
        for good in ["pat@globex.example", "first.last+tag@sub.Example.COM"] { _ = try EmailAddress(good) }
        #expect(try EmailAddress("A@Example.COM").text == "A@example.com")
        for bad in ["pat", "pat@localhost", "a b@c.de", "a@@c.de", "a@c..de", ".a@c.de", "a@-c.de", "a@c.de\r\nBcc: x@y.z", ""] {
            #expect(throws: EmailAddress.Problem.self) { try EmailAddress(bad) }
        }
    }
}
