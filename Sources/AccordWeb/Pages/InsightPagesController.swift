import AccordCore
import AccordStore
import AccordViews
import Vapor

/// The vendor's insight pages (segments, coverage, levels, channel managers) and the recognition wall.
enum InsightPagesController {
    /// The current vendor quarter and the seven before it, newest first.
    static func recentQuarters(_ program: Program, today: Day) -> [Period] {
        var period = program.calendar.period(.quarter, containing: today)
        var periods: [Period] = []
        for _ in 0..<8 {
            periods.append(period)
            period = period.previous
        }
        return periods
    }

    static func money(_ program: Program) -> (Int64) -> String { { Money(minorUnits: $0, currency: program.currency).formatted } }

    @Sendable static func segments(req: Request) async throws -> Response {
        let program = try await req.program(nil)
        let quarters = recentQuarters(program, today: req.clock.today)
        let asked = try? req.query.get(String.self, at: "period")
        let period = quarters.first { $0.label == asked } ?? quarters[0]
        let rows = try await Segmentation(store: req.store, clock: req.clock).rows(program: program, period: period)
        let history = try await req.store.segmentHistory(programID: program.id)
        let byPartner = Dictionary(grouping: history, by: \.partnerID)
        let metricValue = { (metric: Metric?, value: Int64) in metric.map { $0.format(value, currency: program.currency) } ?? "\(value)" }
        let model = SegmentsPage.Model(
            chrome: try await PageChromes.make(req), period: period.label, periods: quarters.map(\.label),
            thresholds: program.settings.segmentThresholds,
            rows: rows.sorted { ($0.segment.rawValue, $0.partner.name) < ($1.segment.rawValue, $1.partner.name) }.map { row in
                SegmentsPage.Row(
                    partnerID: row.partner.id, name: row.partner.name, businessModel: row.partner.businessModel.label,
                    revenue: money(program)(row.revenue), commitment: row.commitment, performance: row.performance, segment: row.segment,
                    missing: zip(row.missingIngredient, row.missingMetric).map { finding, metric in
                        (
                            metric.name, metricValue(metric, finding.believerValue), metricValue(metric, finding.achieverMedian),
                            finding.ratio,
                            finding.peers
                        )
                    }, comparablePeers: row.peerCount,
                    history: Dictionary((byPartner[row.partner.id] ?? []).map { ($0.period, $0.segment) }, uniquingKeysWith: { a, _ in a }))
            },
            historyPeriods: Dictionary(history.map { ($0.period, $0.periodStart) }, uniquingKeysWith: { a, _ in a })
                .sorted { $0.value < $1.value }.map(\.key))
        return HTMLResponse.page(SegmentsPage.render(model))
    }

    @Sendable static func coverage(req: Request) async throws -> Response {
        try await coveragePage(req, error: nil, status: .ok)
    }

    static func coveragePage(_ req: Request, error: String?, status: HTTPResponseStatus) async throws -> Response {
        let program = try await req.program(nil)
        let quarters = recentQuarters(program, today: req.clock.today)
        let next = quarters[0].next
        let choices = [next] + quarters
        let asked = try? req.query.get(String.self, at: "period")
        let period = choices.first { $0.label == asked } ?? quarters[0]
        let result = try await CoveragePlanning(store: req.store, clock: req.clock).report(programID: program.id, periodLabel: period.label)
        let show = money(program)
        let group = { (g: CoverageReport.Group) in
            CoveragePage.Group(name: g.name, expectation: show(g.expectation), agreed: show(g.agreed), coverage: g.coverage)
        }
        let report = result.report
        let model = CoveragePage.Model(
            chrome: try await PageChromes.make(req), period: period.label, periods: choices.map(\.label), plan: result.plan.map(show),
            derivedFrom: result.derivedFrom?.label, agreed: show(report.agreed), coverage: report.coverage, echoGoals: report.echoGoals,
            byRegion: report.byRegion.map(group), bySolution: report.bySolution.map(group),
            byChannelManager: report.byChannelManager.map(group),
            topics: report.conversationTopics.map {
                CoveragePage.Topic(
                    partnerID: $0.partnerID, name: $0.partnerName, channelManager: $0.channelManager, expectation: show($0.expectation),
                    agreed: show($0.agreed), gap: show($0.gap), echoGoals: $0.echoGoals)
            }, entries: result.entries.map { ($0.period.label, show($0.amount)) },
            mayEditPlan: AccessRule.mayAdminister(try req.viewer()), error: error)
        return HTMLResponse.page(CoveragePage.render(model), status: status)
    }

    struct PlanForm: Content {
        let period: String?
        let amount: String?
    }

    @Sendable static func setPlan(req: Request) async throws -> Response {
        let program = try await req.program(nil)
        let form = try req.form(PlanForm.self)
        let period: Period
        do { period = try Period(label: form.period ?? "", calendar: program.calendar) } catch {
            return try await coveragePage(req, error: "Vendor period: \(error)", status: .unprocessableEntity)
        }
        guard let amount = try? FigureLimits.parse(form.amount ?? "", unit: .currency, currency: program.currency), amount > 0 else {
            return try await coveragePage(
                req, error: "The plan amount must be a positive amount, e.g. 2500000.", status: .unprocessableEntity)
        }
        try await req.store.setTopDownPlan(
            .init(period: period, amount: amount), programID: program.id, by: try req.actor(), at: req.clock.now())
        return req.redirect(to: SiteURL.coverage(period: period.kind == .year ? nil : period.label).path)
    }

    @Sendable static func tiers(req: Request) async throws -> Response {
        let program = try await req.program(nil)
        let partners = try await req.store.partners(of: program.id)
        let names = Dictionary(uniqueKeysWithValues: partners.map { ($0.id, $0.name) })
        let show = money(program)
        let model = TiersPage.Model(
            chrome: try await PageChromes.make(req),
            levels: program.settings.tiers.map { tier in
                TiersPage.Level(
                    name: tier.name, trailingRevenue: show(tier.minimumTrailingRevenue), certifiedEngineers: tier.minimumCertifiedEngineers,
                    baseMargin: FixedPoint.format(tier.baseMargin, decimals: 2), mdfShare: FixedPoint.format(tier.mdfShare, decimals: 2),
                    partners: partners.filter { $0.tier == tier.name && $0.stage != .exited }.count)
            }, graceYears: program.settings.tierGraceYears,
            lines: try await req.store.tierRecommendations(programID: program.id).map {
                TiersPage.Line(recommendation: $0, partnerName: names[$0.partnerID] ?? "?")
            }, mayDecide: AccessRule.mayAdminister(try req.viewer()),
            latestYearEnd: TierReviewJob(store: req.store, clock: req.clock).latestYearEnd(of: program))
        return HTMLResponse.page(TiersPage.render(model))
    }

    @Sendable static func runTierReview(req: Request) async throws -> Response {
        let program = try await req.program(nil)
        let job = TierReviewJob(store: req.store, clock: req.clock)
        try await job.review(programID: program.id, asOf: job.latestYearEnd(of: program))
        return req.redirect(to: SiteURL.tiers.path)
    }

    @Sendable static func decideTier(req: Request) async throws -> Response {
        let decision = req.parameters.get("decision") ?? ""
        guard decision == "apply" || decision == "dismiss", let id = UUID(uuidString: req.parameters.get("recommendationID") ?? "") else {
            throw Abort(.notFound, reason: "recommendation not found")
        }
        _ = try await TierReviewJob(store: req.store, clock: req.clock).decide(id, apply: decision == "apply", viewer: try req.viewer())
        return req.redirect(to: SiteURL.tiers.path)
    }

    @Sendable static func channelManagers(req: Request) async throws -> Response {
        let program = try await req.program(nil)
        let cards = try await ChannelManagerScorecards(store: req.store, clock: req.clock).load(program: program)
        return HTMLResponse.page(
            ChannelManagersPage.render(.init(chrome: try await PageChromes.make(req), cards: cards, currency: program.currency)))
    }

    @Sendable static func recognition(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        let program = try await req.program(nil)
        let board = try await RecognitionBoard.load(store: req.store, clock: req.clock, programID: program.id)
        let show = money(program)
        var consent: (partnerID: UUID, shown: Bool, mayChange: Bool)?
        if let partnerID = viewer.partnerID {
            let partner = try await req.store.partner(partnerID)
            consent = (partnerID, partner.showOnRecognitionWall, AccessRule.mayChange(partner, as: viewer))
        }
        let model = RecognitionPage.Model(
            chrome: try await PageChromes.make(req), wall: board.wall,
            leaderboard: board.leaderboard.map { line in
                RecognitionPage.Standing(
                    partnerID: line.partner.id, name: line.partner.name, period: line.period.label, improvement: line.improvement,
                    figures: viewer.side == .vendor ? "\(show(line.baseline)) → \(show(line.actual))" : nil)
            }, consent: consent)
        return HTMLResponse.page(RecognitionPage.render(model))
    }

    struct RecognitionForm: Content { let shown: String? }

    @Sendable static func setRecognition(req: Request) async throws -> Response {
        let form = try req.form(RecognitionForm.self)
        guard let shown = form.shown.flatMap(Bool.init) else { throw Abort(.badRequest, reason: "shown must be true or false") }
        try await req.store.setRecognition(partnerID: try req.id("partnerID"), shown: shown, by: try req.actor(), at: req.clock.now())
        return req.redirect(to: SiteURL.recognition.path)
    }
}
