import AccordCore
import AccordStore
import Foundation
import Vapor

/// Motivation and insight over the API (DOMAIN §7, §8, §9, §12, §13). Amounts are strings plus minor units.
enum InsightAPI {
    /// An amount as the API writes money: plain decimal text in the program's currency ("1200.50").
    static func plain(_ minorUnits: Int64, _ program: Program) -> String {
        FixedPoint.format(minorUnits, decimals: program.currency.decimals, grouping: false)
    }

    // MARK: recognition (§7) — every signed-in user; partners that opted out are not shown

    struct RecognitionOut: Content {
        struct Badge: Content {
            let partnerId: UUID; let partner: String; let badge: String; let metric: String; let period: String; let on: Day
        }
        struct Standing: Content {
            let rank: Int; let partnerId: UUID; let partner: String; let period: String; let improvement: Double
            /// Vendor staff only: the revenue figures behind the ranking.
            let baseline: String?; let actual: String?
        }
        let wall: [Badge]
        let leaderboard: [Standing]
    }

    @Sendable static func recognition(req: Request) async throws -> RecognitionOut {
        let program = try await req.program(nil)
        let board = try await RecognitionBoard.load(store: req.store, clock: req.clock, programID: program.id)
        let vendor = try req.viewer().side == .vendor
        return RecognitionOut(
            wall: board.wall.map {
                .init(
                    partnerId: $0.partnerID, partner: $0.partnerName, badge: $0.badge, metric: $0.metricName, period: $0.period, on: $0.on)
            },
            leaderboard: board.leaderboard.enumerated().map { i, line in
                .init(
                    rank: i + 1, partnerId: line.partner.id, partner: line.partner.name, period: line.period.label,
                    improvement: (line.improvement * 10_000).rounded() / 10_000,
                    baseline: vendor ? plain(line.baseline, program) : nil,
                    actual: vendor ? plain(line.actual, program) : nil)
            })
    }

    struct RecognitionIn: Content { let shown: Bool }

    /// A partner opts in or out of the recognition wall (its own admins, or vendor staff who may change it).
    @Sendable static func setRecognition(req: Request) async throws -> HTTPStatus {
        let input = try req.json(RecognitionIn.self)
        try await req.store.setRecognition(partnerID: try req.id("partnerID"), shown: input.shown, by: try req.actor(), at: req.clock.now())
        return .noContent
    }

    // MARK: a partner's benefits (§7, §12) — the partner's own users may read them

    struct BenefitsOut: Content {
        struct Entry: Content {
            let goalId: UUID; let kind: BenefitKind; let amount: Int64; let on: Day; let detail: String; let grant: Bool
        }
        struct Current: Content {
            let marginUplift: String; let mdfBalance: String; let mdfBalanceMinor: Int64; let accesses: [BenefitKind]
        }
        struct TierBenefits: Content { let baseMargin: String; let mdfShare: String }
        let tier: String
        let tierBenefits: TierBenefits?
        let current: Current
        let ledger: [Entry]
        let badges: [String]
    }

    @Sendable static func benefits(req: Request) async throws -> BenefitsOut {
        let partner = try await req.store.partner(try req.id("partnerID"))
        let program = try await req.store.program(partner.programID)
        let ledger = try await req.store.ledger(programID: program.id, partnerID: partner.id)
        let current = CurrentBenefits(ledger: ledger)
        let tier = program.settings.tiers.first { $0.name == partner.tier }
        return BenefitsOut(
            tier: partner.tier,
            tierBenefits: tier.map {
                .init(baseMargin: FixedPoint.format($0.baseMargin, decimals: 2), mdfShare: FixedPoint.format($0.mdfShare, decimals: 2))
            },
            current: .init(
                marginUplift: FixedPoint.format(current.marginUplift, decimals: 2),
                mdfBalance: plain(current.mdfBalance, program),
                mdfBalanceMinor: current.mdfBalance, accesses: current.accesses.sorted { $0.rawValue < $1.rawValue }),
            ledger: ledger.map {
                .init(goalId: $0.goalID, kind: $0.kind, amount: $0.amount, on: $0.on, detail: $0.detail, grant: $0.isGrant)
            },
            badges: try await RecognitionBoard.badges(of: partner.id, store: req.store, programID: program.id).map(\.badge))
    }

    // MARK: rewards and consequences on a goal (§7) — vendor staff who may change the partner

    struct TermsIn: Codable { let kind: BenefitKind; let amount: DecimalText?; let detail: String? }
    struct GoalBenefitsIn: Content { let rewards: [TermsIn]?; let consequences: [TermsIn]? }

    /// Each kind at most once per list: a closed goal writes one ledger line per kind.
    static func terms(_ input: [TermsIn], currency: Currency, field: String) throws -> [BenefitTerms] {
        guard Set(input.map(\.kind)).count == input.count else { throw InputError("each kind at most once", field: field) }
        return try input.map { item in
            var amount: Int64 = 1
            if item.kind.isAmount {
                guard let text = item.amount?.text else { throw InputError("\(item.kind.rawValue) needs an amount", field: field) }
                do {
                    amount = try FigureLimits.parse(text, unit: item.kind == .mdf ? .currency : .percent, currency: currency)
                } catch {
                    throw InputError("\(error)", field: field)
                }
                guard amount > 0 else { throw InputError("amounts are positive; a consequence withdraws them", field: field) }
            }
            return BenefitTerms(kind: item.kind, amount: amount, detail: String((item.detail ?? "").prefix(200)))
        }
    }

    @Sendable static func setGoalBenefits(req: Request) async throws -> GoalBenefitsIn {
        let goal = try await req.store.goal(try req.id("goalID"), seenBy: .side(try req.viewer().side))
        guard !goal.status.isFinal else {
            throw InputError("the goal is \(goal.status.rawValue); its terms can no longer change", status: .conflict)
        }
        let program = try await req.store.program(try await req.store.programID(ofGoal: goal.id))
        let input = try req.json(GoalBenefitsIn.self)
        let benefits = GoalBenefits(
            rewards: try terms(input.rewards ?? [], currency: program.currency, field: "rewards"),
            consequences: try terms(input.consequences ?? [], currency: program.currency, field: "consequences"))
        try await req.store.setBenefits(benefits, ofGoal: goal.id, by: try req.actor(), at: req.clock.now())
        return input
    }

    // MARK: segments (§8) — vendor staff

    struct SegmentOut: Content {
        struct Missing: Content { let metric: String; let value: String; let achieverMedian: String; let ratio: Double; let peers: Int }
        let partnerId: UUID; let partner: String; let segment: Segment; let commitment: Double; let performance: Double
        let missingIngredient: Missing?
        let history: [String: Segment]
    }

    @Sendable static func segments(req: Request) async throws -> DTO.Page<SegmentOut> {
        let program = try await req.program(nil)
        let segmentation = Segmentation(store: req.store, clock: req.clock)
        let label = try req.queryPeriodLabel("period")
        let period = try label.map { try Period(label: $0, calendar: program.calendar) } ?? segmentation.currentPeriod(of: program)
        let rows = try await segmentation.rows(program: program, period: period)
        let history = Dictionary(grouping: try await req.store.segmentHistory(programID: program.id), by: \.partnerID)
        let items = rows.map { row in
            SegmentOut(
                partnerId: row.partner.id, partner: row.partner.name, segment: row.segment,
                commitment: (row.commitment * 10).rounded() / 10,
                performance: (row.performance * 10).rounded() / 10,
                missingIngredient: zip(row.missingIngredient, row.missingMetric).map { finding, metric in
                    .init(
                        metric: metric.key, value: metric.plainText(finding.believerValue, currency: program.currency),
                        achieverMedian: metric.plainText(finding.achieverMedian, currency: program.currency),
                        ratio: (finding.ratio * 1000).rounded() / 1000, peers: finding.peers)
                },
                history: Dictionary(uniqueKeysWithValues: (history[row.partner.id] ?? []).map { ($0.period, $0.segment) }))
        }
        return .init(items: items, total: items.count)
    }

    // MARK: levels (§12)

    struct TierOut: Content {
        let name: String; let minimumTrailingRevenue: String; let minimumCertifiedEngineers: Int; let baseMargin: String;
        let mdfShare: String
    }
    struct RecommendationOut: Content {
        let id: UUID; let partnerId: UUID; let asOf: Day; let kind: TierRecommendation.Kind; let fromTier: String; let toTier: String
        let reason: String; let status: TierRecommendation.Status; let decidedBy: String?
        init(_ r: TierRecommendation) {
            id = r.id; partnerId = r.partnerID; asOf = r.asOf; kind = r.kind; fromTier = r.fromTier; toTier = r.toTier
            reason = r.reason; status = r.status; decidedBy = r.decidedBy
        }
    }
    struct TiersOut: Content { let tiers: [TierOut]; let graceYears: Int; let recommendations: [RecommendationOut] }

    @Sendable static func tiers(req: Request) async throws -> TiersOut {
        let program = try await req.program(nil)
        return TiersOut(
            tiers: program.settings.tiers.map {
                .init(
                    name: $0.name,
                    minimumTrailingRevenue: plain($0.minimumTrailingRevenue, program),
                    minimumCertifiedEngineers: $0.minimumCertifiedEngineers, baseMargin: FixedPoint.format($0.baseMargin, decimals: 2),
                    mdfShare: FixedPoint.format($0.mdfShare, decimals: 2))
            }, graceYears: program.settings.tierGraceYears,
            recommendations: try await req.store.tierRecommendations(programID: program.id).map(RecommendationOut.init))
    }

    struct ReviewIn: Content { let asOf: Day? }

    /// Runs the year-end review now (admins): for the last vendor fiscal year end unless `as_of` is given.
    @Sendable static func runTierReview(req: Request) async throws -> DTO.Page<RecommendationOut> {
        let program = try await req.program(nil)
        let job = TierReviewJob(store: req.store, clock: req.clock)
        // An empty body reviews the last year end; a body that does not decode is refused, not ignored.
        let asOf = try req.optionalJSON(ReviewIn.self)?.asOf
        let yearEnd = asOf ?? job.latestYearEnd(of: program)
        guard yearEnd <= req.clock.today else { throw InputError("a year end in the future cannot be reviewed", field: "as_of") }
        guard program.calendar.firstDay(ofFiscalYear: program.calendar.fiscalYear(containing: yearEnd)) == yearEnd else {
            throw InputError(
                "as_of must be the day after a fiscal year end (the first day of a fiscal year, e.g. "
                    + "\(job.latestYearEnd(of: program).iso))", field: "as_of")
        }
        let made = try await job.review(programID: program.id, asOf: yearEnd)
        return .init(items: made.map(RecommendationOut.init), total: made.count)
    }

    @Sendable static func decideTier(req: Request) async throws -> RecommendationOut {
        let decision = req.parameters.get("decision") ?? ""
        guard decision == "apply" || decision == "dismiss" else { throw Abort(.notFound, reason: "no such decision: use apply or dismiss") }
        guard let id = UUID(uuidString: req.parameters.get("recommendationID") ?? "") else {
            throw Abort(.notFound, reason: "recommendation not found")
        }
        let rec = try await TierReviewJob(store: req.store, clock: req.clock).decide(
            id, apply: decision == "apply", viewer: try req.viewer())
        return RecommendationOut(rec)
    }

    // MARK: channel-manager scorecards (§13) — vendor staff

    struct ChannelManagerOut: Content {
        let channelManager: String; let partners: Int; let revenueActual: String; let revenueAgreed: String; let revenueAttainment: Double?
        let withPlanAndGoals: Int; let checklistsCompleted: Int; let checklistsTracked: Int; let believersBecameAchievers: Int
        let reviewsDue: Int; let reviewsOnTime: Int; let developing: Int; let atRisk: Int; let benchStrength: Double?
        let loweredTargets: Int
    }

    @Sendable static func channelManagers(req: Request) async throws -> DTO.Page<ChannelManagerOut> {
        let program = try await req.program(nil)
        let cards = try await ChannelManagerScorecards(store: req.store, clock: req.clock).load(program: program)
        let money = { (v: Int64) in plain(v, program) }
        let items = cards.map {
            ChannelManagerOut(
                channelManager: $0.channelManager, partners: $0.partners, revenueActual: money($0.revenueActual),
                revenueAgreed: money($0.revenueAgreed), revenueAttainment: $0.revenueAttainment.map { ($0 * 1000).rounded() / 1000 },
                withPlanAndGoals: $0.withPlanAndGoals, checklistsCompleted: $0.checklistsCompleted, checklistsTracked: $0.checklistsTracked,
                believersBecameAchievers: $0.believersBecameAchievers, reviewsDue: $0.reviewsDue, reviewsOnTime: $0.reviewsOnTime,
                developing: $0.developing, atRisk: $0.atRisk, benchStrength: $0.benchStrength.map { ($0 * 100).rounded() / 100 },
                loweredTargets: $0.loweredTargets)
        }
        return .init(items: items, total: items.count)
    }

    // MARK: top-down plan and coverage (§9) — vendor staff only, never a partner user

    struct GroupOut: Content { let name: String; let planningExpectationInternal: String; let agreedGoals: String; let coverage: Double? }
    struct TopicOut: Content {
        let partnerId: UUID; let partner: String; let planningExpectationInternal: String; let agreedGoals: String; let gap: String
        let echoGoals: Int
    }
    struct CoverageOut: Content {
        let period: String; let plan: String?; let derivedFrom: String?; let agreedGoals: String; let coverage: Double?
        let echoGoals: Int; let byRegion: [GroupOut]; let bySolution: [GroupOut]; let byChannelManager: [GroupOut]
        let conversationTopics: [TopicOut]
    }

    @Sendable static func coverage(req: Request) async throws -> CoverageOut {
        let program = try await req.program(nil)
        let result = try await CoveragePlanning(store: req.store, clock: req.clock).report(
            programID: program.id, periodLabel: try req.queryPeriodLabel("period"))
        let money = { (v: Int64) in plain(v, program) }
        let group = { (g: CoverageReport.Group) in
            GroupOut(
                name: g.name, planningExpectationInternal: money(g.expectation), agreedGoals: money(g.agreed),
                coverage: g.coverage.map { ($0 * 1000).rounded() / 1000 })
        }
        let report = result.report
        return CoverageOut(
            period: result.period.label, plan: result.plan.map(money), derivedFrom: result.derivedFrom?.label,
            agreedGoals: money(report.agreed),
            coverage: report.coverage.map { ($0 * 1000).rounded() / 1000 }, echoGoals: report.echoGoals,
            byRegion: report.byRegion.map(group),
            bySolution: report.bySolution.map(group), byChannelManager: report.byChannelManager.map(group),
            conversationTopics: report.conversationTopics.map {
                .init(
                    partnerId: $0.partnerID, partner: $0.partnerName, planningExpectationInternal: money($0.expectation),
                    agreedGoals: money($0.agreed), gap: money($0.gap), echoGoals: $0.echoGoals)
            })
    }

    struct PlanIn: Content { let period: String; let amount: DecimalText }
    struct PlanOut: Content { let period: String; let amount: String }

    @Sendable static func setPlan(req: Request) async throws -> PlanOut {
        let program = try await req.program(nil)
        let input = try req.json(PlanIn.self)
        let period = try Period(label: input.period, calendar: program.calendar)
        let amount: Int64
        do { amount = try FigureLimits.parse(input.amount.text, unit: .currency, currency: program.currency) } catch {
            throw InputError("\(error)", field: "amount")
        }
        guard amount > 0 else { throw InputError("the plan must be a positive amount", field: "amount") }
        try await req.store.setTopDownPlan(
            .init(period: period, amount: amount), programID: program.id, by: try req.actor(), at: req.clock.now())
        return PlanOut(period: period.label, amount: plain(amount, program))
    }

    struct ExpectationOut: Content {
        let partnerId: UUID; let period: String; let planningExpectationInternal: String; let bySolution: [String: String]
    }

    /// One partner's internal planning expectation for a vendor period: vendor staff only (§9).
    @Sendable static func expectation(req: Request) async throws -> ExpectationOut {
        let partner = try await req.store.partner(try req.id("partnerID"))
        let program = try await req.store.program(partner.programID)
        let planning = CoveragePlanning(store: req.store, clock: req.clock)
        let period = try planning.period(of: program, label: try req.queryPeriodLabel("period"))
        let spread = try await planning.expectations(
            program: program, period: period, entries: try await req.store.topDownPlans(programID: program.id, calendar: program.calendar),
            partners: try await req.store.partners(of: program.id))
        let mine = spread[partner.id] ?? [:]
        let money = { (v: Int64) in plain(v, program) }
        return ExpectationOut(
            partnerId: partner.id, period: period.label, planningExpectationInternal: money(Figures.sum(mine.values)),
            bySolution: mine.mapValues(money))
    }

    // MARK: motivation settings (§7, §8, §12, §9) — program admins

    struct DefaultIn: Codable { let category: MetricCategory; let rewards: [TermsIn]?; let consequences: [TermsIn]? }
    struct TierIn: Codable {
        let name: String; let minimumTrailingRevenue: DecimalText; let minimumCertifiedEngineers: Int; let baseMargin: DecimalText
        let mdfShare: DecimalText
    }
    struct SettingsIn: Content {
        let motivationPolicy: MotivationPolicy?
        let benefitDefaults: [DefaultIn]?
        let segmentThresholds: SegmentThresholds?
        let tiers: [TierIn]?
        let tierGraceYears: Int?
        let planningIndexes: PlanningIndexes?
    }

    static func tiers(_ input: [TierIn], currency: Currency) throws -> [Tier] {
        let parsed = try input.map { tier in
            func amount(_ text: DecimalText, unit: MetricUnit, field: String) throws -> Int64 {
                do { return try FigureLimits.parse(text.text, unit: unit, currency: currency) } catch {
                    throw InputError("\(error)", field: "tiers.\(field)")
                }
            }
            guard (0...CapacityProfile.largestEngineerCount).contains(tier.minimumCertifiedEngineers) else {
                throw InputError(
                    "certified engineers are 0 to \(CapacityProfile.largestEngineerCount)", field: "tiers.minimum_certified_engineers")
            }
            return Tier(
                name: tier.name.trimmingCharacters(in: .whitespaces),
                minimumTrailingRevenue: try amount(tier.minimumTrailingRevenue, unit: .currency, field: "minimum_trailing_revenue"),
                minimumCertifiedEngineers: tier.minimumCertifiedEngineers,
                baseMargin: try amount(tier.baseMargin, unit: .percent, field: "base_margin"),
                mdfShare: try amount(tier.mdfShare, unit: .percent, field: "mdf_share"))
        }
        try TierReview.validate(parsed)
        return parsed
    }

    @Sendable static func updateSettings(req: Request) async throws -> DTO.Program {
        let input = try req.json(SettingsIn.self)
        // Applied to the settings as they are at commit (the program's row locked first): a concurrent change of other
        // settings is kept, not reverted.
        let program = try await req.store.update(programID: try req.id("programID"), by: try req.actor(), at: req.clock.now()) {
            try apply(input, to: &$0)
        }
        return DTO.Program(program, seenBy: try req.viewer())
    }

    static func apply(_ input: SettingsIn, to program: inout Program) throws {
        if let policy = input.motivationPolicy { program.settings.motivationPolicy = policy }
        if let defaults = input.benefitDefaults {
            guard Set(defaults.map(\.category)).count == defaults.count else {
                throw InputError("one default per metric category", field: "benefit_defaults")
            }
            program.settings.benefitDefaults = try defaults.map {
                BenefitDefault(
                    category: $0.category,
                    benefits: GoalBenefits(
                        rewards: try terms($0.rewards ?? [], currency: program.currency, field: "benefit_defaults.rewards"),
                        consequences: try terms($0.consequences ?? [], currency: program.currency, field: "benefit_defaults.consequences")))
            }
        }
        if let tiers = input.tiers { program.settings.tiers = try Self.tiers(tiers, currency: program.currency) }
        if let thresholds = input.segmentThresholds {
            guard (0...100).contains(thresholds.commitment), (0...100).contains(thresholds.performance) else {
                throw InputError("segment thresholds are scores from 0 to 100", field: "segment_thresholds")
            }
            program.settings.segmentThresholds = thresholds
        }
        if let years = input.tierGraceYears {
            guard (0...5).contains(years) else { throw InputError("the grace period is 0 to 5 year ends", field: "tier_grace_years") }
            program.settings.tierGraceYears = years
        }
        if let indexes = input.planningIndexes {
            guard
                (indexes.region.values.map { $0 } + indexes.solution.values.map { $0 }).allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 100 })
            else {
                throw InputError("indexes are numbers from 0 to 100", field: "planning_indexes")
            }
            program.settings.planningIndexes = indexes
        }
    }
}

/// `zip` for two optionals.
func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
