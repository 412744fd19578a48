import AccordCore
import AccordStore
import AccordViews
import Vapor

/// The goal page, its answer forms, and proposing a goal: the agreement of DOMAIN §5.2 in the browser.
enum GoalPagesController {
    struct ActionForm: Content {
        var target: String?
        var behaviour: String?
        var reason: String?
        var comment: String?
        /// A counter-proposal's reason (its own field: the page also has the conversation's comment box).
        var counter_comment: String?
        /// "yes" once an answer that cannot be undone was shown again and confirmed.
        var confirmed: String?
    }

    /// What an action did, said once on the page it lands on (`?done=`).
    static let doneMessages: [String: String] = [
        "accept": "You accepted the goal's current terms.",
        "decline": "You declined the proposal; the other side reads your reason.",
        "counter": "Your counter-proposal was sent to the other side.",
        "withdraw": "The proposal was withdrawn.",
        "send": "The draft was sent to the other side.",
        "lower": "The target was lowered; the override is recorded with your reason.",
        "comment": "Your comment was added to the conversation.",
    ]

    struct ProposeForm: Content {
        var period: String?
        var metric: String?
        /// The period and metric whose baseline the page showed; `action` is "ground" to show another's.
        var shown_period: String?
        var shown_metric: String?
        var action: String?
        var target: String?
        var behaviour: String?
        var objective: String?
        var owner: String?
        var draft: String?
        /// "yes": a target far outside the metric's history is meant.
        var confirm_far: String?
    }

    @Sendable static func show(req: Request) async throws -> Response {
        var page = try await model(req, goalID: try req.id("goalID"))
        let done = try req.queryText("done")
        // The answer that completes the agreement says so: both sides now stand behind the goal (§5.2).
        page.done =
            done == "accept" && page.status.isCommitted
            ? "Agreed by both sides: the goal counts from now on." : done.flatMap { doneMessages[$0] }
        return HTMLResponse.page(GoalPage.render(page))
    }

    /// One POST route per answer; a refused answer shows the page again with the reason beside the field.
    @Sendable static func act(req: Request) async throws -> Response {
        let goalID = try req.id("goalID")
        let action = req.parameters.get("action") ?? ""
        let form = try req.form(ActionForm.self)
        let actor = try req.actor()
        let flow = req.goalWorkflow
        let confirmed = form.confirmed == "yes"
        do {
            switch action {
            case "accept": _ = try await flow.accept(goalID, by: actor)
            case "decline" where !confirmed:
                // A decline cannot be undone: the answer is tried on a copy, its reason read back once, and nothing is
                // saved until it is confirmed.
                var trial = try await req.store.goal(goalID, seenBy: .side(actor.side))
                try trial.decline(by: actor, reason: form.reason ?? "", now: req.clock.now())
                var page = try await model(req, goalID: goalID)
                page.confirming = .decline(reason: form.reason ?? "")
                return HTMLResponse.page(GoalPage.render(page))
            case "decline": _ = try await flow.decline(goalID, reason: form.reason ?? "", by: actor)
            case "counter":
                _ = try await flow.counter(
                    goalID, target: form.target ?? "", behaviour: form.behaviour.flatMap { $0.isEmpty ? nil : $0 },
                    comment: form.counter_comment, by: actor)
            case "withdraw" where !confirmed:
                var trial = try await req.store.goal(goalID, seenBy: .side(actor.side))
                try trial.withdraw(by: actor, now: req.clock.now())
                var page = try await model(req, goalID: goalID)
                page.confirming = .withdraw
                return HTMLResponse.page(GoalPage.render(page))
            case "withdraw": _ = try await flow.withdraw(goalID, by: actor)
            case "comment": _ = try await flow.comment(goalID, text: form.comment ?? "", by: actor)
            case "send": _ = try await flow.send(goalID, by: actor)
            case "lower": _ = try await flow.lower(goalID, to: form.target ?? "", reason: form.reason ?? "", by: actor)
            default: throw Abort(.notFound)
            }
        } catch let error where error is GoalRuleError || error is InputError {
            let (field, message) = fieldError(error, action: action)
            var typed: [String: String] = [:]
            switch action {
            case "lower": typed = ["lower-target": form.target ?? "", "lower-reason": form.reason ?? ""]
            case "comment": typed = ["comment": form.comment ?? ""]
            default:
                typed = [
                    "target": form.target ?? "", "behaviour": form.behaviour ?? "", "reason": form.reason ?? "",
                    "counter_comment": form.counter_comment ?? "",
                ]
            }
            return HTMLResponse.page(
                GoalPage.render(try await model(req, goalID: goalID, errors: [field: message], typed: typed)), status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.goal(goalID, done: action).path)
    }

    /// Which field a refusal is about, so the message stands beside it.
    static func fieldError(_ error: any Error, action: String) -> (String, String) {
        let message = ErrorMapping.map(error)?.reason ?? "\(error)"
        let lowering = action == "lower"
        if let input = error as? InputError, let field = input.field {
            return (lowering && field == "target" ? "lower-target" : field, input.message)
        }
        switch error as? GoalRuleError {
        case .doesNotBeatBaseline, .doesNotBeatAchievedTarget, .cannotImprove, .negativeTarget, .targetTooLarge, .zeroTarget,
            .wholeNumberRequired, .farFromHistory:
            return ("target", message)
        case .overrideMustLower: return ("lower-target", message)
        case .overrideNeedsReason: return ("lower-reason", message)
        case .behaviourRequired: return ("behaviour", message)
        case .declineNeedsReason: return ("reason", message)
        case .commentRequired, .commentTooLong, .noConversationOnDraft:
            return (action == "counter" ? "counter_comment" : "comment", message)
        default: return ("form", message)
        }
    }

    static func model(_ req: Request, goalID: UUID, errors: [String: String] = [:], typed: [String: String] = [:]) async throws
        -> GoalPage.Model
    {
        let viewer = try req.viewer()
        let goal = try await req.store.goal(goalID, seenBy: .side(viewer.side))
        let partner = try await req.store.partner(goal.partnerID)
        let program = try await req.store.program(partner.programID)
        let metric = try await req.store.metric(goal.metricKey, of: program.id)
        let show = { (v: Int64) in metric.format(v, currency: program.currency) }
        let sides = Dictionary(grouping: goal.acceptances, by: \.revision)
        let audit = try await req.store.auditEntries(entity: "goal", entityID: goal.id.uuidString)
        var model = GoalPage.Model(
            chrome: try await PageChromes.make(req), goalID: goal.id, partnerID: partner.id, partnerName: partner.name,
            metricName: metric.name, periodLabel: goal.period.label,
            vendorPeriods: VendorOverlap.describe(goal.period, in: program.calendar), status: goal.status,
            ownerSide: goal.ownerSide, target: show(goal.target), targetPlain: metric.plainText(goal.target, currency: program.currency),
            baseline: goal.baseline.map { show($0.value) } ?? "—", baselineSource: goal.baseline?.explanation ?? "no history yet",
            behaviour: goal.behaviour, objective: goal.objective, awaiting: goal.awaitingSide,
            lapsed: goal.isLapsed(now: req.clock.now(), responseWindowDays: program.settings.responseWindowDays),
            carriedFrom: goal.carriedFrom, closingActual: goal.closingActual.map(show), declineReason: goal.decline?.reason,
            revisions: goal.revisions.map { r in
                GoalPage.RevisionLine(
                    number: r.number, target: show(r.target), behaviour: r.behaviour, author: r.author.name, authorSide: r.author.side,
                    origin: r.origin, at: r.at, acceptedBy: (sides[r.number] ?? []).map { ($0.actor.name, $0.actor.side, $0.at) })
            },
            overrides: goal.overrides.map { (show($0.from), show($0.to), $0.reason, $0.actor.name, $0.at) },
            audit: audit.map {
                GoalPage.AuditLine(
                    at: $0.at, who: $0.actor.name, action: $0.action.replacingOccurrences(of: "_", with: " "), reason: $0.reason,
                    changes: AuditReading.goalChanges(of: $0, currency: program.currency, metrics: [metric.key: metric]).map(\.description))
            },
            actions: goal.actions(for: viewer, mayChangePartner: AccessRule.mayChange(partner, as: viewer), today: req.clock.today),
            errors: errors, typed: typed)
        model.conversation = conversation(of: goal, show: show)
        if model.actions.proposeAgain {
            model.proposeAgainPath =
                SiteURL.newGoal(
                    partner: partner.id,
                    prefill: [
                        ("period", goal.period.label), ("metric", goal.metricKey),
                        ("target", metric.plainText(goal.target, currency: program.currency)),
                        ("behaviour", goal.behaviour), ("owner", goal.ownerSide.rawValue),
                    ]
                ).path
        }
        if let missedID = goal.carriedFrom, let missed = try await req.store.goals(GoalQuery(seenBy: .accord), ids: [missedID]).first {
            model.carryForwardNote = goal.carryForwardNote(missed: missed, metric: metric, currency: program.currency)
        }
        if goal.ownerSide == .partner {
            let terms = GoalBenefits.effective(
                own: try await req.store.benefits(ofGoals: [goal.id])[goal.id], category: metric.category,
                defaults: program.settings.benefitDefaults
            ).atStake(ownerSide: goal.ownerSide, policy: program.settings.motivationPolicy)
            model.rewards = terms.rewards.map { $0.text(currency: program.currency) }
            model.consequences = terms.consequences.map { $0.text(currency: program.currency) }
        }
        // The echo check speaks to vendor staff only: the planning expectation is internal (DOMAIN §9).
        if AccessRule.maySeeInternalPlanning(viewer),
            let expected = try await CoveragePlanning(store: req.store, clock: req.clock).echoWarning(for: goal)
        {
            model.echoWarning = EchoCheck.message + " Planning expectation (internal) for this period: \(show(expected))."
        }
        return model
    }

    /// The goal's turns in the order they happened: each revision as the move it was, each comment, the decline.
    static func conversation(of goal: Goal, show: (Int64) -> String) -> [GoalPage.ConversationLine] {
        var lines = goal.revisions.map { r in
            let event =
                switch r.origin {
                case .proposal: "Proposed \(show(r.target))"
                case .counterProposal: "Countered with \(show(r.target))"
                case .carryForward: "Carried forward at \(show(r.target)) (the missed goal's agreement carries over)"
                case .override: "Lowered the target to \(show(r.target))"
                }
            return GoalPage.ConversationLine(
                at: r.at, who: r.author.name, side: r.origin == .carryForward ? nil : r.author.side, revision: r.number, event: event,
                text: nil)
        }
        lines += goal.comments.map {
            GoalPage.ConversationLine(
                at: $0.at, who: $0.author.name, side: $0.author.side, revision: $0.revision, event: nil, text: $0.text)
        }
        if let decline = goal.decline {
            lines.append(
                GoalPage.ConversationLine(
                    at: decline.at, who: decline.actor.name, side: decline.actor.side, revision: goal.current.number, event: "Declined",
                    text: decline.reason.isEmpty ? nil : decline.reason))
        }
        // A counter and its reason share a moment: the move first, then what was said about it.
        return lines.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }

    // MARK: proposing

    @Sendable static func proposeForm(req: Request) async throws -> Response {
        let partnerID = try req.id("partnerID")
        try await req.requireChange(partnerID: partnerID)
        let period = try req.queryText("period")
        let metric = try req.queryText("metric")
        // Proposing again from a declined goal's terms (`GoalActions.proposeAgain`): its target and behaviour prefilled.
        var typed: [String: String] = [:]
        for key in ["target", "behaviour", "owner"] { typed[key] = try req.queryText(key) }
        return HTMLResponse.page(
            ProposeGoalPage.render(try await proposeModel(req, partnerID: partnerID, period: period, metric: metric, typed: typed)))
    }

    @Sendable static func propose(req: Request) async throws -> Response {
        let partnerID = try req.id("partnerID")
        let form = try req.form(ProposeForm.self)
        let typed = [
            "target": form.target ?? "", "behaviour": form.behaviour ?? "", "objective": form.objective ?? "",
            "owner": form.owner ?? "partner",
        ]
        // Showing the baseline of another choice, or a choice changed since its baseline was shown: the page shows
        // what the new choice is grounded in, keeps what was typed, and saves nothing (§5.5: a proposal is grounded).
        let changed = form.shown_period.map { $0 != form.period } == true || form.shown_metric.map { $0 != form.metric } == true
        if form.action == "ground" || changed {
            try await req.requireChange(partnerID: partnerID)
            var errors: [String: String] = [:]
            if changed && form.action != "ground" {
                errors["metric"] =
                    "The period or metric changed after its baseline was shown: here is what this choice is grounded in. Check the target, then propose again."
            }
            let model = try await proposeModel(
                req, partnerID: partnerID, period: form.period, metric: form.metric, typed: typed, errors: errors)
            return HTMLResponse.page(ProposeGoalPage.render(model), status: errors.isEmpty ? .ok : .unprocessableEntity)
        }
        do {
            let goal = try await req.goalWorkflow.propose(
                .init(
                    partnerID: partnerID, periodLabel: form.period ?? "", metricKey: form.metric ?? "",
                    ownerSide: form.owner == "vendor" ? .vendor : .partner, target: form.target ?? "", behaviour: form.behaviour ?? "",
                    objective: form.objective, asDraft: form.draft == "1", farTargetConfirmed: form.confirm_far == "yes"),
                by: try req.actor())
            return req.redirect(to: SiteURL.goal(goal.id).path)
        } catch let error where error is GoalRuleError || error is InputError || error is CalendarError || error is StoreError {
            let (field, message) =
                error is CalendarError
                ? ("period", "\(error)") : (error is StoreError ? ("metric", "\(error)") : fieldError(error, action: "propose"))
            var errors = [field: message]
            if case .farFromHistory = error as? GoalRuleError { errors["far"] = message }
            let model = try await proposeModel(
                req, partnerID: partnerID, period: form.period, metric: form.metric, typed: typed, errors: errors)
            return HTMLResponse.page(ProposeGoalPage.render(model), status: .unprocessableEntity)
        }
    }

    static func proposeModel(
        _ req: Request, partnerID: UUID, period: String?, metric: String?, typed: [String: String] = [:], errors: [String: String] = [:]
    ) async throws -> ProposeGoalPage.Model {
        let viewer = try req.viewer()
        let partner = try await req.store.partner(partnerID)
        let program = try await req.store.program(partner.programID)
        let metrics = try await req.store.metrics(of: program.id)
        let current = partner.calendar.period(.quarter, containing: req.clock.today)
        var options: [Period] = [current, current.next, current.next.next]
        options += [
            partner.calendar.period(.year, containing: req.clock.today), partner.calendar.period(.year, containing: req.clock.today).next,
        ]
        options += [
            partner.calendar.period(.month, containing: req.clock.today), partner.calendar.period(.month, containing: req.clock.today).next,
        ]
        let chosenPeriod = period.flatMap { label in options.first { $0.label == label } } ?? current
        let chosenMetric = metric.flatMap { key in metrics.first { $0.key == key } } ?? metrics.first { $0.key == "revenue" } ?? metrics[0]
        var grounding: ProposeGoalPage.Grounding?
        if let g = try? await req.goalWorkflow.grounding(
            partnerID: partnerID, periodLabel: chosenPeriod.label, metricKey: chosenMetric.key)
        {
            let show = { (v: Int64) in chosenMetric.format(v, currency: program.currency) }
            var shown = ProposeGoalPage.Grounding(
                baseline: g.baseline.map { "\(show($0.value)) (\($0.explanation))" } ?? "no history yet",
                smallestAcceptable: g.smallestAcceptableTarget.map(show), bestAchieved: g.bestAchievedTarget.map(show),
                shareOfWallet: g.capacity?.shareOfWallet, trainedShare: g.capacity?.trainedShare)
            shown.growth = g.sizing.growth?.rate.map { Format.signedPercent($0) }
            shown.growthCompared = g.sizing.growth?.compared
            shown.headroom = g.sizing.headroom.map { "\(show($0.amount)) (\($0.explanation))" }
            shown.suggestedRange = g.sizing.range.map {
                $0.lowerBound == $0.upperBound ? show($0.lowerBound) : "\(show($0.lowerBound)) – \(show($0.upperBound))"
            }
            shown.sizingExplanation = g.sizing.explanation
            grounding = shown
        }
        return ProposeGoalPage.Model(
            chrome: try await PageChromes.make(req), partnerID: partnerID, partnerName: partner.name,
            periods: options.map {
                (
                    $0.label,
                    "\($0.label) (\($0.dates)) — " + VendorOverlap.vendorEquivalent(of: $0, in: program.calendar)
                )
            },
            metrics: metrics.map { ($0.key, "\($0.name) (\($0.category.label))") }, period: chosenPeriod.label, metric: chosenMetric.key,
            grounding: grounding, typed: typed, errors: errors, viewerSide: viewer.side)
    }
}
