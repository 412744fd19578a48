import AccordCore
import AccordStore
import Foundation
import Vapor

/// `/api/v1/goals`: proposing and answering goals (DOMAIN §5).
enum GoalsAPI {
    @Sendable static func list(req: Request) async throws -> DTO.Page<DTO.Goal> {
        var query = GoalQuery(seenBy: .side(try req.viewer().side))
        query.partnerID = try req.queryUUID("partner_id")
        // Read even when the partner decides the list, so that an unreadable program_id is refused, not ignored.
        let programID = try req.queryUUID("program_id")
        if let own = try req.readablePartner() {
            // A partner user's list is their own partner's, whatever partner_id says.
            guard query.partnerID == nil || query.partnerID == own else { return .init(items: [], total: 0) }
            query.partnerID = own
        }
        if query.partnerID == nil { query.programID = try await req.program(programID).id }
        if let status = try req.queryText("status") {
            guard let value = GoalStatus(rawValue: status) else {
                throw InputError(
                    "unknown status '\(status)'; the statuses are " + GoalStatus.allCases.map(\.rawValue).joined(separator: ", "),
                    field: "status", status: .badRequest)
            }
            query.statuses = [value]
        }
        var goals = try await req.store.goals(query)
        if let label = try req.queryPeriodLabel("period") {
            let wanted = label.trimmingCharacters(in: .whitespaces).uppercased()
            goals = goals.filter { $0.period.label == wanted }
        }
        return .init(items: try await dtos(goals, req: req), total: goals.count)
    }

    @Sendable static func show(req: Request) async throws -> DTO.Goal {
        try await dto(try await req.store.goal(try req.id("goalID"), seenBy: .side(try req.viewer().side)), req: req)
    }

    @Sendable static func propose(req: Request) async throws -> Response {
        let actor = try req.actor()
        let body = try req.json(DTO.NewGoal.self)
        try await req.requireChange(partnerID: body.partnerId)
        let goal = try await workflow(req).propose(
            .init(
                partnerID: body.partnerId, periodLabel: body.period, metricKey: body.metric, ownerSide: body.ownerSide ?? .partner,
                target: body.target.text, behaviour: body.behaviour, objective: body.objective, asDraft: body.draft ?? false,
                farTargetConfirmed: body.confirmFarTarget ?? false),
            by: actor)
        return try await dto(goal, req: req).encodeResponse(status: .created, for: req)
    }

    @Sendable static func send(req: Request) async throws -> DTO.Goal {
        try await dto(try await workflow(req).send(try req.id("goalID"), by: try req.actor()), req: req)
    }

    @Sendable static func counter(req: Request) async throws -> DTO.Goal {
        let body = try req.json(DTO.CounterRequest.self)
        return try await dto(
            try await workflow(req).counter(
                try req.id("goalID"), target: body.target.text, behaviour: body.behaviour, comment: body.comment, by: try req.actor()),
            req: req)
    }

    @Sendable static func comment(req: Request) async throws -> Response {
        let body = try req.json(DTO.NewComment.self)
        let goal = try await workflow(req).comment(try req.id("goalID"), text: body.text, by: try req.actor())
        return try await dto(goal, req: req).encodeResponse(status: .created, for: req)
    }

    @Sendable static func accept(req: Request) async throws -> DTO.Goal {
        try await dto(try await workflow(req).accept(try req.id("goalID"), by: try req.actor()), req: req)
    }

    @Sendable static func decline(req: Request) async throws -> DTO.Goal {
        let body = try req.optionalJSON(DTO.DeclineRequest.self)
        return try await dto(
            try await workflow(req).decline(try req.id("goalID"), reason: body?.reason ?? "", by: try req.actor()), req: req)
    }

    @Sendable static func withdraw(req: Request) async throws -> DTO.Goal {
        try await dto(try await workflow(req).withdraw(try req.id("goalID"), by: try req.actor()), req: req)
    }

    @Sendable static func lower(req: Request) async throws -> DTO.Goal {
        let actor = try req.actor()
        // The right before the body: a refusal does not depend on what was sent (§5.3).
        guard AccessRule.mayAdminister(try req.viewer()) else { throw GoalRuleError.overrideNeedsAdmin }
        let body = try req.json(DTO.LowerRequest.self)
        return try await dto(
            try await workflow(req).lower(try req.id("goalID"), to: body.target.text, reason: body.reason ?? "", by: actor), req: req)
    }

    static func workflow(_ req: Request) -> GoalWorkflow { req.goalWorkflow }

    /// One goal as the viewer may see it; vendor staff also get the echo check while the goal awaits agreement.
    static func dto(_ goal: Goal, req: Request) async throws -> DTO.Goal {
        guard var out = try await dtos([goal], req: req).first else { throw StoreError.corrupt("goal \(goal.id): its metric") }
        if AccessRule.maySeeInternalPlanning(try req.viewer()),
            let expected = try await CoveragePlanning(store: req.store, clock: req.clock).echoWarning(for: goal)
        {
            let program = try await req.store.program(try await req.store.programID(ofGoal: goal.id))
            out.topDownEcho =
                EchoCheck.message + " Planning expectation (internal): "
                + FixedPoint.format(expected, decimals: program.currency.decimals, grouping: false)
        }
        return out
    }

    static func dtos(_ goals: [Goal], req: Request) async throws -> [DTO.Goal] {
        guard let first = goals.first else { return [] }
        let programID = try await req.store.programID(ofGoal: first.id)
        let program = try await req.store.program(programID)
        let metrics = Dictionary(uniqueKeysWithValues: try await req.store.metrics(of: programID).map { ($0.key, $0) })
        return goals.compactMap { goal in metrics[goal.metricKey].map { DTO.Goal(goal, metric: $0, currency: program.currency) } }
    }
}
