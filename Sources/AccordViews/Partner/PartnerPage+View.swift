import AccordCore
import Plot

extension PartnerPage {
    public static func render(_ model: Model) -> String {
        PageLayout.render(title: model.name, section: .partner, chrome: model.chrome) {
            BodyNode.if(model.chrome.isVendor, .p(.a(.href(SiteURL.overview.path), "← Program overview")))
            BodyNode.h1(.text(model.name))
            BodyNode.div(
                .class("meta"),
                .span(.text("Key \(model.externalKey)")),
                .span(.text(model.stage.label)),
                .span(.text(model.businessModel)),
                .span(.text(model.region)),
                .span(.text("Tier \(model.tier)")),
                .span(.text("Channel manager \(model.channelManager)"))
            )
            BodyNode.div(
                .class("cards"),
                OverviewPage.card(Format.percent(model.shareOfWallet), "share of wallet (revenue with us ÷ company revenue)"),
                OverviewPage.card(Format.percent(model.trainedShare), "engineers certified"),
                OverviewPage.card("\(model.goals.filter { $0.status.isCommitted }.count)", "goals agreed for \(model.periodLabel)")
            )
            BodyNode.if(
                !model.pending.isEmpty,
                .div(
                    .class("card pending"),
                    .h2("Waiting for your answer"),
                    .ul(
                        .forEach(model.pending) { p in
                            .li(.a(.href(SiteURL.goal(p.goalID).path), .text("\(p.metricName), \(p.periodLabel): \(p.target)")))
                        })
                )
            )
            BodyNode.div(
                .class("section-head"),
                .h2(.text("Goals for \(model.periodLabel)")),
                .if(model.mayPropose, .a(.class("button"), .href(SiteURL.newGoal(partner: model.partnerID).path), "Propose a goal"))
            )
            BodyNode.p(
                .class("subtitle"),
                .text("\(model.vendorPeriods) · "),
                .a(.href(SiteURL.partner(model.partnerID, period: model.previousPeriod).path), .text("← \(model.previousPeriod)")),
                .text(" · "),
                .a(.href(SiteURL.partner(model.partnerID, period: model.nextPeriod).path), .text("\(model.nextPeriod) →"))
            )
            BodyNode.forEach(model.issues) { .div(.class("notice"), .text($0)) }
            standing(model)
            goals(model)
            BodyNode.unwrap(model.benefits) { benefitsSection($0) }
            BodyNode.h2("Joint business plan and reviews")
            plan(model)
            BodyNode.h2("Earlier periods")
            history(model)
            BodyNode.h2(.text("Targets lowered in \(model.loweredTargetsYear) (\(model.loweredTargets.count))"))
            lowered(model)
            BodyNode.h2("Capacity over time")
            capacity(model)
        }
    }

    /// "Where do we stand": the period's active goals by pace, in one line above them.
    static func standing(_ model: Model) -> Node<HTML.BodyContext> {
        let active = model.goals.filter { $0.status == .active }
        guard !active.isEmpty else { return .empty }
        let counts = [PacingStatus.achieved, .onTrack, .atRisk, .behind].compactMap { status -> String? in
            let n = active.filter { $0.pacing.status == status }.count
            return n == 0 ? nil : "\(n) \(status.label.lowercased())"
        }
        return .p(
            .class("where-we-stand"),
            .strong(.text("Where \(model.chrome.isVendor ? "they" : "you") stand in \(model.periodLabel): ")),
            .text(
                "\(active.count) active goal\(active.count == 1 ? "" : "s")"
                    + (counts.isEmpty ? "" : " — " + counts.joined(separator: ", "))))
    }

    static func goals(_ model: Model) -> Node<HTML.BodyContext> {
        guard !model.goals.isEmpty else {
            return .div(
                .class("empty"), .text("No goals for \(model.periodLabel) yet. Goals are proposed by either side and agreed by both."))
        }
        return .forEach(model.goals) { line in
            .div(
                .class("goal"),
                .div(
                    .class("goal-head"),
                    .h3(
                        .a(.href(SiteURL.goal(line.goalID).path), .text(line.metricName)),
                        .span(.class("badge"), .text(line.ownerSide == .vendor ? "Vendor commitment" : line.category))),
                    .div(
                        .span(.class("badge"), .text(Format.goalStatusLabel(line.status))),
                        .if(
                            line.status == .active || line.status == .achieved,
                            .span(.class("badge " + Format.statusClass(line.pacing.status)), .text(line.pacing.status.label))),
                        .if(line.carriedForward, .span(.class("badge carried"), "Carried forward")),
                        .if(line.lowered, .span(.class("badge lapsed"), "Target lowered by override")),
                        .unwrap(line.awaiting) { .span(.class("badge"), .text("Awaiting \($0.rawValue)")) }
                    )
                ),
                .p(.class("behaviour"), .text(line.behaviour)),
                .unwrap(line.carryForwardNote) { .p(.class("hint carried-note"), .text($0)) },
                .if(
                    !line.rewards.isEmpty || !line.consequences.isEmpty,
                    .p(
                        .class("stakes"),
                        .if(!line.rewards.isEmpty, .span(.strong("Making it earns: "), .text(line.rewards.joined(separator: " · ")))),
                        .if(!line.rewards.isEmpty && !line.consequences.isEmpty, .text(" — ")),
                        .if(
                            !line.consequences.isEmpty,
                            .span(.strong("Missing it withdraws: "), .text(line.consequences.joined(separator: " · ")))))),
                .div(
                    .class("goal-figures"),
                    figure("Target", line.target),
                    figure("Baseline", line.baseline),
                    figure("Actual", line.actual),
                    figure("Attainment", Format.percent(line.attainment)),
                    .unwrap(line.forecast) { figure("At this pace", $0) },
                    figure("Improvement done", Format.improvement(line.improvementProgress))
                ),
                .div(
                    .class("bar-label"), .text("Attainment \(Format.percent(line.attainment))"),
                    .span(.class("muted"), " · the mark is where it should be by now")),
                ProgressBar.node(
                    attainment: line.attainment, expectedShare: line.pacing.elapsedShare, status: line.pacing.status,
                    label: "\(line.metricName): \(Format.percent(line.attainment)) of target"),
                .unwrap(line.improvementProgress) { progress in
                    .group(
                        .div(
                            .class("bar-label"),
                            .text(
                                progress < 0
                                    ? "Improvement over the baseline: none yet, the actual is below the baseline"
                                    : "Improvement over the baseline: \(Format.percent(progress)) of the agreed step")),
                        ProgressBar.node(
                            attainment: progress, expectedShare: nil, status: progress >= 1 ? .achieved : line.pacing.status,
                            label: "\(line.metricName): \(Format.improvement(progress)) of the agreed improvement")
                    )
                },
                .unwrap(line.chart) { .raw($0.svg()) }
            )
        }
    }

    /// Current benefits are the sum of the ledger (§7); the level's standing benefits come with the level (§12).
    static func benefitsSection(_ b: Model.Benefits) -> BodyNode {
        .group(
            .h2("Benefits and recognition"),
            .div(
                .class("cards"),
                OverviewPage.card(b.tier, b.tierBenefits.map { "level · \($0)" } ?? "level"),
                OverviewPage.card(b.marginUplift, "margin uplift from goals (sum of the ledger)"),
                OverviewPage.card(b.mdfBalance, "MDF from goals"),
                OverviewPage.card("\(b.badges.count)", "badges")
            ),
            .unwrap(b.openRecommendation) { .p(.class("notice"), .text($0)) },
            .if(!b.accesses.isEmpty, .p(.strong("Accesses held: "), .text(b.accesses.joined(separator: " · ")))),
            .if(
                !b.badges.isEmpty,
                .p(.class("badges"), .forEach(b.badges.prefix(12)) { .span(.class("badge achieved-badge"), .text("★ " + $0)) })),
            .if(
                b.ledger.isEmpty, .p(.class("muted"), "No grants or withdrawals yet: they are written when goals close."),
                else: .div(
                    .class("table-wrap"),
                    .table(
                        .tr(.th("Day"), .th("Ledger entry"), .th("Source goal")),
                        .forEach(b.ledger.suffix(20).reversed()) { line in
                            .tr(
                                .td(.text(line.on.iso)),
                                .td(.span(.class(line.grant ? "grant" : "withdrawal"), .text((line.grant ? "+ " : "− ") + line.text))),
                                .td(.a(.href(SiteURL.goal(line.goalID).path), "goal")))
                        })))
        )
    }

    static func plan(_ model: Model) -> BodyNode {
        let upcoming = model.reviews.filter { !$0.held && !$0.overdue }.prefix(2)
        let flagged = model.reviews.filter { $0.overdue || $0.overdueActions > 0 }
        let held = model.reviews.filter(\.held).suffix(3)
        return .div(
            .class("card"),
            .unwrap(
                model.plan,
                { plan in
                    .p(.a(.href(SiteURL.plan(plan.id).path), .text("Joint business plan \(plan.horizon)")), .text(" · " + plan.status))
                },
                else: .p(
                    .class("muted"), .text("No joint business plan yet. "),
                    .if(model.mayPropose, .a(.href(SiteURL.newPlan(partner: model.partnerID).path), "Write one")))),
            .forEach(flagged) { r in
                .div(
                    .class("notice error"), .a(.href(SiteURL.review(r.id).path), .text("Review of \(r.period)")),
                    .text(
                        r.overdue
                            ? " was due \(r.due.iso) and is not held."
                            : " has \(r.overdueActions) overdue action item\(r.overdueActions == 1 ? "" : "s")."))
            },
            .if(
                !upcoming.isEmpty,
                .p(
                    .text("Next reviews: "),
                    .group(upcoming.map { r in .a(.href(SiteURL.review(r.id).path), .text("\(r.period) (due \(r.due.iso)) ")) }))),
            .if(!held.isEmpty, .p(.text("Held: "), .group(held.map { r in .a(.href(SiteURL.review(r.id).path), .text("\(r.period) ")) })))
        )
    }

    static func lowered(_ model: Model) -> BodyNode {
        guard !model.loweredTargets.isEmpty else {
            return .p(.class("muted"), "No target was lowered: missed goals are carried forward with the same target.")
        }
        return .div(
            .class("table-wrap"),
            .table(
                .tr(.th("Goal"), .th(.class("num"), "Before"), .th(.class("num"), "After"), .th("By"), .th("When"), .th("Reason")),
                .forEach(model.loweredTargets) { row in
                    .tr(
                        .td(.a(.href(SiteURL.goal(row.goalID).path), .text(row.goal))), .td(.class("num"), .text(row.before)),
                        .td(.class("num"), .text(row.after)), .td(.text(row.by)), .td(.text(row.at)),
                        .td(.class("reason"), .text(row.reason)))
                }))
    }

    static func history(_ model: Model) -> BodyNode {
        guard !model.history.isEmpty else { return .div(.class("empty"), "No earlier goals yet.") }
        return .div(
            .class("table-wrap"),
            .table(
                .tr(.th("Period"), .th("Metric"), .th("Target"), .th("Actual"), .th("Result")),
                .forEach(model.history) { h in
                    .tr(
                        .td(.text(h.periodLabel)), .td(.a(.href(SiteURL.goal(h.goalID).path), .text(h.metricName))), .td(.text(h.target)),
                        .td(.text(h.actual)),
                        .td(
                            .span(
                                .class("badge " + (h.status == .achieved ? "status-achieved" : h.status == .missed ? "status-behind" : "")),
                                .text(Format.goalStatusLabel(h.status))),
                            .if(h.carriedForward, .span(.class("badge carried"), "carried forward"))
                        )
                    )
                }
            )
        )
    }

    static func capacity(_ model: Model) -> BodyNode {
        guard !model.capacity.isEmpty else { return .div(.class("empty"), "No capacity profile recorded yet.") }
        return .div(
            .class("table-wrap"),
            .table(
                .tr(.th("As of"), .th(.class("num"), "Share of wallet"), .th(.class("num"), "Engineers"), .th(.class("num"), "Certified")),
                .forEach(model.capacity.reversed()) { c in
                    .tr(
                        .td(.text(c.asOf.iso)), .td(.class("num"), .text(Format.percent(c.shareOfWallet, decimals: 1))),
                        .td(.class("num"), .text("\(c.engineers)")), .td(.class("num"), .text(Format.percent(c.trainedShare))))
                }
            )
        )
    }

    static func figure(_ label: String, _ value: String) -> Node<HTML.BodyContext> {
        .div(.span(.class("label"), .text(label)), .text(value))
    }
}
