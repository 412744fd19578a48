import AccordCore
import AccordStore
import AccordViews
import Foundation
import Vapor

/// HTML for a browser, with the security headers every page carries.
enum HTMLResponse {
    /// A page; its security headers are the one policy `SecurityHeaders` sets on every response.
    static func page(_ html: String, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: html))
    }
}

enum ErrorPageRenderer {
    static func render(status: Int, message: String) -> String { ErrorPage.render(status: status, message: message) }
}

/// Server-rendered pages (ARCHITECTURE: controllers parse → Store/Core → View).
enum PagesController {
    /// Vendor staff land on the program overview; partner users on their own partner.
    @Sendable static func home(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        if viewer.side == .partner, let partnerID = viewer.partnerID { return req.redirect(to: SiteURL.partner(partnerID).path) }
        return try await overview(req: req)
    }

    static func overview(req: Request) async throws -> Response {
        guard let program = try await req.store.programs().first else {
            return HTMLResponse.page(
                ErrorPage.render(status: 404, message: "No program yet. Start with `accord serve --demo` or create one through the API."),
                status: .notFound)
        }
        try await req.currentStandings(program.id)
        let (today, now) = (req.clock.today, req.clock.now())
        let shown = OverviewPage.shownRows
        var first = PartnerStandingQuery()
        first.limit = shown
        let listed = try await req.store.partnerStandings(programID: program.id, query: first, today: today, now: now)
        var attention = first
        attention.needingAttention = true
        let flagged = try await req.store.partnerStandings(programID: program.id, query: attention, today: today, now: now)
        let counts = try await req.store.partnerStandingCounts(programID: program.id, today: today, now: now)
        var model = OverviewPage.Model(
            chrome: try await PageChromes.make(req), today: today,
            goalCounts: try await req.store.goalCounts(programID: program.id, seenBy: .side(.vendor)), rows: listed.rows.map(row),
            partnerCount: counts.partners)
        model.attentionRows = flagged.rows.map(row)
        model.attentionCount = flagged.total
        model.partnersByStatus = [.onTrack, .atRisk, .behind, .achieved].map { ($0, counts.byWorstStatus[$0] ?? 0) }
        model.partnersByStage = LifecycleStage.allCases.map { ($0, counts.byStage[$0] ?? 0) }
        let buckets = AttainmentBuckets.standard
        let bucketCounts = try await req.store.activeAttainmentCounts(
            programID: program.id, today: today, buckets: buckets.map { ($0.lower, $0.upper) })
        model.attainment = zip(buckets, bucketCounts).map { ($0.label, $1) }
        let year = LoweredTarget.reportYear(of: program.calendar, today: today)
        model.loweredTargets = try await req.store.loweredTargetCounts(programID: program.id, from: year.from, to: year.to)
            .values.reduce(0, +)
        model.loweredTargetsYear = year.year.label
        let viewer = try req.viewer()
        model.waitingForViewer =
            try await InboxReading(req: req).contents(for: viewer, in: program, limit: 0).counts[.goalToAnswer] ?? 0
        return HTMLResponse.page(OverviewPage.render(model))
    }

    static func row(_ standing: PartnerStanding) -> OverviewPage.Model.Row {
        let partner = standing.partner
        var view = OverviewPage.Model.Row(
            id: partner.id, name: partner.name, externalKey: partner.externalKey, stage: partner.stage, region: partner.region,
            channelManager: partner.channelManager, tier: partner.tier, businessModel: partner.businessModel.label,
            periodLabel: standing.quarter.label, goalsInPeriod: standing.goalsInQuarter, committedGoals: standing.committedGoals,
            worstStatus: standing.attention.worstStatus, lapsedProposals: standing.attention.lapsedProposals,
            carriedForward: standing.attention.carriedForward)
        view.businessModelKey = partner.businessModel.rawValue
        view.overdueReviews = standing.attention.overdueReviews
        return view
    }

    @Sendable static func partner(req: Request) async throws -> Response {
        let card = try await Scorecards(store: req.store, clock: req.clock)
            .scorecard(
                partnerID: try req.id("partnerID"), periodLabel: try req.queryPeriodLabel("period"),
                seenBy: .side(try req.viewer().side))
        let currency = card.program.currency
        // The missed goals the carried ones continue, in one query: a carried target says whether it was raised (§5.3).
        let missed = Dictionary(
            uniqueKeysWithValues: try await req.store.goals(GoalQuery(seenBy: .accord), ids: card.lines.compactMap(\.goal.carriedFrom))
                .map { ($0.id, $0) })
        var lines: [PartnerPage.Model.GoalLine] = []
        let ownTerms = try await req.store.benefits(ofGoals: card.lines.map(\.goal.id))
        for line in card.lines {
            let metric = line.metric
            let show = { (v: Int64) in metric.format(v, currency: currency) }
            // Every goal gets its chart: sums accumulate from zero, levels move from their baseline.
            let series = try await req.store.progressSeries(
                partnerID: card.partner.id, metric: metric, period: line.goal.period, programID: card.program.id,
                checklistItems: card.program.settings.checklistItems)
            let chart = GoalChart(
                title: "\(metric.name), \(line.goal.period.label): "
                    + (metric.aggregation.accumulates ? "cumulative actual against expected" : "actual against the expected path"),
                start: line.goal.period.start, end: line.goal.period.end, target: Double(line.goal.target),
                expected: Pacing.expectedCurve(
                    metric: metric, target: line.goal.target, baseline: line.goal.baseline?.value, period: line.goal.period,
                    profile: card.program.settings.seasonality(region: card.partner.region)
                ).map { (day: $0.day, value: $0.expected) },
                actual: series.points.map { (day: $0.0, value: Double($0.1)) }, asOf: card.asOf,
                format: { value in metric.format(Figures.roundedOrZero(value), currency: currency) }, initial: Double(series.start))
            var goalLine = PartnerPage.Model.GoalLine(
                goalID: line.goal.id, metricName: metric.name, category: metric.category.label, ownerSide: line.goal.ownerSide,
                status: line.goal.status,
                target: show(line.goal.target), baseline: line.goal.baseline.map { show($0.value) } ?? "no history yet",
                actual: line.actual.map(show) ?? "—", attainment: line.attainment, improvementProgress: line.improvementProgress,
                pacing: line.pacing, behaviour: line.goal.behaviour, carriedForward: line.goal.isCarriedForward,
                lowered: line.goal.wasLowered, awaiting: line.goal.awaitingSide, chart: chart)
            goalLine.carryForwardNote = line.goal.carriedFrom.flatMap { missed[$0] }.flatMap {
                line.goal.carryForwardNote(missed: $0, metric: metric, currency: currency)
            }
            // What is at stake (§7): shown while the goal can still be made, on both sides of the partnership.
            if !line.goal.status.isFinal || line.goal.status == .achieved {
                let stakes = GoalBenefits.effective(
                    own: ownTerms[line.goal.id], category: metric.category, defaults: card.program.settings.benefitDefaults
                ).atStake(ownerSide: line.goal.ownerSide, policy: card.program.settings.motivationPolicy)
                goalLine.rewards = stakes.rewards.map { $0.text(currency: currency) }
                goalLine.consequences = stakes.consequences.map { $0.text(currency: currency) }
            }
            if line.goal.status == .active { goalLine.forecast = line.pacing.forecast.map { show(Figures.roundedOrZero($0)) } }
            lines.append(goalLine)
        }
        var model = PartnerPage.Model(
            chrome: try await PageChromes.make(req), partnerID: card.partner.id, name: card.partner.name,
            externalKey: card.partner.externalKey, stage: card.partner.stage, businessModel: card.partner.businessModel.label,
            region: card.partner.region, channelManager: card.partner.channelManager, tier: card.partner.tier,
            periodLabel: card.period.label, vendorPeriods: VendorOverlap.describe(card.period, in: card.program.calendar),
            previousPeriod: card.period.previous.label, nextPeriod: card.period.next.label,
            shareOfWallet: card.capacity?.shareOfWallet, trainedShare: card.capacity?.trainedShare, goals: lines,
            issues: card.issues.map(\.description), asOf: card.asOf)
        try await addContext(&model, req: req, card: card)
        return HTMLResponse.page(PartnerPage.render(model))
    }

    /// What else the partner page shows: proposals waiting for the viewer, earlier results, capacity history.
    static func addContext(_ model: inout PartnerPage.Model, req: Request, card: PartnerScorecard) async throws {
        let viewer = try req.viewer()
        let currency = card.program.currency
        let metrics = Dictionary(uniqueKeysWithValues: try await req.store.metrics(of: card.program.id).map { ($0.key, $0) })
        let goals = try await req.store.goals(GoalQuery(seenBy: .side(viewer.side), partnerID: card.partner.id))
        func line(_ goal: Goal) -> PartnerPage.Model.HistoryLine? {
            guard let metric = metrics[goal.metricKey] else { return nil }
            return .init(
                goalID: goal.id, periodLabel: goal.period.label, metricName: metric.name,
                target: metric.format(goal.target, currency: currency),
                actual: goal.closingActual.map { metric.format($0, currency: currency) } ?? "—", status: goal.status,
                carriedForward: goal.status == .missed)
        }
        model.mayPropose = AccessRule.mayChange(card.partner, as: viewer) && viewer.role.mayNegotiateGoals
        model.pending = goals.filter { $0.awaitingSide == viewer.side && model.mayPropose }.compactMap(line)
        model.history = goals.filter { $0.period.end <= card.period.start && ($0.status == .achieved || $0.status == .missed) }
            .sorted { $0.period.start > $1.period.start }.compactMap(line)
        if let plan = try await req.store.plans(partnerID: card.partner.id).first(where: { $0.isVisible(to: viewer) }) {
            let content = plan.agreedContent ?? plan.current.content
            model.plan = (
                plan.id, plan.status == .internalDraft ? "internal draft (vendor only)" : plan.status.rawValue,
                content.horizonYears == 1 ? "FY\(content.firstFiscalYear)" : "FY\(content.firstFiscalYear)–FY\(content.lastFiscalYear)"
            )
        }
        let today = req.clock.today
        model.reviews = try await req.store.reviews(partnerID: card.partner.id).map {
            (
                $0.id, $0.period.label, $0.due, $0.heldOn != nil, $0.isOverdue(today: today),
                $0.actionItems.filter { $0.isOverdue(today: today) }.count
            )
        }
        model.capacity = try await req.store.capacityHistory(of: card.partner.id).map {
            ($0.asOf, $0.shareOfWallet, $0.trainedShare, $0.engineers)
        }
        model.benefits = try await benefits(req, partner: card.partner, program: card.program, viewer: viewer)
        let lowered = try await LoweredTargetsReport.load(
            store: req.store, program: card.program, today: today, partnerID: card.partner.id, limit: LoweredTargetsController.shownLines)
        model.loweredTargetsYear = lowered.yearLabel
        model.loweredTargets = lowered.rows
    }

    /// The partner's level, benefits from the ledger and badges (DOMAIN §7, §12): the partner's own to read.
    static func benefits(_ req: Request, partner: Partner, program: Program, viewer: Viewer) async throws -> PartnerPage.Model.Benefits {
        let ledger = try await req.store.ledger(programID: program.id, partnerID: partner.id)
        let current = CurrentBenefits(ledger: ledger)
        let tier = program.settings.tiers.first { $0.name == partner.tier }
        let open =
            viewer.side == .vendor
            ? try await req.store.tierRecommendations(programID: program.id, partnerID: partner.id).first { $0.status == .open } : nil
        return PartnerPage.Model.Benefits(
            tier: partner.tier,
            tierBenefits: tier.map {
                "base margin \(FixedPoint.format($0.baseMargin, decimals: 2)) %, MDF \(FixedPoint.format($0.mdfShare, decimals: 2)) % of revenue"
            },
            marginUplift: (current.marginUplift > 0 ? "+" : current.marginUplift < 0 ? "−" : "")
                + "\(FixedPoint.format(Int64(clamping: current.marginUplift.magnitude), decimals: 2)) pt",
            mdfBalance: Money(minorUnits: current.mdfBalance, currency: program.currency).formatted,
            accesses: current.accesses.map(\.label).sorted(),
            ledger: ledger.map { entry in
                let terms = BenefitTerms(kind: entry.kind, amount: Int64(clamping: entry.amount.magnitude), detail: entry.detail)
                return (entry.on, terms.text(currency: program.currency), entry.isGrant, entry.goalID)
            },
            badges: try await RecognitionBoard.badges(of: partner.id, store: req.store, programID: program.id).map(\.badge),
            openRecommendation: open.map { "Level review: " + TiersPage.label($0) + " — waiting for an admin's decision." })
    }

    @Sendable static func stylesheet(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .css
        headers.add(name: "Cache-Control", value: "public, max-age=300")
        return Response(status: .ok, headers: headers, body: .init(string: Stylesheet.css))
    }
}
