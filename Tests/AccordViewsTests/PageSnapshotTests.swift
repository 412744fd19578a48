import AccordCore
import Foundation
import SnapshotTesting
import Testing

@testable import AccordViews

/// Every page rendered from plain mock models, no server: the HTML is compared with the committed snapshot
/// (one tag per line, so a change reads as a small diff).
@Suite("Page snapshots")
struct PageSnapshotTests {
    static let partnerID = UUID(uuidString: "11111111-1111-1111-1111-111111111111")!
    static let goalID = UUID(uuidString: "22222222-2222-2222-2222-222222222222")!
    static let at = Date(timeIntervalSince1970: 1_795_000_000)
    static let chrome = PageChrome(
        programName: "Northwind Partner Program", userName: "Ana Ruiz", roleLabel: "Channel manager", csrf: "csrf_test", isVendor: true,
        isChannelManager: true)
    static let partnerChrome = PageChrome(
        programName: "Northwind Partner Program", userName: "Dana Reyes", roleLabel: "Partner admin", csrf: "csrf_test", isVendor: false,
        partnerID: partnerID)
    static let today = Day(year: 2026, month: 11, day: 23)
    static let q4 = Period(calendar: .calendarYear, kind: .quarter, fiscalYear: 2026, index: 4)

    static func lines(_ html: String) -> String { html.replacingOccurrences(of: "><", with: ">\n<") + "\n" }

    static func row(_ n: Int, _ status: PacingStatus?, lapsed: Int = 0, carried: Int = 0) -> OverviewPage.Model.Row {
        OverviewPage.Model.Row(
            id: UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))!, name: "Partner \(n) <Ltd>", externalKey: "NW-\(n)",
            stage: LifecycleStage.allCases[n % 6], region: ["EMEA", "APAC"][n % 2], channelManager: "Ana Ruiz", tier: "Gold",
            businessModel: "Reseller", periodLabel: "FY2026 Q4", goalsInPeriod: 3, committedGoals: 2, worstStatus: status,
            lapsedProposals: lapsed, carriedForward: carried)
    }

    static var rows: [OverviewPage.Model.Row] { [row(1, .behind, carried: 1), row(2, .onTrack), row(3, .atRisk, lapsed: 1), row(4, nil)] }

    static func pacing(_ status: PacingStatus) -> Pacing {
        Pacing.evaluate(
            metric: MetricCatalog.revenue, target: 120_000_00, baseline: 100_000_00, actual: status == .behind ? 20_000_00 : 80_000_00,
            period: q4, asOf: today, profile: .flatByDays)
    }

    /// An overview of these partners, counted as the store counts them.
    static func overview(_ rows: [OverviewPage.Model.Row], goalCounts: [GoalStatus: Int] = [:]) -> OverviewPage.Model {
        var model = OverviewPage.Model(
            chrome: chrome, today: today, goalCounts: goalCounts, rows: Array(rows.prefix(OverviewPage.shownRows)), partnerCount: rows.count
        )
        let attention = rows.filter(\.needsAttention)
        model.attentionRows = Array(attention.prefix(OverviewPage.shownRows))
        model.attentionCount = attention.count
        model.partnersByStatus = [.onTrack, .atRisk, .behind, .achieved].map { status in
            (status, rows.filter { $0.worstStatus == status }.count)
        }
        model.partnersByStage = LifecycleStage.allCases.map { stage in (stage, rows.filter { $0.stage == stage }.count) }
        return model
    }

    @Test func overviewPage() {
        var model = Self.overview(Self.rows, goalCounts: [.active: 12, .proposed: 3, .declined: 1, .achieved: 5, .missed: 2])
        model.attainment = [("< 50 %", 3), ("50–80 %", 4), ("80–100 %", 2), ("100–120 %", 2), ("≥ 120 %", 1)]
        assertSnapshot(of: Self.lines(OverviewPage.render(model)), as: .lines)
    }

    @Test func anOverviewOfThousandsOfPartnersShowsTheFirstRowsAndLinksToTheList() {
        let rows = (1...2_000).map { Self.row($0, $0.isMultiple(of: 2) ? .behind : .onTrack) }
        let html = OverviewPage.render(Self.overview(rows))
        #expect(html.contains("2000 partners · as of"))
        #expect(html.components(separatedBy: "<td><a href=\"/partners/").count - 1 == 2 * OverviewPage.shownRows)
        #expect(html.contains("Showing 50 of 1000 partners needing attention. <a href=\"/partners?sort=status\">"))
        #expect(html.contains("Showing 50 of 2000 partners. <a href=\"/partners\">"))
        #expect(html.utf8.count < 100_000)
    }

    @Test func overviewPageEmpty() {
        assertSnapshot(
            of: Self.lines(OverviewPage.render(Self.overview([]))), as: .lines)
    }

    @Test func partnerListPage() {
        var query = PartnerListPage.Query()
        query.search = "partner"
        query.sort = "status"
        query.page = 2
        let model = PartnerListPage.Model(
            chrome: Self.chrome, query: query, rows: Self.rows, total: 60, pageSize: 25, regions: ["APAC", "EMEA"],
            channelManagers: ["Ana Ruiz"], tiers: ["Gold"])
        assertSnapshot(of: Self.lines(PartnerListPage.render(model)), as: .lines)
    }

    static func partnerModel(chrome: PageChrome) -> PartnerPage.Model {
        let chart = GoalChart(
            title: "Revenue, FY2026 Q4", start: q4.start, end: q4.end, target: 120_000_00,
            expected: Pacing.expectedCurve(target: 120_000_00, period: q4, profile: .flatByDays).map { (day: $0.day, value: $0.expected) },
            actual: [
                (day: Day(year: 2026, month: 10, day: 10), value: 30_000_00), (day: Day(year: 2026, month: 11, day: 2), value: 80_000_00),
            ],
            asOf: today, format: { Money(minorUnits: Int64($0), currency: .usd).formatted })
        var model = PartnerPage.Model(
            chrome: chrome, partnerID: partnerID, name: "Delta Managed Services", externalKey: "NW-1004", stage: .established,
            businessModel: "MSP", region: "LATAM", channelManager: "Dev Patel", tier: "Platinum", periodLabel: "FY2026 Q4",
            vendorPeriods: "FY2026 Q4 = Vendor FY2027 Q3 (34 %) + FY2027 Q4 (66 %)", previousPeriod: "FY2026 Q3", nextPeriod: "FY2027 Q1",
            shareOfWallet: 0.17, trainedShare: 0.18,
            goals: [
                .init(
                    goalID: goalID, metricName: "Revenue", category: "Revenue", ownerSide: .partner, status: .active, target: "$120,000.00",
                    baseline: "$100,000.00",
                    actual: "$80,000.00", attainment: 0.667, improvementProgress: -1, pacing: pacing(.onTrack),
                    behaviour: "Grow with a second solution",
                    carriedForward: true, lowered: false, awaiting: nil, chart: chart),
                .init(
                    goalID: goalID, metricName: "MDF delivered", category: "Vendor commitment", ownerSide: .vendor, status: .proposed,
                    target: "$5,000.00", baseline: "no history",
                    actual: "—", attainment: nil, improvementProgress: nil, pacing: pacing(.behind), behaviour: "Fund two campaigns",
                    carriedForward: false, lowered: false, awaiting: .partner, chart: nil),
            ],
            issues: ["Developing and established partners have at least one growth goal."], asOf: today)
        model.mayPropose = true
        model.pending = [
            .init(
                goalID: goalID, periodLabel: "FY2026 Q4", metricName: "MDF delivered", target: "$5,000.00", actual: "—", status: .proposed,
                carriedForward: false)
        ]
        model.history = [
            .init(
                goalID: goalID, periodLabel: "FY2026 Q3", metricName: "Revenue", target: "$120,000.00", actual: "$90,000.00",
                status: .missed, carriedForward: true)
        ]
        model.capacity = [(Day(year: 2025, month: 10, day: 1), 0.12, 0.1, 20), (Day(year: 2026, month: 10, day: 24), 0.17, 0.18, 22)]
        model.loweredTargetsYear = "FY2027 (1 Feb 2026 – 31 Jan 2027)"
        model.loweredTargets = [
            .init(
                goalID: goalID, partnerID: partnerID, partnerName: "Northwind <Traders>", goal: "Revenue, FY2026 Q4", before: "$150,000.00",
                after: "$130,000.00", by: "Ada Admin (Program admin)", at: "3 Nov 2026, 09:15 UTC",
                reason: "Largest customer froze spending")
        ]
        return model
    }

    @Test func partnerPage() {
        assertSnapshot(of: Self.lines(PartnerPage.render(Self.partnerModel(chrome: Self.chrome))), as: .lines)
    }

    @Test func partnerPortalPage() {
        assertSnapshot(of: Self.lines(PartnerPage.render(Self.partnerModel(chrome: Self.partnerChrome))), as: .lines)
    }

    @Test func goalPageWithAnswersAndARefusedCounterProposal() {
        var actions = GoalActions()
        actions.accept = true
        actions.decline = true
        actions.counter = true
        actions.comment = true
        var model = GoalPage.Model(
            chrome: Self.partnerChrome, goalID: Self.goalID, partnerID: Self.partnerID, partnerName: "Delta Managed Services",
            metricName: "Revenue",
            periodLabel: "FY2026 Q4", vendorPeriods: "Vendor calendar: FY2026 Q4 = Vendor FY2027 Q3 (34 %) + FY2027 Q4 (66 %)",
            status: .proposed,
            ownerSide: .partner, target: "$120,000.00", targetPlain: "120000.00", baseline: "$100,000.00",
            baselineSource: "the actual of FY2025 Q4",
            behaviour: "Grow with a second solution", objective: "Lead the healthcare segment", awaiting: .partner, lapsed: true,
            carriedFrom: nil,
            closingActual: nil, declineReason: nil,
            revisions: [
                .init(
                    number: 1, target: "$120,000.00", behaviour: "Grow with a second solution", author: "Dev Patel", authorSide: .vendor,
                    origin: .proposal, at: Self.at, acceptedBy: [("Dev Patel", .vendor, Self.at)])
            ],
            overrides: [], audit: [.init(at: Self.at, who: "Dev Patel", action: "propose", reason: nil)], actions: actions,
            errors: [
                "target": "The target $90,000.00 does not beat the baseline: Revenue baseline is $100,000.00 (the actual of FY2025 Q4)."
            ],
            typed: ["target": "90000"])
        model.conversation = [
            .init(at: Self.at, who: "Dev Patel", side: .vendor, revision: 1, event: "Proposed $120,000.00", text: nil),
            .init(at: Self.at, who: "Dana Reyes", side: .partner, revision: 1, event: nil, text: "Can the <healthcare> deals count?"),
        ]
        assertSnapshot(of: Self.lines(GoalPage.render(model)), as: .lines)
    }

    @Test func goalPageAskingToConfirmADecline() {
        var actions = GoalActions()
        actions.decline = true
        var model = GoalPage.Model(
            chrome: Self.partnerChrome, goalID: Self.goalID, partnerID: Self.partnerID, partnerName: "Delta Managed Services",
            metricName: "Revenue", periodLabel: "FY2026 Q4", vendorPeriods: "Vendor calendar: FY2027 Q3", status: .proposed,
            ownerSide: .partner, target: "$120,000.00", targetPlain: "120000.00", baseline: "$100,000.00",
            baselineSource: "the actual of FY2025 Q4", behaviour: "Grow with a second solution", objective: nil, awaiting: .partner,
            lapsed: false, carriedFrom: nil, closingActual: nil, declineReason: nil, revisions: [], overrides: [], audit: [],
            actions: actions)
        model.confirming = .decline(reason: "Two reps leave in \"October\"")
        assertSnapshot(of: Self.lines(GoalPage.render(model)), as: .lines)
    }

    @Test func inboxPage() {
        let model = InboxPage.Model(
            chrome: Self.chrome, scope: "your portfolio",
            lines: [
                .init(
                    kind: "Your action item", partnerName: "Delta Managed Services", what: "Send the <healthcare> pipeline", detail: nil,
                    due: "overdue: was due on 21 Nov 2026", overdue: true, path: "/reviews/x", action: "Open the review"),
                .init(
                    kind: "Goal to answer", partnerName: "Acme", what: "Revenue · FY2026 Q4 (1 Oct – 31 Dec 2026) · $95,000",
                    detail: nil, due: "answer by 4 Dec 2026", overdue: false, path: "/goals/y", action: "Answer"),
            ],
            counts: [
                .init(label: "goals to answer", count: 51, shown: 50), .init(label: "action items you own", count: 1, shown: 1),
                .init(label: "reviews to hold", count: 0, shown: 0),
            ])
        assertSnapshot(of: Self.lines(InboxPage.render(model)), as: .lines)
    }

    @Test func goalPageAgreedWithOverrideForAnAdmin() {
        var actions = GoalActions()
        actions.lower = true
        let model = GoalPage.Model(
            chrome: Self.chrome, goalID: Self.goalID, partnerID: Self.partnerID, partnerName: "Delta Managed Services",
            metricName: "Revenue",
            periodLabel: "FY2026 Q4", vendorPeriods: "Vendor calendar: FY2026 Q4 = Vendor FY2027 Q3 (34 %) + FY2027 Q4 (66 %)",
            status: .active,
            ownerSide: .partner, target: "$110,000.00", targetPlain: "110000.00", baseline: "$100,000.00",
            baselineSource: "the actual of FY2025 Q4",
            behaviour: "Grow with a second solution", objective: nil, awaiting: nil, lapsed: false, carriedFrom: Self.goalID,
            closingActual: nil, declineReason: nil,
            revisions: [
                .init(
                    number: 1, target: "$120,000.00", behaviour: "Grow", author: "Accord, period close", authorSide: .vendor,
                    origin: .carryForward, at: Self.at, acceptedBy: []),
                .init(
                    number: 2, target: "$110,000.00", behaviour: "Grow", author: "Morgan Lee", authorSide: .vendor, origin: .override,
                    at: Self.at, acceptedBy: []),
            ],
            overrides: [("$120,000.00", "$110,000.00", "Budget freeze at the largest customer", "Morgan Lee", Self.at)],
            audit: [.init(at: Self.at, who: "Morgan Lee", action: "lower", reason: "Budget freeze at the largest customer")],
            actions: actions,
            errors: ["lower-reason": "Lowering an agreed target needs a written reason."], typed: ["lower-target": "100000"])
        assertSnapshot(of: Self.lines(GoalPage.render(model)), as: .lines)
    }

    @Test func proposeGoalPageWithARefusedTarget() {
        var grounding = ProposeGoalPage.Grounding(
            baseline: "12 (the actual of FY2026 Q1)", smallestAcceptable: "13", bestAchieved: nil, shareOfWallet: 0.17, trainedShare: 0.18)
        grounding.growth = "+25 %"
        grounding.growthCompared = "the 12 months to 30 Sep 2026 against the 12 months before"
        grounding.suggestedRange = "13 – 15"
        grounding.sizingExplanation = "From the smallest acceptable target to what recent growth of +25 % support."
        let model = ProposeGoalPage.Model(
            chrome: Self.chrome, partnerID: Self.partnerID, partnerName: "Delta Managed Services",
            periods: [
                ("FY2026 Q4", "FY2026 Q4 — Vendor FY2027 Q3 (34 %) + FY2027 Q4 (66 %)"),
                ("FY2027 Q1", "FY2027 Q1 — Vendor FY2027 Q4 (100 %)"),
            ],
            metrics: [("revenue", "Revenue (Revenue)"), ("deal_registrations", "Deal registrations (Activity)")], period: "FY2027 Q1",
            metric: "deal_registrations",
            grounding: grounding, typed: ["target": "12", "behaviour": "Register every opportunity <early>"],
            errors: ["target": "The target 12 does not beat the baseline: Deal registrations baseline is 12 (the actual of FY2026 Q1)."],
            viewerSide: .vendor)
        assertSnapshot(of: Self.lines(ProposeGoalPage.render(model)), as: .lines)
    }

    @Test func portfolioPage() {
        assertSnapshot(
            of: Self.lines(
                PortfolioPage.render(
                    .init(chrome: Self.chrome, channelManager: "Ana Ruiz", channelManagers: ["Ana Ruiz", "Dev Patel"], rows: Self.rows))),
            as: .lines)
    }

    @Test func importPageRefusedAndDone() {
        let kinds = [("sales", "Sales lines"), ("activities", "Activity records")]
        let refused = ImportPage.Model(
            chrome: Self.chrome, kinds: kinds, selectedKind: "sales", skipInvalid: false,
            outcome: .refused(kind: "sales", rows: [RowError(line: 3, reason: "date '2026-02-30' is not a date (YYYY-MM-DD)")], total: 1),
            error: nil)
        assertSnapshot(of: Self.lines(ImportPage.render(refused)), as: .lines, named: "refused")
        let done = ImportPage.Model(
            chrome: Self.chrome, kinds: kinds, selectedKind: "sales", skipInvalid: true,
            outcome: .imported(
                kind: "sales", inserted: 1, alreadyPresent: 0, rejected: [RowError(line: 3, reason: "unknown partner key 'X'")],
                rejectedCount: 1), error: nil)
        assertSnapshot(of: Self.lines(ImportPage.render(done)), as: .lines, named: "done")
    }

    @Test func signInAndPasswordPages() {
        assertSnapshot(
            of: Self.lines(
                SignInPage.render(
                    .init(login: "admin\"><b>", next: "/partners", error: "The sign-in name or password is not right.", csrf: "csrf_test"))),
            as: .lines, named: "sign-in")
        assertSnapshot(
            of: Self.lines(
                PasswordPage.render(
                    .init(
                        purpose: .change, errors: ["current": "That is not your current password."], notice: nil, csrf: "csrf_test",
                        chrome: Self.chrome))), as: .lines, named: "change")
        assertSnapshot(
            of: Self.lines(
                PasswordPage.render(
                    .init(
                        purpose: .link(token: "link_abc", userName: "New Bie"), errors: [:], notice: nil, csrf: "csrf_test",
                        chrome: .anonymous))), as: .lines, named: "link")
    }

    static var planContent: JointPlanContent {
        JointPlanContent(
            why: "Secure edge for mid-market healthcare", firstFiscalYear: 2027, horizonYears: 2,
            opportunity: .init(segment: "Healthcare", size: 100_000_000, intendedShare: 0.05),
            responsibilities: [
                .init(side: .vendor, description: "Two campaigns", owner: "Ana Ruiz"),
                .init(side: .partner, description: "Certify four engineers", owner: "Dana Reyes"),
            ],
            participants: [.init(name: "Ana Ruiz", side: .vendor, role: "Channel manager")], cadence: .quarterly,
            objectives: [
                .init(id: goalID, metricKey: "revenue", ownerSide: .partner, target: 40_000_000, description: "Revenue in FY2028")
            ],
            milestones: [.init(id: goalID, title: "First reference", due: Day(year: 2027, month: 3, day: 31))])
    }

    @Test func planPage() {
        var model = PlanPage.Model(
            chrome: Self.partnerChrome, planID: Self.goalID, partnerID: Self.partnerID, partnerName: "Delta Managed Services",
            status: .proposed, revision: 2,
            agreedRevision: 1, awaiting: .partner, content: Self.planContent, horizon: "FY2027–FY2028", marketSize: "$1,000,000.00",
            valueToCapture: "$50,000.00",
            objectives: [
                .init(
                    id: Self.goalID, metricName: "Revenue", ownerSide: .partner, target: "$400,000.00", description: "Revenue in FY2028",
                    goals: [(Self.goalID, "FY2027 Q1", "$40,000.00", .proposed, "—")],
                    suggestions: [("FY2027 Q1 — Vendor FY2027 Q4 (100 %)", "$40,000.00", true)])
            ],
            mayShare: false, mayAccept: true, mayPropose: true, notice: nil)
        model.mayRevise = true
        model.mayComment = true
        let at = Date(timeIntervalSince1970: 1_790_000_000)
        model.conversation = [
            .init(at: at, who: "Ana Ruiz", side: .vendor, revision: 2, event: "Wrote revision 2", text: nil),
            .init(at: at, who: "Ana Ruiz", side: .vendor, revision: 2, event: nil, text: "Campaigns start in Q2 now."),
        ]
        model.commentError = "Write the comment first."
        assertSnapshot(of: Self.lines(PlanPage.render(model)), as: .lines)
    }

    @Test func planFormPageWithARefusedLine() {
        let model = PlanFormPage.Model(
            chrome: Self.chrome, partnerID: Self.partnerID, partnerName: "Delta Managed Services", planID: nil, fiscalYears: [2027, 2028],
            metrics: [("revenue", "Revenue")], values: ["why": "Together <we> grow", "responsibilities": "both; x; y"],
            errors: ["responsibilities": "Line 1: the side is vendor or partner, not 'both'."])
        assertSnapshot(of: Self.lines(PlanFormPage.render(model)), as: .lines)
    }

    @Test func reviewPageHeldAndOpen() throws {
        let q = Self.q4
        var held = Review(id: Self.goalID, partnerID: Self.partnerID, period: q)
        try held.hold(
            on: q.end, attendees: [.init(name: "Ana Ruiz", side: .vendor), .init(name: "Dana Reyes", side: .partner)],
            snapshot: [
                ScorecardSnapshotLine(
                    goalID: Self.goalID, metricName: "Revenue", target: "$120,000.00", actual: "$80,000.00", attainment: 0.667,
                    pacing: .behind, status: .active)
            ],
            notes: "Pipeline strong", decisions: ["Add a presales engineer"],
            actionItems: [
                ActionItem(
                    id: Self.goalID, side: .partner, owner: "Dana Reyes", title: "Hire presales", due: Day(year: 2027, month: 1, day: 15))
            ])
        let model = { (review: Review) in
            var model = ReviewPage.Model(
                chrome: Self.chrome, reviewID: Self.goalID, partnerID: Self.partnerID, partnerName: "Delta Managed Services",
                periodLabel: "FY2026 Q4",
                vendorPeriods: "FY2026 Q4 (1 Oct – 31 Dec 2026) = Vendor FY2027 Q3 (34 %) + FY2027 Q4 (66 %)", review: review,
                overdue: review.heldOn == nil,
                today: Day(year: 2027, month: 1, day: 20), mayHold: true)
            model.closableItems = Set(review.actionItems.map(\.id))
            return model
        }
        assertSnapshot(of: Self.lines(ReviewPage.render(model(held))), as: .lines, named: "held")
        assertSnapshot(
            of: Self.lines(ReviewPage.render(model(Review(id: Self.goalID, partnerID: Self.partnerID, period: q)))), as: .lines,
            named: "open")
    }

    @Test func errorPage() {
        assertSnapshot(of: Self.lines(ErrorPage.render(status: 404, message: "partner not found")), as: .lines)
    }
}
