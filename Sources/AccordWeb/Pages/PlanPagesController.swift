import AccordCore
import AccordStore
import AccordViews
import Vapor

/// The plan page and the review page (DOMAIN §10, §11).
enum PlanPagesController {
    @Sendable static func plan(req: Request) async throws -> Response {
        HTMLResponse.page(PlanPage.render(try await planModel(req, notice: nil)))
    }

    static func planModel(_ req: Request, notice: String?) async throws -> PlanPage.Model {
        let viewer = try req.viewer()
        let plan = try await PlansAPI.visiblePlan(req)
        let partner = try await req.store.partner(plan.partnerID)
        let program = try await req.store.program(partner.programID)
        let content = plan.current.content
        let mayChange = AccessRule.mayChange(partner, as: viewer) && viewer.role.mayNegotiateGoals
        let goals = try await req.store.goals(GoalQuery(seenBy: .side(viewer.side), partnerID: partner.id))
        let flow = PlanWorkflow(store: req.store, clock: req.clock)
        var objectives: [PlanPage.ObjectiveLine] = []
        for objective in content.objectives {
            let s = try await flow.suggestions(for: plan, objective: objective)
            let show = { (v: Int64) in s.metric.format(v, currency: program.currency) }
            let derived = goals.filter { $0.objectiveID == objective.id }
            let progress = try await Scorecards(store: req.store, clock: req.clock)
                .progress(derived, metrics: [s.metric.key: s.metric], program: program)
            objectives.append(
                PlanPage.ObjectiveLine(
                    id: objective.id, metricName: s.metric.name, ownerSide: objective.ownerSide, target: show(objective.target),
                    description: objective.description,
                    goals: progress.map {
                        ($0.goal.id, $0.goal.period.label, show($0.goal.target), $0.goal.status, $0.actual.map(show) ?? "—")
                    },
                    suggestions: s.items.map {
                        (
                            "\($0.period.label) (\($0.period.dates)) — "
                                + VendorOverlap.vendorEquivalent(of: $0.period, in: program.calendar), show($0.target),
                            $0.raisedToImprovementMinimum
                        )
                    }))
        }
        let currency = program.currency
        var model = PlanPage.Model(
            chrome: try await PageChromes.make(req), planID: plan.id, partnerID: partner.id, partnerName: partner.name, status: plan.status,
            revision: plan.current.number, agreedRevision: plan.agreedRevision,
            awaiting: plan.status == .proposed ? Side.allCases.first { !plan.sidesAcceptingCurrent.contains($0) } : nil, content: content,
            horizon: content.horizonYears == 1
                ? "FY\(content.firstFiscalYear)" : "FY\(content.firstFiscalYear)–FY\(content.lastFiscalYear)",
            marketSize: Money(minorUnits: content.opportunity.size, currency: currency).formatted,
            valueToCapture: Money(minorUnits: content.opportunity.valueToCapture, currency: currency).formatted, objectives: objectives,
            mayShare: mayChange && plan.status == .internalDraft && viewer.side == .vendor,
            mayAccept: mayChange && plan.status == .proposed && !plan.sidesAcceptingCurrent.contains(viewer.side),
            mayPropose: mayChange && plan.status != .internalDraft, notice: notice)
        model.mayRevise = mayChange
        model.mayComment = mayChange && plan.status != .internalDraft
        model.conversation = conversation(of: plan)
        return model
    }

    /// Adds the comment, or says why it cannot be added (shown beside the box, with what was typed).
    static func comment(on plan: inout JointPlan, _ text: String, by actor: Actor, at now: Date) -> JointPlan.Problem? {
        do {
            try plan.comment(text, by: actor, at: now)
            return nil
        } catch {
            return error
        }
    }

    /// The plan's revisions, acceptances and comments as one conversation, oldest first.
    static func conversation(of plan: JointPlan) -> [GoalPage.ConversationLine] {
        let revisions = plan.revisions.map { revision in
            GoalPage.ConversationLine(
                at: revision.at, who: revision.author.name, side: revision.author.side, revision: revision.number,
                event: revision.number == 1 ? "Wrote the plan" : "Wrote revision \(revision.number)", text: nil)
        }
        let acceptances = plan.acceptances.map { acceptance in
            GoalPage.ConversationLine(
                at: acceptance.at, who: acceptance.actor.name, side: acceptance.actor.side, revision: acceptance.revision,
                event: "Accepted revision \(acceptance.revision)", text: nil)
        }
        let comments = plan.comments.map { comment in
            GoalPage.ConversationLine(
                at: comment.at, who: comment.author.name, side: comment.author.side, revision: comment.revision, event: nil,
                text: comment.text)
        }
        // A stable order for lines of the same moment: the revision, its acceptance, then what was said about it.
        let lines = revisions + acceptances + comments
        let order = lines.indices.sorted { a, b in
            let (x, y) = (lines[a], lines[b])
            if x.at != y.at { return x.at < y.at }
            if x.revision != y.revision { return x.revision < y.revision }
            return a < b
        }
        return order.map { lines[$0] }
    }

    /// share, accept, or propose-<objective id>: the page's buttons.
    @Sendable static func act(req: Request) async throws -> Response {
        var plan = try await PlansAPI.visiblePlan(req)
        let actor = try req.actor()
        let action = req.parameters.get("action") ?? ""
        let now = req.clock.now()
        if action.hasPrefix("propose-"), let objectiveID = UUID(uuidString: String(action.dropFirst("propose-".count))) {
            let outcome = try await PlanWorkflow(store: req.store, clock: req.clock).propose(
                plan: plan, objectiveID: objectiveID, count: 1, by: actor)
            let notice =
                outcome.proposed.isEmpty
                ? "Nothing proposed: " + outcome.skipped.map { "\($0.period): \($0.reason)" }.joined(separator: "; ")
                : "Proposed \(outcome.proposed.map(\.period.label).joined(separator: ", ")) to the \(actor.side.other.rawValue)."
            return HTMLResponse.page(
                PlanPage.render(try await planModel(req, notice: notice)), status: outcome.proposed.isEmpty ? .unprocessableEntity : .ok)
        }
        if action == "comment" {
            let text = (try? req.content.get(String.self, at: "comment")) ?? ""
            if let refused = Self.comment(on: &plan, text, by: actor, at: now) {
                var model = try await planModel(req, notice: nil)
                model.commentError = refused.description
                model.typedComment = text
                return HTMLResponse.page(PlanPage.render(model), status: .unprocessableEntity)
            }
            try await req.save(plan, action: "comment", by: actor, at: now)
            return req.redirect(to: SiteURL.plan(plan.id).path)
        }
        if action == "revise" {
            return try await PlanFormController.save(req, partner: try await req.store.partner(plan.partnerID), plan: plan)
        }
        switch action {
        case "share": try plan.share(by: actor, at: now)
        case "accept": try plan.accept(by: actor, at: now)
        default: throw Abort(.notFound)
        }
        try await req.save(plan, action: action, by: actor, at: now)
        return req.redirect(to: SiteURL.plan(plan.id).path)
    }

    @Sendable static func review(req: Request) async throws -> Response {
        HTMLResponse.page(ReviewPage.render(try await reviewModel(req)))
    }

    static func reviewModel(_ req: Request, errors: [String: String] = [:], typed: [String: String] = [:]) async throws -> ReviewPage.Model
    {
        let viewer = try req.viewer()
        let review = try await req.store.review(try req.id("reviewID"))
        let partner = try await req.store.partner(review.partnerID)
        let program = try await req.store.program(partner.programID)
        var model = ReviewPage.Model(
            chrome: try await PageChromes.make(req), reviewID: review.id, partnerID: partner.id, partnerName: partner.name,
            periodLabel: review.period.label,
            vendorPeriods: VendorOverlap.describe(review.period, in: program.calendar),
            review: review, overdue: review.isOverdue(today: req.clock.today), today: req.clock.today,
            mayHold: AccessRule.mayChange(partner, as: viewer) && viewer.role.mayNegotiateGoals, errors: errors, typed: typed)
        let actor = viewer.actor
        // The buttons a viewer gets are the closes that would pass: the item's rule and the right to change the partner.
        let mayChange = AccessRule.mayChange(partner, as: viewer)
        model.closableItems = Set(review.actionItems.filter { mayChange && $0.status == .open && $0.mayBeClosed(by: actor) }.map(\.id))
        return model
    }

    struct CloseForm: Content { var status: String? }

    /// Marks an action item done or dropped from the review page (DOMAIN §11); a refusal is shown beside the item.
    @Sendable static func closeActionItem(req: Request) async throws -> Response {
        let form = try req.form(CloseForm.self)
        let itemID = try req.id("itemID")
        guard let status = form.status.flatMap(ActionItem.Status.init(rawValue:)) else {
            throw InputError("status is done or dropped", field: "status", status: .badRequest)
        }
        do {
            _ = try await req.store.closeActionItem(
                reviewID: try req.id("reviewID"), itemID: itemID, as: status, on: req.clock.today, by: try req.actor(),
                at: req.clock.now())
        } catch let problem as Review.Problem {
            let model = try await reviewModel(req, errors: ["item-\(itemID.uuidString.lowercased())": problem.description])
            return HTMLResponse.page(ReviewPage.render(model), status: problem.httpStatus)
        }
        return req.redirect(to: SiteURL.review(try req.id("reviewID")).path)
    }

    struct HoldForm: Content {
        var vendor_attendees: String?
        var partner_attendees: String?
        var notes: String?
        var decisions: String?
        var actions: String?
    }

    /// Records a held review from the page; a bad line comes back beside its field, with everything typed kept.
    @Sendable static func hold(req: Request) async throws -> Response {
        let form = try req.form(HoldForm.self)
        let typed = [
            "vendor_attendees": form.vendor_attendees ?? "", "partner_attendees": form.partner_attendees ?? "", "notes": form.notes ?? "",
            "decisions": form.decisions ?? "", "actions": form.actions ?? "",
        ]
        let lines = FormLines.entries
        var items: [ActionItem] = []
        for (n, line) in lines(form.actions).enumerated() {
            let parts = line.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 4, let side = Side(rawValue: parts[0].lowercased()), let due = Day(iso: parts[3]),
                AcceptedDays.contains(due), !parts[1].isEmpty,
                !parts[2].isEmpty
            else {
                return HTMLResponse.page(
                    ReviewPage.render(
                        try await reviewModel(
                            req,
                            errors: [
                                "actions":
                                    "Line \(n + 1) is not 'side; owner; what; due YYYY-MM-DD' (side is vendor or partner, the date in \(AcceptedDays.label))."
                            ],
                            typed: typed)),
                    status: .unprocessableEntity)
            }
            items.append(ActionItem(side: side, owner: parts[1], title: parts[2], due: due))
        }
        var review = try await req.store.review(try req.id("reviewID"))
        let card = try await Scorecards(store: req.store, clock: req.clock).scorecard(
            partnerID: review.partnerID, periodLabel: review.period.label, seenBy: .bothSides)
        do {
            try review.hold(
                on: req.clock.today,
                attendees: lines(form.vendor_attendees).map { .init(name: $0, side: .vendor) }
                    + lines(form.partner_attendees).map { .init(name: $0, side: .partner) },
                snapshot: card.lines.map { ScorecardSnapshotLine($0, currency: card.program.currency) }, notes: form.notes ?? "",
                decisions: lines(form.decisions), actionItems: items)
        } catch {
            return HTMLResponse.page(
                ReviewPage.render(try await reviewModel(req, errors: ["form": error.description], typed: typed)),
                status: .unprocessableEntity)
        }
        try await req.store.save(review, created: req.clock.now(), holding: true)
        try await req.store.append(
            .change(
                "hold", of: "review", id: review.id.uuidString, before: nil as Review?, after: review, by: try req.actor(),
                at: req.clock.now()))
        return req.redirect(to: SiteURL.review(review.id).path)
    }
}
