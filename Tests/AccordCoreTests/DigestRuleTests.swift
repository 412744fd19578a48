import Foundation
import Testing

@testable import AccordCore

/// Issue 19: the weekly digest, messages held for it, notices of joint plans, and reminders.
@Suite("Issue 19: the digest, plan notices and reminders")
struct DigestRuleTests {
    let partner = NoticeFixtures.partner

    func user(_ name: String, _ role: Role, partner: UUID? = nil, email: String? = "x@example.com", disabled: Bool = false) -> User {
        NoticeFixtures.user(name, role, partner: partner, email: email, disabled: disabled)
    }

    func standing(
        status: GoalStatus = .active, pacing: PacingStatus = .behind, period: Period = Fixture.q2, draftOf: Side? = nil
    ) -> GoalStanding {
        GoalStanding(
            goalID: UUID(), partnerID: Fixture.partnerID, metricKey: "revenue", ownerSide: .partner, status: status, period: period,
            target: 120_000_00, baseline: 100_000_00, actual: 48_000_00,
            figures: ProgressFigures(
                attainment: 0.4, improvementProgress: nil,
                pacing: Pacing(elapsedShare: 0.6, expectedToDate: 72_000_00, status: pacing, forecast: 80_000_00)),
            asOf: Day(year: 2026, month: 11, day: 23), lapsesAt: nil, carriedForward: false, draftOf: draftOf)
    }

    @Test func theDigestWeekIsTheISOWeekAndItIsDueFromTheProgramsDay() {
        let wednesday = Day(year: 2026, month: 12, day: 2)
        #expect(wednesday.weekday == .wednesday && Day(number: 0).weekday == .thursday && Day(number: -1).weekday == .wednesday)
        #expect(Digest.week(of: wednesday) == Day(year: 2026, month: 11, day: 30))
        #expect(Digest.week(of: Day(year: 2026, month: 11, day: 30)) == Day(year: 2026, month: 11, day: 30), "a Monday is its own week")
        #expect(Digest.isDue(today: wednesday, day: .monday) && Digest.isDue(today: wednesday, day: .wednesday))
        #expect(!Digest.isDue(today: wednesday, day: .friday), "not before the program's day")
        #expect(Weekday(text: "Fri") == .friday && Weekday(text: "7") == .sunday && Weekday(text: "x") == nil && Weekday(text: "") == nil)
    }

    @Test func aKindHeldForTheDigestArrivesAtOnceWhileTheDigestIsOff() {
        #expect(NoticeDelivery.effective(for: .goalAccepted, choices: [:]) == .immediately, "every event at once before choosing")
        #expect(NoticeDelivery.effective(for: .goalAccepted, choices: [.goalAccepted: .inDigest]) == .inDigest)
        #expect(
            NoticeDelivery.effective(for: .goalAccepted, choices: [.goalAccepted: .inDigest, .weeklyDigest: .never]) == .immediately,
            "nothing is held for a digest that never goes")
        #expect(NoticeDelivery.effective(for: .goalAccepted, choices: [.goalAccepted: .never]) == .never)
        #expect(!NoticeKind.weeklyDigest.choices.contains(.inDigest), "the digest is not listed in itself")
    }

    @Test func partnerAdminsAndVendorStaffGetADigestAPartnerMemberDoesNot() {
        #expect(Digest.scope(of: user("Pat Partner", .partnerAdmin, partner: Fixture.partnerID)) == .partner(Fixture.partnerID))
        #expect(Digest.scope(of: user("Casey CAM", .channelManager)) == .portfolio("Casey CAM"))
        #expect(Digest.scope(of: user("Ada Admin", .programAdmin)) == .program)
        #expect(Digest.scope(of: user("Mo Member", .partnerMember, partner: Fixture.partnerID)) == nil)
        #expect(Digest.scope(of: user("Gone", .partnerAdmin, partner: Fixture.partnerID, disabled: true)) == nil)
        #expect(Digest.scope(of: user("Nomail", .channelManager, email: nil)) == nil)
        let partners: Set<UUID> = [Fixture.partnerID]
        #expect(Digest.isIn(.portfolio("Casey CAM"), partners: partners, channelManagers: ["Casey CAM"]))
        #expect(!Digest.isIn(.portfolio("Olive CAM"), partners: partners, channelManagers: ["Casey CAM"]), "no partner of theirs here")
        #expect(!Digest.isIn(.partner(UUID()), partners: partners, channelManagers: []), "another program's partner")
        #expect(Digest.isIn(.program, partners: [], channelManagers: []))
    }

    @Test func theDigestSpeaksOfThePeriodsOpenGoalsAndNeverOfADraft() {
        let today = Day(year: 2026, month: 11, day: 23)
        #expect(Digest.isOfThePeriod(standing(), today: today))
        #expect(Digest.isOfThePeriod(standing(status: .proposed), today: today))
        #expect(!Digest.isOfThePeriod(standing(status: .draft, draftOf: .vendor), today: today), "the vendor's draft stays the vendor's")
        #expect(!Digest.isOfThePeriod(standing(status: .achieved), today: today))
        #expect(!Digest.isOfThePeriod(standing(period: Fixture.q2.next), today: today), "next quarter's goal is not this period's")
        #expect(Digest.needsAttention(standing(pacing: .atRisk), today: today))
        #expect(!Digest.needsAttention(standing(pacing: .onTrack), today: today))
        #expect(!Digest.needsAttention(standing(status: .proposed), today: today), "a proposal is not behind: it is not agreed")
    }

    @Test func aPartnerDigestSaysWhereEachGoalStandsAndWhatMakingItEarns() throws {
        let today = Day(year: 2026, month: 11, day: 23)
        let pat = Notice.Recipient(userID: UUID(), name: "Pat Partner", email: try EmailAddress("pat@globex.example"))
        let stakes = GoalBenefits(
            rewards: [BenefitTerms(kind: .marginUplift, amount: 100)], consequences: [BenefitTerms(kind: .coSelling)])
        let line = Digest.GoalLine(standing: standing(), metric: MetricCatalog.revenue, partnerName: "Globex", stakes: stakes)
        let digest = try #require(
            Digest.compose(
                recipient: pat, programID: UUID(), programName: "Northwind", scope: .partner(Fixture.partnerID), scopeName: "Globex",
                week: Day(year: 2026, month: 11, day: 23), today: today, currency: .usd, goals: [line], goalsTotal: 1,
                waiting: .init(lines: [.init("Goal to answer: Deal registrations", path: "/goals/x")], total: 3, morePath: "/inbox"),
                held: []))
        #expect(digest.kind == .weeklyDigest && digest.subject.contains("week of"))
        let goals = try #require(digest.sections.first)
        #expect(goals.title == "This period's goals")
        #expect(goals.lines.first?.text == "Revenue, FY2027 Q2", "a partner's own digest does not name its partner on every line")
        let text = try #require(goals.lines.first?.detail)
        #expect(text.contains("$48,000.00 of $120,000.00 (40 %)") && text.contains("Behind") && text.contains("at this pace $80,000.00"))
        #expect(text.contains("made: Margin uplift 1.00 pt") && text.contains("missed: "))
        let waiting = try #require(digest.sections.last)
        #expect(waiting.title == "Waiting for you (3)" && waiting.lines.last?.path == "/inbox", "the rest are counted, with a link")
        #expect(
            Digest.compose(
                recipient: pat, programID: UUID(), programName: "Northwind", scope: .partner(Fixture.partnerID), scopeName: "Globex",
                week: today, today: today, currency: .usd, goals: [], goalsTotal: 0,
                waiting: .init(lines: [], total: 0, morePath: "/inbox"),
                held: []) == nil, "a digest that would say nothing is not sent")
    }

    @Test func aPlanChangeTellsTheOtherSideAndAnInternalDraftNobody() throws {
        let users = [
            user("Pat Partner", .partnerAdmin, partner: Fixture.partnerID), user("Mo Member", .partnerMember, partner: Fixture.partnerID),
            user("Ivy Other", .partnerAdmin, partner: UUID()), user("Casey CAM", .channelManager),
        ]
        let content = JointPlanContent(
            why: "Healthcare together", firstFiscalYear: 2027, horizonYears: 2,
            opportunity: .init(segment: "Mid-market healthcare", size: 4_000_000_00, intendedShare: 0.05),
            responsibilities: [
                .init(side: .vendor, description: "Campaigns", owner: "Casey CAM"),
                .init(side: .partner, description: "Certify", owner: "Pat Partner"),
            ], participants: [], cadence: .quarterly, objectives: [], milestones: [])
        var plan = try JointPlan.start(partnerID: Fixture.partnerID, content: content, by: Fixture.cam, at: Fixture.now)
        #expect(Notices.forPlan(plan, action: "create", by: Fixture.cam, partner: partner, users: users).isEmpty, "a draft is the vendor's")
        try plan.share(by: Fixture.cam, at: Fixture.now)
        let shared = Notices.forPlan(plan, action: "share", by: Fixture.cam, partner: partner, users: users)
        #expect(shared.map(\.recipient.name) == ["Pat Partner"] && shared.first?.kind == .planProposed)
        #expect(shared.first?.path == "/plans/\(plan.id.uuidString.lowercased())")
        try plan.accept(by: Fixture.partnerAdmin, at: Fixture.now)
        let agreed = Notices.forPlan(plan, action: "accept", by: Fixture.partnerAdmin, partner: partner, users: users)
        #expect(agreed.map(\.recipient.name) == ["Casey CAM"] && agreed.first?.subject.hasSuffix("is agreed") == true)
    }

    @Test func aReminderGoesToTheSideAProposalWaitsForAndToAnActionItemsOwner() throws {
        let pat = user("Pat Partner", .partnerAdmin, partner: Fixture.partnerID)
        let users = [pat, user("Casey CAM", .channelManager), user("Pat Partner", .partnerAdmin, partner: UUID())]
        let lapses = Fixture.now.addingTimeInterval(2 * 86_400)
        let lapsing = Notices.lapsing(
            goalID: UUID(), lapsesAt: lapses, metric: MetricCatalog.revenue, period: Fixture.q2, target: 120_000_00, currency: .usd,
            awaiting: .partner, partner: partner, users: users)
        #expect(lapsing.map(\.recipient.userID) == [pat.id], "that partner's admin, not a namesake at another partner")
        #expect(lapsing.first?.kind == .proposalLapsing && lapsing.first?.paragraphs.first?.contains("$120,000.00") == true)
        let again = Notices.lapsing(
            goalID: UUID(), lapsesAt: lapses.addingTimeInterval(86_400), metric: MetricCatalog.revenue, period: Fixture.q2,
            target: 120_000_00, currency: .usd, awaiting: .partner, partner: partner, users: users)
        #expect(again.first?.eventKey != lapsing.first?.eventKey, "a new window is a new reminder")
        let item = ActionItem(side: .partner, owner: "Pat Partner", title: "Send the pipeline", due: Day(year: 2026, month: 11, day: 25))
        let due = Notices.actionItemDue(item, reviewID: UUID(), partner: partner, users: users)
        #expect(due.map(\.recipient.userID) == [pat.id] && due.first?.subject.contains("Send the pipeline") == true)
        let vendors = Notices.actionItemDue(
            ActionItem(side: .vendor, owner: "Pat Partner", title: "x", due: item.due), reviewID: UUID(), partner: partner, users: users)
        #expect(vendors.isEmpty, "an item of the vendor's side goes to a vendor user of that name only")
    }
}
