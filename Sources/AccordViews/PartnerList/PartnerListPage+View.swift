import AccordCore
import Plot

extension PartnerListPage {
    public static func render(_ model: Model) -> String {
        PageLayout.render(title: "Partners", section: .partners, chrome: model.chrome) {
            BodyNode.h1("Partners")
            BodyNode.p(.class("subtitle"), .text("\(model.total) partner\(model.total == 1 ? "" : "s") match"))
            filters(model)
            table(model)
            pagination(model)
        }
    }

    static func filters(_ model: Model) -> BodyNode {
        let q = model.query
        return .form(
            .class("filters"), .method(.get), .action(SiteURL.partners().path),
            .attribute(named: "role", value: "search"),
            Form.field("q", label: "Search name or key", value: q.search, type: .search, autocomplete: "off", error: nil),
            Form.select(
                "stage", label: "Stage", selected: q.stage,
                options: [("", "Any stage")] + LifecycleStage.allCases.map { ($0.rawValue, $0.label) }),
            Form.select("region", label: "Region", selected: q.region, options: [("", "Any region")] + model.regions.map { ($0, $0) }),
            Form.select(
                "cam", label: "Channel manager", selected: q.channelManager,
                options: [("", "Anyone")] + model.channelManagers.map { ($0, $0) }),
            Form.select("tier", label: "Tier", selected: q.tier, options: [("", "Any tier")] + model.tiers.map { ($0, $0) }),
            Form.select(
                "model", label: "Business model", selected: q.businessModel,
                options: [("", "Any model")] + BusinessModel.allCases.map { ($0.rawValue, $0.label) }),
            Form.select(
                "status", label: "Pacing", selected: q.status,
                options: [("", "Any pacing")] + [PacingStatus.onTrack, .atRisk, .behind, .achieved].map { ($0.rawValue, $0.label) } + [
                    ("none", "No active goals")
                ]),
            .div(.class("filter-actions"), .button(.type(.submit), .class("button"), "Filter"), .a(.href(SiteURL.partners().path), "Clear"))
        )
    }

    static func table(_ model: Model) -> BodyNode {
        guard !model.rows.isEmpty else {
            return .div(.class("empty"), .text("No partner matches these filters. Clear them to see every partner."))
        }
        return .div(
            .class("table-wrap"),
            .table(
                .tr(
                    .forEach(sortKeys) { key, label in
                        .th(
                            .class(["region", "cam", "tier"].contains(key) ? "hide-narrow" : ""),
                            .attribute(
                                named: "aria-sort",
                                value: model.query.sort == key ? (model.query.descending ? "descending" : "ascending") : nil),
                            .a(
                                .href(Format.attribute(SiteURL.partners(query: model.query.with(sort: key).items).path)),
                                .text(label + (model.query.sort == key ? (model.query.descending ? " ▼" : " ▲") : "")))
                        )
                    }
                ),
                .forEach(model.rows) { row in
                    .tr(
                        .td(.a(.href(SiteURL.partner(row.id).path), .text(row.name)), .span(.class("muted"), .text(" " + row.externalKey))),
                        .td(.text(row.stage.label)),
                        .td(.class("hide-narrow"), .text(row.region)),
                        .td(.class("hide-narrow"), .text(row.channelManager)),
                        .td(.class("hide-narrow"), .text(row.tier)),
                        .td(
                            .unwrap(
                                row.worstStatus, { .span(.class("badge " + Format.statusClass($0)), .text($0.label)) }, else: .text("—"))),
                        .td(.class("num"), .text("\(row.committedGoals)/\(row.goalsInPeriod)"))
                    )
                }
            )
        )
    }

    static func pagination(_ model: Model) -> BodyNode {
        guard model.pageCount > 1 else { return .empty }
        let page = model.query.page
        return .nav(
            .class("pagination"), .attribute(named: "aria-label", value: "Pages"),
            .if(
                page > 1,
                .a(
                    .href(Format.attribute(SiteURL.partners(query: model.query.with(page: page - 1).items).path)),
                    .attribute(named: "rel", value: "prev"), "← Previous")),
            .span(.text("Page \(page) of \(model.pageCount)")),
            .if(
                page < model.pageCount,
                .a(
                    .href(Format.attribute(SiteURL.partners(query: model.query.with(page: page + 1).items).path)),
                    .attribute(named: "rel", value: "next"), "Next →"))
        )
    }
}
