import AccordCore
import AccordStore
import Foundation
import Vapor

/// `/api/v1/partners`: partner records, stage changes and capacity history (DOMAIN §3).
enum PartnersAPI {
    @Sendable static func list(req: Request) async throws -> DTO.Page<DTO.Partner> {
        let program = try await req.program(nil)
        var filter = PartnerFilter()
        filter.search = try req.queryText("search")
        filter.region = try req.queryText("region")
        filter.channelManager = try req.queryText("channel_manager")
        if let stage = try req.queryText("stage") {
            guard let value = LifecycleStage(rawValue: stage) else {
                throw InputError(
                    "unknown stage '\(stage)'; the stages are " + LifecycleStage.allCases.map(\.rawValue).joined(separator: ", "),
                    field: "stage", status: .badRequest)
            }
            filter.stage = value
        }
        var partners = try await req.store.partners(of: program.id, filter: filter)
        if let own = try req.readablePartner() { partners = partners.filter { $0.id == own } }
        let today = req.clock.today
        return .init(items: partners.map { DTO.Partner($0, today: today) }, total: partners.count)
    }

    @Sendable static func show(req: Request) async throws -> DTO.Partner {
        DTO.Partner(try await req.store.partner(try req.id("partnerID")), today: req.clock.today)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let actor = try req.actor()
        let body = try req.json(DTO.NewPartner.self)
        let program = try await req.program(body.programId)
        let partner = try Partner(
            programID: program.id, name: body.name.trimmingCharacters(in: .whitespacesAndNewlines), externalKey: body.externalKey,
            businessModel: body.businessModel, region: body.region.trimmingCharacters(in: .whitespaces),
            channelManager: body.channelManager.trimmingCharacters(in: .whitespaces),
            calendar: try FiscalCalendar(startMonth: body.fiscalYearStartMonth), tier: body.tier ?? "Registered",
            stage: body.stage ?? .recruited
        ).validated()
        let capacity = try body.capacity.map { try capacityProfile($0, currency: program.currency) }
        try await req.store.create(partner, capacity: capacity, by: actor, at: req.clock.now())
        return try await DTO.Partner(partner, today: req.clock.today).encodeResponse(status: .created, for: req)
    }

    @Sendable static func changeStage(req: Request) async throws -> DTO.Partner {
        let actor = try req.actor()
        let partnerID = try req.id("partnerID")
        let body = try req.json(DTO.StageChangeRequest.self)
        let partner = try await req.store.partner(partnerID)
        let change = try StageChange.make(
            from: partner.stage, to: body.stage, on: body.on ?? req.clock.today, by: actor.name, reason: body.reason)
        try await req.store.record(change, for: partnerID, by: actor, at: req.clock.now())
        return DTO.Partner(try await req.store.partner(partnerID), today: req.clock.today)
    }

    @Sendable static func capacity(req: Request) async throws -> DTO.Page<DTO.Capacity> {
        let partner = try await req.store.partner(try req.id("partnerID"))
        let program = try await req.store.program(partner.programID)
        let history = try await req.store.capacityHistory(of: partner.id)
        return .init(items: history.map { DTO.Capacity($0, currency: program.currency) }, total: history.count)
    }

    @Sendable static func addCapacity(req: Request) async throws -> Response {
        let actor = try req.actor()
        let partner = try await req.store.partner(try req.id("partnerID"))
        let program = try await req.store.program(partner.programID)
        let profile = try capacityProfile(try req.json(DTO.NewCapacity.self), currency: program.currency)
        try await req.store.add(profile, to: partner.id, by: actor, at: req.clock.now())
        return try await DTO.Capacity(profile, currency: program.currency).encodeResponse(status: .created, for: req)
    }

    static func capacityProfile(_ body: DTO.NewCapacity, currency: Currency) throws -> CapacityProfile {
        func money(_ text: String, _ field: String) throws -> Int64 {
            do { return try FigureLimits.parse(text, unit: .currency, currency: currency) } catch {
                throw InputError("\(error)", field: field)
            }
        }
        return try CapacityProfile(
            asOf: body.asOf, companyRevenue: try money(body.companyRevenue, "company_revenue"),
            vendorRevenueTTM: try money(body.vendorRevenueTtm, "vendor_revenue_ttm"), engineers: body.engineers,
            certifiedEngineers: body.certifiedEngineers)
    }

    @Sendable static func scorecard(req: Request) async throws -> DTO.Scorecard {
        let card = try await Scorecards(store: req.store, clock: req.clock)
            .scorecard(
                partnerID: try req.id("partnerID"), periodLabel: try req.queryPeriodLabel("period"), seenBy: .side(try req.viewer().side))
        let currency = card.program.currency
        return DTO.Scorecard(
            partner: DTO.Partner(card.partner, today: card.asOf), period: card.period.label,
            vendorPeriods: VendorOverlap.describe(card.period, in: card.program.calendar), asOf: card.asOf,
            goals: card.lines.map { line in
                // Computed figures (expected-to-date, forecast) are rounded with saturation: a run-rate over a huge
                // stored actual stops at the end of Int64 instead of trapping.
                let format = { (v: Double) in
                    line.metric.plainText(Figures.roundedOrZero(v), currency: currency)
                }
                return DTO.GoalProgressDTO(
                    goal: DTO.Goal(line.goal, metric: line.metric, currency: currency),
                    actual: line.actual.map { format(Double($0)) }, attainment: line.attainment,
                    improvementProgress: line.improvementProgress, pacingStatus: line.pacing.status.rawValue,
                    elapsedShare: line.pacing.elapsedShare, expectedToDate: format(line.pacing.expectedToDate),
                    forecast: line.pacing.forecast.map(format))
            },
            goalSetIssues: card.issues.map(\.description))
    }

    @Sendable static func baseline(req: Request) async throws -> DTO.Baseline {
        let partnerID = try req.id("partnerID")
        guard let metricKey = try req.queryText("metric") else { throw InputError("name a metric", field: "metric", status: .badRequest) }
        let partner = try await req.store.partner(partnerID)
        let periodLabel =
            try req.queryPeriodLabel("period") ?? partner.calendar.period(.quarter, containing: req.clock.today).next.label
        let g = try await req.goalWorkflow
            .grounding(partnerID: partnerID, periodLabel: periodLabel, metricKey: metricKey)
        let value = { (v: Int64) in g.metric.plainText(v, currency: g.program.currency) }
        return DTO.Baseline(
            partnerId: partnerID, period: g.period.label, metric: g.metric.key, baseline: g.baseline.map { value($0.value) },
            source: g.baseline?.explanation, bestAchievedTarget: g.bestAchievedTarget.map(value),
            smallestAcceptableTarget: g.smallestAcceptableTarget.map(value),
            shareOfWallet: g.capacity?.shareOfWallet.map { ($0 * 10_000).rounded() / 10_000 },
            certifiedShare: g.capacity?.trainedShare.map { ($0 * 10_000).rounded() / 10_000 },
            growthRate: g.sizing.growth?.rate.map { ($0 * 10_000).rounded() / 10_000 }, growthCompared: g.sizing.growth?.compared,
            headroom: g.sizing.headroom.map { value($0.amount) }, headroomExplanation: g.sizing.headroom?.explanation,
            suggestedRange: g.sizing.range.map { .init(low: value($0.lowerBound), high: value($0.upperBound)) },
            sizingExplanation: g.sizing.explanation)
    }
}
