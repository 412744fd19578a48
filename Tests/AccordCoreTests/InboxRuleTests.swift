import Foundation
import Testing

@testable import AccordCore

@Suite("Waiting for you: what an inbox holds and in which order")
struct InboxRuleTests {
    let now = Day(year: 2026, month: 11, day: 23).midnightUTC.addingTimeInterval(43_200)

    func item(_ kind: InboxItem.Kind, due: Date?, partner: String = "Globex") -> InboxItem {
        InboxItem(kind: kind, subjectID: UUID(), partnerID: UUID(), partnerName: partner, due: due)
    }

    @Test func theInboxPutsWhatIsOverdueFirstThenTheSoonestDue() {
        let later = item(.goalToAnswer, due: now.addingTimeInterval(5 * 86_400))
        let soon = item(.actionItem, due: now.addingTimeInterval(86_400))
        let lapsed = item(.proposalLapsing, due: now.addingTimeInterval(-3_600))
        let undated = item(.planToAnswer, due: nil)
        let undatedGoal = item(.declinedGoal, due: nil, partner: "Acme")
        let ranked = Inbox.ranked([undated, later, undatedGoal, soon, lapsed], now: now)
        #expect(ranked.map(\.subjectID) == [lapsed, soon, later, undated, undatedGoal].map(\.subjectID))
        #expect(lapsed.isOverdue(now: now) && !soon.isOverdue(now: now))
    }

    @Test func eachUserReadsTheirOwnScopeAndAPartnerMemberOnlyTheirActionItems() {
        let partnerID = UUID()
        #expect(Inbox.scope(of: Viewer(userID: UUID(), name: "Ada", role: .programAdmin, partnerID: nil)) == .program)
        #expect(
            Inbox.scope(of: Viewer(userID: UUID(), name: "token Casey", role: .channelManager, partnerID: nil, portfolio: "Casey"))
                == .portfolio("Casey"))
        let member = Viewer(userID: UUID(), name: "Mo", role: .partnerMember, partnerID: partnerID)
        #expect(Inbox.scope(of: member) == .partner(partnerID))
        #expect(Inbox.kinds(for: member) == [.actionItem])
        #expect(Inbox.kinds(for: Viewer(userID: UUID(), name: "Pat", role: .partnerAdmin, partnerID: partnerID)) == InboxItem.Kind.allCases)
    }

    @Test func aProposalIsListedToChaseInTheResponseWindowsLastDays() {
        let today = Day(year: 2026, month: 11, day: 23)
        #expect(Inbox.windows(now: now, today: today, responseWindowDays: 14).lapsingBefore == now.addingTimeInterval(3 * 86_400))
        #expect(Inbox.windows(now: now, today: today, responseWindowDays: 2).lapsingBefore == now.addingTimeInterval(2 * 86_400))
        #expect(Inbox.windows(now: now, today: today, responseWindowDays: 14).reviewsDueBy == today.advanced(by: 7))
    }
}
