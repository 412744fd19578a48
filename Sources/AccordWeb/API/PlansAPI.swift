import AccordCore
import AccordStore
import Foundation
import Vapor

/// Joint business plans and reviews over the API (DOMAIN §10, §11).
enum PlansAPI {
    struct ContentIn: Content {
        struct Opportunity: Codable { let segment: String; let size: DecimalText; let intendedShare: Double }
        struct Responsibility: Codable { let side: Side; let description: String; let owner: String }
        struct Participant: Codable { let name: String; let side: Side; let role: String }
        struct Objective: Codable {
            let id: UUID?; let metric: String; let ownerSide: Side; let target: DecimalText; let description: String?
        }
        struct Milestone: Codable { let id: UUID?; let title: String; let due: Day; let status: JointPlanContent.Milestone.Status? }

        let why: String
        let firstFiscalYear: Int
        let horizonYears: Int
        let opportunity: Opportunity
        let responsibilities: [Responsibility]
        let participants: [Participant]?
        let cadence: ReviewCadence
        let objectives: [Objective]?
        let milestones: [Milestone]?
        /// With `revise`: why these terms, for the other side to read (issue 19).
        let comment: String?

        func content(metrics: [String: Metric], currency: Currency) throws -> JointPlanContent {
            let size: Int64
            do { size = try FigureLimits.parse(opportunity.size.text, unit: .currency, currency: currency) } catch {
                throw InputError("\(error)", field: "opportunity.size")
            }
            return JointPlanContent(
                why: why, firstFiscalYear: firstFiscalYear, horizonYears: horizonYears,
                opportunity: .init(segment: opportunity.segment, size: size, intendedShare: opportunity.intendedShare),
                responsibilities: responsibilities.map { .init(side: $0.side, description: $0.description, owner: $0.owner) },
                participants: (participants ?? []).map { .init(name: $0.name, side: $0.side, role: $0.role) }, cadence: cadence,
                objectives: try (objectives ?? []).map { objective in
                    guard let metric = metrics[objective.metric] else {
                        throw InputError("unknown metric '\(objective.metric)'", field: "objectives.metric")
                    }
                    let target: Int64
                    do { target = try FigureLimits.parse(objective.target.text, unit: metric.unit, currency: currency) } catch {
                        throw InputError("\(error)", field: "objectives.target")
                    }
                    return .init(
                        id: objective.id ?? UUID(), metricKey: metric.key, ownerSide: objective.ownerSide, target: target,
                        description: objective.description ?? "")
                },
                milestones: (milestones ?? []).map {
                    .init(id: $0.id ?? UUID(), title: $0.title, due: $0.due, status: $0.status ?? .planned)
                })
        }
    }

    struct PlanOut: Content {
        let id: UUID
        let partnerId: UUID
        let status: String
        let agreedRevision: Int?
        let currentRevision: Int
        let awaitingSide: String?
        let content: JointPlanContent
        let agreedContent: JointPlanContent?
        let valueToCapture: Int64
        /// The negotiation, oldest first, each comment on the revision it answers.
        let comments: [DTO.Comment]

        init(_ plan: JointPlan) {
            id = plan.id
            partnerId = plan.partnerID
            status = plan.status.rawValue
            agreedRevision = plan.agreedRevision
            currentRevision = plan.current.number
            awaitingSide = plan.status == .proposed ? Side.allCases.first { !plan.sidesAcceptingCurrent.contains($0) }?.rawValue : nil
            content = plan.current.content
            agreedContent = plan.agreedContent
            valueToCapture = plan.current.content.opportunity.valueToCapture
            comments = plan.comments.map {
                DTO.Comment(
                    revision: $0.revision, author: $0.author.name, authorRole: $0.author.role.rawValue, side: $0.author.side.rawValue,
                    at: $0.at, text: $0.text)
            }
        }
    }

    @Sendable static func list(req: Request) async throws -> DTO.Page<PlanOut> {
        let viewer = try req.viewer()
        let plans = try await req.store.plans(partnerID: try req.id("partnerID")).filter { $0.isVisible(to: viewer) }
        return .init(items: plans.map(PlanOut.init), total: plans.count)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let partnerID = try req.id("partnerID")
        let partner = try await req.store.partner(partnerID)
        let program = try await req.store.program(partner.programID)
        let metrics = Dictionary(uniqueKeysWithValues: try await req.store.metrics(of: program.id).map { ($0.key, $0) })
        let content = try req.json(ContentIn.self).content(metrics: metrics, currency: program.currency)
        let plan = try JointPlan.start(partnerID: partnerID, content: content, by: try req.actor(), at: req.clock.now())
        try await req.save(plan, action: "create", by: try req.actor(), at: req.clock.now())
        return try await PlanOut(plan).encodeResponse(status: .created, for: req)
    }

    /// A plan the viewer may see: partner users get the 404 of a missing plan for an internal draft.
    static func visiblePlan(_ req: Request) async throws -> JointPlan {
        let plan = try await req.store.plan(try req.id("planID"))
        guard plan.isVisible(to: try req.viewer()) else { throw Abort(.notFound, reason: "plan not found") }
        return plan
    }

    @Sendable static func show(req: Request) async throws -> PlanOut { PlanOut(try await visiblePlan(req)) }

    /// A word in the plan's negotiation, on its current revision (issue 19).
    @Sendable static func comment(req: Request) async throws -> Response {
        var plan = try await visiblePlan(req)
        let body = try req.json(DTO.NewComment.self)
        let actor = try req.actor()
        let now = req.clock.now()
        try plan.comment(body.text, by: actor, at: now)
        let saved = try await req.save(plan, action: "comment", by: actor, at: now)
        return try await PlanOut(saved).encodeResponse(status: .created, for: req)
    }

    @Sendable static func act(req: Request) async throws -> PlanOut {
        var plan = try await visiblePlan(req)
        let actor = try req.actor()
        let now = req.clock.now()
        let action = req.parameters.get("action") ?? ""
        switch action {
        case "share": try plan.share(by: actor, at: now)
        case "accept": try plan.accept(by: actor, at: now)
        case "revise":
            let partner = try await req.store.partner(plan.partnerID)
            let program = try await req.store.program(partner.programID)
            let metrics = Dictionary(uniqueKeysWithValues: try await req.store.metrics(of: program.id).map { ($0.key, $0) })
            let body = try req.json(ContentIn.self)
            try plan.revise(
                try body.content(metrics: metrics, currency: program.currency), comment: body.comment, by: actor, at: now)
        default: throw Abort(.notFound, reason: "plan actions are share, revise and accept")
        }
        try await req.save(plan, action: action, by: actor, at: now)
        if plan.status == .agreed, action == "accept", let content = plan.agreedContent {
            let partner = try await req.store.partner(plan.partnerID)
            _ = try await req.store.scheduleReviews(
                partnerID: partner.id, calendar: partner.calendar, cadence: content.cadence, from: req.clock.today,
                through: partner.calendar.firstDay(ofFiscalYear: content.lastFiscalYear + 1), at: now)
        }
        return PlanOut(plan)
    }

    struct SuggestionOut: Content {
        let period: String
        let target: String
        let baseline: String?
        let raisedToImprovementMinimum: Bool
    }

    /// Interim targets for one objective of the plan, period by period (DOMAIN §10).
    @Sendable static func suggestions(req: Request) async throws -> DTO.Page<SuggestionOut> {
        let plan = try await visiblePlan(req)
        let content = plan.current.content
        guard let objectiveID = try req.queryUUID("objective") else {
            throw InputError("name one of the plan's objectives with ?objective=ID", field: "objective", status: .badRequest)
        }
        guard let objective = content.objectives.first(where: { $0.id == objectiveID }) else {
            throw InputError("the plan has no such objective", field: "objective")
        }
        let kindText = try req.queryText("period_kind") ?? "quarter"
        guard let kind = PeriodKind(rawValue: kindText) else {
            throw InputError("'\(kindText)' is not month, quarter, half or year", field: "period_kind", status: .badRequest)
        }
        let result = try await PlanWorkflow(store: req.store, clock: req.clock).suggestions(
            for: plan, objective: objective, periodKind: kind)
        let (metric, program, suggestions) = (result.metric, result.program, result.items)
        return .init(
            items: suggestions.map {
                SuggestionOut(
                    period: $0.period.label, target: metric.plainText($0.target, currency: program.currency),
                    baseline: $0.baseline.map { metric.plainText($0.value, currency: program.currency) },
                    raisedToImprovementMinimum: $0.raisedToImprovementMinimum)
            }, total: suggestions.count)
    }

    struct ProposeIn: Content { let count: Int? }

    struct ProposedOut: Content {
        struct Skipped: Content { let period: String; let reason: String }
        let proposed: [DTO.Goal]
        let skipped: [Skipped]
    }

    /// Turns an objective's suggestions for the next periods into goal proposals in one step (DOMAIN §10).
    @Sendable static func proposeObjective(req: Request) async throws -> Response {
        let plan = try await visiblePlan(req)
        let count = try req.optionalJSON(ProposeIn.self)?.count ?? 1
        guard (1...8).contains(count) else { throw InputError("propose 1 to 8 periods at once", field: "count") }
        let outcome = try await PlanWorkflow(store: req.store, clock: req.clock)
            .propose(plan: plan, objectiveID: try req.id("objectiveID"), count: count, by: try req.actor())
        let body = ProposedOut(
            proposed: try await GoalsAPI.dtos(outcome.proposed, req: req),
            skipped: outcome.skipped.map { .init(period: $0.period, reason: $0.reason) })
        return try await body.encodeResponse(status: outcome.proposed.isEmpty ? .ok : .created, for: req)
    }

    // MARK: reviews

    struct ReviewOut: Content {
        struct Line: Codable, Equatable {
            let goalId: UUID
            let metric: String
            let target: String
            let actual: String
            let attainment: Double?
            let pacing: String
            let status: String
        }

        struct Item: Codable, Equatable {
            let id: UUID
            let side: String
            let owner: String
            let title: String
            let due: Day
            let status: String
            let overdue: Bool
            let closedOn: Day?
            let closedBy: String?
        }

        let id: UUID
        let partnerId: UUID
        let period: String
        let due: Day
        let heldOn: Day?
        let attendees: [Review.Attendee]
        let snapshot: [Line]
        let notes: String
        let decisions: [String]
        let actionItems: [Item]
        let overdue: Bool
        let overdueActionItems: Int
    }

    struct HoldIn: Content {
        struct Item: Codable { let side: Side; let owner: String; let title: String; let due: Day }
        let attendees: [Review.Attendee]
        let notes: String?
        let decisions: [String]?
        let actionItems: [Item]?
    }

    static func out(_ review: Review, today: Day) -> ReviewOut {
        ReviewOut(
            id: review.id, partnerId: review.partnerID, period: review.period.label, due: review.due, heldOn: review.heldOn,
            attendees: review.attendees,
            snapshot: review.snapshot.map {
                .init(
                    goalId: $0.goalID, metric: $0.metricName, target: $0.target, actual: $0.actual, attainment: $0.attainment,
                    pacing: $0.pacing.rawValue, status: $0.status.rawValue)
            },
            notes: review.notes, decisions: review.decisions,
            actionItems: review.actionItems.map {
                .init(
                    id: $0.id, side: $0.side.rawValue, owner: $0.owner, title: $0.title, due: $0.due, status: $0.status.rawValue,
                    overdue: $0.isOverdue(today: today), closedOn: $0.closedOn, closedBy: $0.closedBy)
            },
            overdue: review.isOverdue(today: today), overdueActionItems: review.actionItems.filter { $0.isOverdue(today: today) }.count)
    }

    @Sendable static func reviews(req: Request) async throws -> DTO.Page<ReviewOut> {
        let reviews = try await req.store.reviews(partnerID: try req.id("partnerID"))
        return .init(items: reviews.map { out($0, today: req.clock.today) }, total: reviews.count)
    }

    /// Holds a review: the scorecard of the reviewed period is frozen into it as it stands now (DOMAIN §11).
    @Sendable static func hold(req: Request) async throws -> ReviewOut {
        var review = try await req.store.review(try req.id("reviewID"))
        let body = try req.json(HoldIn.self)
        let card = try await Scorecards(store: req.store, clock: req.clock).scorecard(
            partnerID: review.partnerID, periodLabel: review.period.label, seenBy: .bothSides)
        try review.hold(
            on: req.clock.today, attendees: body.attendees,
            snapshot: card.lines.map { ScorecardSnapshotLine($0, currency: card.program.currency) },
            notes: body.notes ?? "", decisions: body.decisions ?? [],
            actionItems: (body.actionItems ?? []).map { ActionItem(side: $0.side, owner: $0.owner, title: $0.title, due: $0.due) })
        try await req.store.save(review, created: req.clock.now(), holding: true)
        try await req.store.append(
            .change(
                "hold", of: "review", id: review.id.uuidString, before: nil as Review?, after: review, by: try req.actor(),
                at: req.clock.now()))
        return out(review, today: req.clock.today)
    }

    struct CloseIn: Content { let status: ActionItem.Status }

    /// Marks a review's action item done or dropped (DOMAIN §11): its owner, an admin of its side or a program admin.
    @Sendable static func closeActionItem(req: Request) async throws -> ReviewOut {
        let body = try req.json(CloseIn.self)
        let review = try await req.store.closeActionItem(
            reviewID: try req.id("reviewID"), itemID: try req.id("itemID"), as: body.status, on: req.clock.today, by: try req.actor(),
            at: req.clock.now())
        return out(review, today: req.clock.today)
    }

    /// Every overdue review and review with overdue action items (vendor staff).
    @Sendable static func overdue(req: Request) async throws -> DTO.Page<ReviewOut> {
        let today = req.clock.today
        let reviews = try await req.store.reviews(dueBy: today).filter {
            $0.isOverdue(today: today) || $0.actionItems.contains { $0.isOverdue(today: today) }
        }
        return .init(items: reviews.map { out($0, today: today) }, total: reviews.count)
    }
}
