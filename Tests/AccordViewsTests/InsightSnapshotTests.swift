import AccordCore
import Foundation
import SnapshotTesting
import Testing

@testable import AccordViews

/// The insight pages and the recognition wall from plain models (DOMAIN §7, §8, §9, §12, §13).
@Suite("Insight page snapshots")
struct InsightSnapshotTests {
    static let chrome = PageSnapshotTests.chrome
    static func id(_ n: Int) -> UUID { UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n))! }

    @Test func segmentsPage() {
        let rows = [
            SegmentsPage.Row(
                partnerID: Self.id(1), name: "Atlas <Group>", businessModel: "Reseller", revenue: "$120,000.00", commitment: 72,
                performance: 31,
                segment: .believer, missing: ("Marketing campaigns run", "1", "4", 0.25, 3), comparablePeers: 3,
                history: ["FY2027 Q3": .deceiver]),
            SegmentsPage.Row(
                partnerID: Self.id(2), name: "Beacon", businessModel: "MSP", revenue: "$420,000.00", commitment: 81, performance: 77,
                segment: .achiever, missing: nil, comparablePeers: 0, history: ["FY2027 Q3": .achiever]),
            SegmentsPage.Row(
                partnerID: Self.id(3), name: "Cedar", businessModel: "MSP", revenue: "$90,000.00", commitment: 20, performance: 64,
                segment: .deceiver, missing: nil, comparablePeers: 0, history: [:]),
        ]
        let model = SegmentsPage.Model(
            chrome: Self.chrome, period: "FY2027 Q4", periods: ["FY2027 Q4", "FY2027 Q3"], thresholds: .init(), rows: rows,
            historyPeriods: ["FY2027 Q3"])
        assertSnapshot(of: PageSnapshotTests.lines(SegmentsPage.render(model)), as: .lines)
    }

    @Test func coveragePage() {
        let model = CoveragePage.Model(
            chrome: Self.chrome, period: "FY2027 Q4", periods: ["FY2028 Q1", "FY2027 Q4"], plan: "$1,000,000.00", derivedFrom: "FY2027",
            agreed: "$700,000.00", coverage: 0.7, echoGoals: 1,
            byRegion: [.init(name: "EMEA", expectation: "$600,000.00", agreed: "$450,000.00", coverage: 0.75)],
            bySolution: [.init(name: "Secure Edge", expectation: "$1,000,000.00", agreed: "$700,000.00", coverage: 0.7)],
            byChannelManager: [.init(name: "Ana Ruiz", expectation: "$1,000,000.00", agreed: "$700,000.00", coverage: 0.7)],
            topics: [
                .init(
                    partnerID: Self.id(1), name: "Atlas <Group>", channelManager: "Ana Ruiz", expectation: "$400,000.00",
                    agreed: "$100,000.00",
                    gap: "$300,000.00", echoGoals: 1)
            ], entries: [("FY2027", "$4,000,000.00")], mayEditPlan: true)
        let html = CoveragePage.render(model)
        #expect(!html.lowercased().contains("quota"))
        assertSnapshot(of: PageSnapshotTests.lines(html), as: .lines)
    }

    @Test func tiersPage() {
        let levels = [
            TiersPage.Level(
                name: "Silver", trailingRevenue: "$250,000.00", certifiedEngineers: 2, baseMargin: "15.00", mdfShare: "1.00", partners: 12),
            TiersPage.Level(
                name: "Gold", trailingRevenue: "$1,000,000.00", certifiedEngineers: 5, baseMargin: "20.00", mdfShare: "2.00", partners: 4),
        ]
        let day = Day(year: 2026, month: 2, day: 1)
        let lines = [
            TiersPage.Line(
                recommendation: .init(
                    id: Self.id(9), partnerID: Self.id(1), asOf: day, kind: .demote, fromTier: "Gold", toTier: "Silver",
                    reason: "below Gold"),
                partnerName: "Atlas <Group>"),
            TiersPage.Line(
                recommendation: .init(
                    id: Self.id(8), partnerID: Self.id(2), asOf: day, kind: .grace, fromTier: "Gold", toTier: "Silver", reason: "below"),
                partnerName: "Beacon"),
        ]
        let model = TiersPage.Model(chrome: Self.chrome, levels: levels, graceYears: 1, lines: lines, mayDecide: true, latestYearEnd: day)
        assertSnapshot(of: PageSnapshotTests.lines(TiersPage.render(model)), as: .lines)
    }

    @Test func channelManagersPage() {
        let card = ChannelManagerScorecard.make(
            [
                ChannelManagerInputs(
                    channelManager: "Ana Ruiz", stage: .developing, revenueActual: 50_000_00, revenueAgreed: 100_000_00,
                    hasAgreedPlan: true,
                    hasAgreedGoals: true, checklistComplete: true, becameAchiever: true, reviewsDue: 2, reviewsOnTime: 1,
                    revenueShrinking: false),
                ChannelManagerInputs(
                    channelManager: "Ana Ruiz", stage: .declining, revenueActual: 0, revenueAgreed: 0, hasAgreedPlan: false,
                    hasAgreedGoals: false,
                    checklistComplete: nil, becameAchiever: false, reviewsDue: 0, reviewsOnTime: 0, revenueShrinking: true),
            ], loweredTargets: ["Ana Ruiz": 2])
        assertSnapshot(
            of: PageSnapshotTests.lines(ChannelManagersPage.render(.init(chrome: Self.chrome, cards: card, currency: .usd))), as: .lines)
    }

    @Test func seasonalityPage() {
        let weights = ["0.8", "0.85", "1", "0.9", "0.95", "1.05", "0.8", "0.8", "1", "1.05", "1.15", "1.45"]
        let shares = weights.map { Double($0)! / 11.8 }
        let model = SeasonalityPage.Model(
            chrome: Self.chrome,
            profiles: [
                .init(kind: .program, name: "", weights: weights, shares: shares, partners: 30),
                .init(kind: .region, name: "APAC <east>", weights: weights, shares: shares, partners: 10),
                .init(
                    kind: .solution, name: "Cloud", weights: Array(repeating: "1", count: 11) + ["x"], shares: nil, partners: nil,
                    error: "Dec: 'x' is not a number."),
            ],
            added: .init(kind: .region, name: "", weights: Array(repeating: "", count: 12), shares: nil, partners: nil),
            knownRegions: ["EMEA\" onfocus=\"alert(1)"], knownSolutions: ["Security"], mayEdit: true, notice: "Saved.")
        assertSnapshot(of: PageSnapshotTests.lines(SeasonalityPage.render(model)), as: .lines)
    }

    @Test func loweredTargetsPage() {
        let model = LoweredTargetsPage.Model(
            chrome: Self.chrome, year: "FY2027 (1 Feb 2026 – 31 Jan 2027)",
            rows: [
                .init(
                    goalID: Self.id(5), partnerID: Self.id(1), partnerName: "Atlas <Group>", goal: "Revenue, FY2026 Q4",
                    before: "$120,000.00", after: "$110,000.00", by: "Ada Admin (Program admin)", at: "3 Nov 2026, 09:15 UTC",
                    reason: "Largest customer <froze> its budget")
            ], channelManager: "Ana Ruiz")
        assertSnapshot(of: PageSnapshotTests.lines(LoweredTargetsPage.render(model)), as: .lines)
    }

    @Test func recognitionPageForAPartnerAdmin() {
        let model = RecognitionPage.Model(
            chrome: PageSnapshotTests.partnerChrome,
            wall: [
                .init(
                    partnerID: Self.id(1), partnerName: "Atlas <Group>", goalID: Self.id(5), metricName: "Revenue", period: "FY2026 Q3",
                    on: Day(year: 2026, month: 9, day: 30))
            ],
            leaderboard: [.init(partnerID: Self.id(1), name: "Atlas <Group>", period: "FY2026 Q3", improvement: 1.5, figures: nil)],
            consent: (PageSnapshotTests.partnerID, true, true))
        let html = RecognitionPage.render(model)
        #expect(!html.contains("&lt;Group>") && html.contains("Atlas &lt;Group&gt;"))
        assertSnapshot(of: PageSnapshotTests.lines(html), as: .lines)
    }
}
