import AccordCore
import AccordStore
import AccordViews
import Vapor

/// Writing and revising a joint business plan in the browser (DOMAIN §10).
enum PlanFormController {
    struct FormIn: Content {
        var why: String?
        var first_fiscal_year: String?
        var horizon_years: String?
        var segment: String?
        var size: String?
        var share: String?
        var cadence: String?
        var responsibilities: String?
        var participants: String?
        var objectives: String?
        var milestones: String?
        /// Why this revision, for the other side to read (issue 19).
        var revision_comment: String?

        var values: [String: String] {
            [
                "why": why ?? "", "first_fiscal_year": first_fiscal_year ?? "", "horizon_years": horizon_years ?? "",
                "segment": segment ?? "",
                "size": size ?? "", "share": share ?? "", "cadence": cadence ?? "", "responsibilities": responsibilities ?? "",
                "participants": participants ?? "", "objectives": objectives ?? "", "milestones": milestones ?? "",
                "revision_comment": revision_comment ?? "",
            ]
        }
    }

    /// The form's values for an existing plan, so a revision starts from what is there.
    static func values(_ c: JointPlanContent, metrics: [String: Metric], currency: Currency) -> [String: String] {
        [
            "why": c.why, "first_fiscal_year": "\(c.firstFiscalYear)", "horizon_years": "\(c.horizonYears)",
            "segment": c.opportunity.segment,
            "size": FixedPoint.format(c.opportunity.size, decimals: currency.decimals, grouping: false),
            "share": FixedPoint.format(
                Figures.roundedOrZero(c.opportunity.intendedShare * 10_000), decimals: 2, grouping: false, trimZeros: true),
            "cadence": c.cadence.rawValue,
            "responsibilities": c.responsibilities.map { "\($0.side.rawValue); \($0.description); \($0.owner)" }.joined(separator: "\n"),
            "participants": c.participants.map { "\($0.name); \($0.side.rawValue); \($0.role)" }.joined(separator: "\n"),
            "objectives": c.objectives.map { o in
                "\(o.metricKey); \(o.ownerSide.rawValue); \(metrics[o.metricKey]?.plainText(o.target, currency: currency) ?? "\(o.target)"); \(o.description)"
            }.joined(separator: "\n"),
            "milestones": c.milestones.map { "\($0.due.iso); \($0.title)" }.joined(separator: "\n"),
        ]
    }

    struct FieldError: Error {
        let field: String
        let message: String
    }

    /// Reads the form, line by line; the first bad entry names its field and line. Keeps objective ids on revision.
    static func content(_ form: FormIn, metrics: [String: Metric], currency: Currency, keeping old: JointPlanContent?) throws
        -> JointPlanContent
    {
        func lines(_ text: String?) -> [[String]] {
            FormLines.entries(text).map {
                $0.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            }
        }
        func side(_ text: String, _ field: String, _ line: Int) throws -> Side {
            guard let side = Side(rawValue: text.lowercased()) else {
                throw FieldError(field: field, message: "Line \(line): the side is vendor or partner, not '\(text)'.")
            }
            return side
        }
        let size: Int64
        do { size = try FigureLimits.parse(form.size ?? "", unit: .currency, currency: currency) } catch {
            throw FieldError(field: "size", message: "The size \(error).")
        }
        guard let share = Double((form.share ?? "").replacingOccurrences(of: "%", with: "").trimmingCharacters(in: .whitespaces)),
            (0...100).contains(share)
        else {
            throw FieldError(field: "share", message: "The share is a percentage from 0 to 100.")
        }
        var responsibilities: [JointPlanContent.Responsibility] = []
        for (n, parts) in lines(form.responsibilities).enumerated() {
            guard parts.count == 3 else {
                throw FieldError(field: "responsibilities", message: "Line \(n + 1) is not 'side; responsibility; owner'.")
            }
            responsibilities.append(.init(side: try side(parts[0], "responsibilities", n + 1), description: parts[1], owner: parts[2]))
        }
        var participants: [JointPlanContent.Participant] = []
        for (n, parts) in lines(form.participants).enumerated() {
            guard parts.count == 3 else { throw FieldError(field: "participants", message: "Line \(n + 1) is not 'name; side; role'.") }
            participants.append(.init(name: parts[0], side: try side(parts[1], "participants", n + 1), role: parts[2]))
        }
        var objectives: [JointPlanContent.Objective] = []
        for (n, parts) in lines(form.objectives).enumerated() {
            guard parts.count >= 3 else {
                throw FieldError(field: "objectives", message: "Line \(n + 1) is not 'metric; side; target; description'.")
            }
            guard let metric = metrics[parts[0]] else {
                throw FieldError(field: "objectives", message: "Line \(n + 1): unknown metric '\(parts[0])'.")
            }
            let target: Int64
            do { target = try FigureLimits.parse(parts[2], unit: metric.unit, currency: currency) } catch {
                throw FieldError(field: "objectives", message: "Line \(n + 1): the target \(error).")
            }
            let ownerSide = try side(parts[1], "objectives", n + 1)
            let id = old?.objectives.first { $0.metricKey == metric.key && $0.ownerSide == ownerSide }?.id ?? UUID()
            objectives.append(
                .init(
                    id: id, metricKey: metric.key, ownerSide: ownerSide, target: target,
                    description: parts.count > 3 ? parts[3...].joined(separator: "; ") : ""))
        }
        var milestones: [JointPlanContent.Milestone] = []
        for (n, parts) in lines(form.milestones).enumerated() {
            guard parts.count >= 2, let due = Day(iso: parts[0]), AcceptedDays.contains(due) else {
                throw FieldError(
                    field: "milestones", message: "Line \(n + 1) is not 'due YYYY-MM-DD; milestone' with a date in \(AcceptedDays.label).")
            }
            let title = parts[1...].joined(separator: "; ")
            let kept = old?.milestones.first { $0.title == title }
            milestones.append(.init(id: kept?.id ?? UUID(), title: title, due: due, status: kept?.status ?? .planned))
        }
        return JointPlanContent(
            why: form.why ?? "", firstFiscalYear: Int(form.first_fiscal_year ?? "") ?? 0, horizonYears: Int(form.horizon_years ?? "") ?? 0,
            opportunity: .init(segment: form.segment ?? "", size: size, intendedShare: share / 100), responsibilities: responsibilities,
            participants: participants, cadence: ReviewCadence(rawValue: form.cadence ?? "") ?? .quarterly, objectives: objectives,
            milestones: milestones)
    }

    static func problemField(_ problem: JointPlanContent.Problem) -> String {
        switch problem {
        case .whyRequired: "why"
        case .horizon, .fiscalYear: "form"
        case .share: "share"
        case .segmentRequired: "segment"
        case .responsibilitiesOfBothSides, .ownerRequired: "responsibilities"
        case .objectiveTarget: "objectives"
        }
    }

    static func model(_ req: Request, partner: Partner, planID: UUID?, values: [String: String], errors: [String: String]) async throws
        -> PlanFormPage.Model
    {
        let program = try await req.store.program(partner.programID)
        let fy = partner.calendar.fiscalYear(containing: req.clock.today)
        return PlanFormPage.Model(
            chrome: try await PageChromes.make(req), partnerID: partner.id, partnerName: partner.name, planID: planID,
            fiscalYears: [fy, fy + 1],
            metrics: try await req.store.metrics(of: program.id).map { ($0.key, $0.name) }, values: values, errors: errors)
    }

    @Sendable static func newForm(req: Request) async throws -> Response {
        let partnerID = try req.id("partnerID")
        try await req.requireChange(partnerID: partnerID)
        let partner = try await req.store.partner(partnerID)
        let fy = partner.calendar.fiscalYear(containing: req.clock.today)
        return HTMLResponse.page(
            PlanFormPage.render(
                try await model(
                    req, partner: partner, planID: nil, values: ["first_fiscal_year": "\(fy)", "horizon_years": "3"], errors: [:])))
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let partner = try await req.store.partner(try req.id("partnerID"))
        return try await save(req, partner: partner, plan: nil)
    }

    @Sendable static func editForm(req: Request) async throws -> Response {
        let plan = try await PlansAPI.visiblePlan(req)
        try await req.requireChange(partnerID: plan.partnerID)
        let partner = try await req.store.partner(plan.partnerID)
        let program = try await req.store.program(partner.programID)
        let metrics = Dictionary(uniqueKeysWithValues: try await req.store.metrics(of: program.id).map { ($0.key, $0) })
        return HTMLResponse.page(
            PlanFormPage.render(
                try await model(
                    req, partner: partner, planID: plan.id,
                    values: values(plan.current.content, metrics: metrics, currency: program.currency), errors: [:])))
    }

    /// Creates a plan or adds a revision; a refused form comes back with the reason beside its field, as typed.
    static func save(_ req: Request, partner: Partner, plan existing: JointPlan?) async throws -> Response {
        let form = try req.form(FormIn.self)
        let program = try await req.store.program(partner.programID)
        let metrics = Dictionary(uniqueKeysWithValues: try await req.store.metrics(of: program.id).map { ($0.key, $0) })
        let actor = try req.actor()
        let now = req.clock.now()
        do {
            let content = try content(form, metrics: metrics, currency: program.currency, keeping: existing?.current.content)
            var plan: JointPlan
            if var existing {
                try existing.revise(content, comment: form.revision_comment, by: actor, at: now)
                plan = existing
            } else {
                plan = try JointPlan.start(partnerID: partner.id, content: content, by: actor, at: now)
            }
            try await req.save(plan, action: existing == nil ? "create" : "revise", by: actor, at: now)
            return req.redirect(to: SiteURL.plan(plan.id).path)
        } catch let error as FieldError {
            return HTMLResponse.page(
                PlanFormPage.render(
                    try await model(req, partner: partner, planID: existing?.id, values: form.values, errors: [error.field: error.message])),
                status: .unprocessableEntity)
        } catch let error as JointPlan.Problem {
            let field =
                switch error {
                case .content(let problem): problemField(problem)
                case .commentTooLong, .noConversationOnDraft: "revision_comment"
                default: "form"
                }
            return HTMLResponse.page(
                PlanFormPage.render(
                    try await model(req, partner: partner, planID: existing?.id, values: form.values, errors: [field: error.description])),
                status: .unprocessableEntity)
        }
    }
}

/// Multi-line form fields hold one entry per line: blank lines are skipped, spaces trimmed.
enum FormLines {
    static func entries(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
