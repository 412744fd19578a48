import AccordCore
import Plot

extension OverviewPage {
    public static func render(_ model: Model) -> String {
        PageLayout.render(title: "Program overview", section: .overview, chrome: model.chrome) {
            BodyNode.h1(.text("Program overview"))
            BodyNode.p(
                .class("subtitle"),
                .text(
                    "\(model.partnerCount) partners · as of \(model.today.iso) · goals agreed with partners, tracked against their own baselines"
                ))
            BodyNode.div(
                .class("cards"),
                card("\(model.count(.agreed) + model.count(.active))", "goals agreed or active"),
                card("\(model.count(.proposed))", "proposals awaiting an answer"),
                linkCard(
                    "\(model.waitingForViewer)", "of them wait for your answer", href: SiteURL.inbox.path),
                card("\(model.count(.declined))", "proposals declined"),
                card("\(model.count(.achieved))", "goals achieved"),
                card("\(model.count(.missed))", "goals missed (kept, carried forward)"),
                linkCard(
                    "\(model.loweredTargets)",
                    "target\(model.loweredTargets == 1 ? "" : "s") lowered in \(model.loweredTargetsYear) (by override)",
                    href: SiteURL.loweredTargets().path)
            )
            BodyNode.h2(.text("Attainment of active goals"))
            BodyNode.if(
                model.attainment.contains { $0.count > 0 },
                .raw(
                    BarChart(
                        title: "Active goals by attainment so far",
                        bars: model.attainment.enumerated().map { i, bucket in
                            (bucket.label, bucket.count, i < 2 ? "low" : (i == 2 ? "mid" : "high"))
                        }
                    ).svg()),
                else: .div(.class("empty"), "No active goals yet.")
            )
            BodyNode.h2(.text("Partners by pacing this quarter"))
            BodyNode.div(
                .class("cards"),
                .forEach(model.partnersByStatus) { status, count in
                    .a(
                        .class("card card-link"), .href(SiteURL.partners(query: [("status", status.rawValue)]).path),
                        .div(
                            .class("figure"), .span(.class("badge " + Format.statusClass(status)), .text(status.label)), .text(" \(count)")),
                        .div(.class("caption"), "partners →")
                    )
                }
            )
            BodyNode.h2(.text("Partners by lifecycle stage"))
            BodyNode.div(
                .class("cards"),
                .forEach(model.partnersByStage) { stage, count in
                    linkCard("\(count)", stage.label, href: SiteURL.partners(query: [("stage", stage.rawValue)]).path)
                }
            )
            BodyNode.h2(.text("Needs attention"))
            attention(Array(model.attentionRows.prefix(shownRows)))
            more(model.attentionCount, "needing attention", SiteURL.partners(query: [("sort", "status")]))
            BodyNode.h2(.text("All partners"))
            partnerTable(Array(model.rows.prefix(shownRows)))
            more(model.partnerCount, "", SiteURL.partners())
        }
    }

    /// A program of thousands of partners would make a page of megabytes: the overview shows the first rows and
    /// links to the partner list, which filters, sorts and pages them.
    public static let shownRows = 50

    static func more(_ total: Int, _ what: String, _ url: SiteURL) -> Node<HTML.BodyContext> {
        .if(
            total > shownRows,
            .p(
                .class("more"),
                .text("Showing \(shownRows) of \(total) partners\(what.isEmpty ? "" : " " + what). "),
                .a(.href(url.path), .text("See them all in the partner list →"))))
    }

    static func card(_ figure: String, _ caption: String) -> Node<HTML.BodyContext> {
        .div(.class("card"), .div(.class("figure"), .text(figure)), .div(.class("caption"), .text(caption)))
    }

    /// A tile that opens the list it counts.
    static func linkCard(_ figure: String, _ caption: String, href: String) -> Node<HTML.BodyContext> {
        .a(.class("card card-link"), .href(href), .div(.class("figure"), .text(figure)), .div(.class("caption"), .text(caption + " →")))
    }

    static func attention(_ rows: [Model.Row]) -> Node<HTML.BodyContext> {
        guard !rows.isEmpty else {
            return .div(
                .class("empty"), .text("Nothing needs attention: no partner is behind, no proposal has lapsed, no goal is carried forward.")
            )
        }
        return .div(
            .class("table-wrap"),
            .table(
                .tr(.th("Partner"), .th("Why"), .th(.class("hide-narrow"), "Channel manager")),
                .forEach(rows) { row in
                    .tr(
                        .td(.a(.href(SiteURL.partner(row.id).path), .text(row.name))),
                        .td(
                            .if(row.worstStatus == .behind, .span(.class("badge status-behind"), "Behind")),
                            .if(
                                row.lapsedProposals > 0,
                                .span(
                                    .class("badge lapsed"),
                                    .text("\(row.lapsedProposals) lapsed proposal\(row.lapsedProposals == 1 ? "" : "s")"))),
                            .if(row.carriedForward > 0, .span(.class("badge carried"), .text("\(row.carriedForward) carried forward"))),
                            .if(
                                row.overdueReviews > 0,
                                .span(
                                    .class("badge lapsed"),
                                    .text("\(row.overdueReviews) overdue review\(row.overdueReviews == 1 ? "" : "s")")))
                        ),
                        .td(.class("hide-narrow"), .text(row.channelManager))
                    )
                }
            )
        )
    }

    static func partnerTable(_ rows: [Model.Row]) -> Node<HTML.BodyContext> {
        guard !rows.isEmpty else {
            return .div(.class("empty"), .text("No partners yet. Add partners through the API or import them."))
        }
        return .div(
            .class("table-wrap"),
            .table(
                .tr(
                    .th("Partner"), .th("Stage"), .th(.class("hide-narrow"), "Region"), .th(.class("hide-narrow"), "Model"),
                    .th(.class("hide-narrow"), "Channel manager"), .th(.class("hide-narrow"), "Tier"), .th("Period"),
                    .th(.class("num"), "Goals"), .th("Pacing")
                ),
                .forEach(rows) { row in
                    .tr(
                        .td(.a(.href(SiteURL.partner(row.id).path), .text(row.name))),
                        .td(.text(row.stage.label)),
                        .td(.class("hide-narrow"), .text(row.region)),
                        .td(.class("hide-narrow"), .text(row.businessModel)),
                        .td(.class("hide-narrow"), .text(row.channelManager)),
                        .td(.class("hide-narrow"), .text(row.tier)),
                        .td(.text(row.periodLabel)),
                        .td(.class("num"), .text("\(row.committedGoals)/\(row.goalsInPeriod)")),
                        .td(
                            .unwrap(
                                row.worstStatus, { .span(.class("badge " + Format.statusClass($0)), .text($0.label)) }, else: .text("—")))
                    )
                }
            )
        )
    }
}
