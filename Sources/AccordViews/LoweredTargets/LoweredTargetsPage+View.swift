import Foundation
import Plot

extension LoweredTargetsPage {
    public static func render(_ model: Model) -> String {
        PageLayout.render(title: "Targets lowered this year", section: .insight, chrome: model.chrome) {
            InsightTabs.node(.loweredTargets)
            BodyNode.h1("Targets lowered this year")
            BodyNode.p(
                .class("subtitle"),
                .text(
                    "\(model.year)\(model.channelManager.map { " · partners of \($0)" } ?? ""). Accord never lowers a target by itself: "
                        + "a missed goal is carried forward with the same target. Each line here is a program admin's explicit override, "
                        + "with the reason given."))
            BodyNode.div(
                .class("section-head"),
                .h2(.text("\(model.rows.count) target\(model.rows.count == 1 ? "" : "s") lowered")),
                .a(.class("button secondary"), .href(csvPath(model)), "Download CSV"))
            BodyNode.if(
                model.rows.isEmpty, .div(.class("empty"), "No target was lowered this year."),
                else: .div(
                    .class("table-wrap"),
                    .table(
                        .tr(
                            .th("Partner"), .th("Goal"), .th(.class("num"), "Before"), .th(.class("num"), "After"), .th("By"),
                            .th("When"), .th("Reason")),
                        .forEach(model.rows) { row in
                            .tr(
                                .td(.a(.href(SiteURL.partner(row.partnerID).path), .text(row.partnerName))),
                                .td(.a(.href(SiteURL.goal(row.goalID).path), .text(row.goal))),
                                .td(.class("num"), .text(row.before)), .td(.class("num"), .text(row.after)), .td(.text(row.by)),
                                .td(.text(row.at)), .td(.class("reason"), .text(row.reason)))
                        })))
        }
    }

    static func csvPath(_ model: Model) -> String {
        SiteURL.loweredTargets(csv: true).path + SiteURL.queryString(model.channelManager.map { [("cam", $0)] } ?? [])
    }
}
