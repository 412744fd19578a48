import AccordCore
import Foundation
import Plot

/// Channel-manager scorecards (DOMAIN §13): developing partners counts as much as revenue.
public enum ChannelManagersPage {
    public struct Model: Sendable {
        public let chrome: PageChrome
        public let cards: [ChannelManagerScorecard]
        public let currency: Currency

        public init(chrome: PageChrome, cards: [ChannelManagerScorecard], currency: Currency) {
            self.chrome = chrome
            self.cards = cards
            self.currency = currency
        }
    }

    public static func render(_ model: Model) -> String {
        let money = { (v: Int64) in Money(minorUnits: v, currency: model.currency).formatted }
        return PageLayout.render(title: "Channel managers", section: .insight, chrome: model.chrome) {
            InsightTabs.node(.channelManagers)
            BodyNode.h1("Channel-manager scorecards")
            BodyNode.p(
                .class("subtitle"),
                .text(
                    "Mirrors the partners' goal categories: revenue against agreed goals, plans and goals agreed, enablement checklists "
                        + "completed, believers who became achievers this fiscal year, reviews held on time, and bench strength — developing "
                        + "partners per established partner in decline or near it."))
            BodyNode.if(
                model.cards.isEmpty, .div(.class("empty"), "No channel managers with partners yet."),
                else: .raw(
                    BarChart(
                        title:
                            "Bench: developing partners (green) and established partners in decline or near it (red), per channel manager",
                        bars: model.cards.flatMap { card in
                            let first = card.channelManager.split(separator: " ").first.map(String.init) ?? card.channelManager
                            return [(first + " dev", card.developing, "high"), (first + " risk", card.atRisk, "low")]
                        }
                    ).svg()))
            BodyNode.div(
                .class("table-wrap"),
                .table(
                    .tr(
                        .th("Channel manager"), .th(.class("num"), "Partners"), .th(.class("num"), "Revenue vs agreed goals"),
                        .th("Attainment"),
                        .th("Plan and goals agreed"), .th(.class("num"), "Checklists completed"),
                        .th(.class("num"), "Believers → achievers"),
                        .th("Reviews on time"), .th(.class("num"), "Bench strength"), .th(.class("num"), "Targets lowered this year")),
                    .forEach(model.cards) { c in
                        .tr(
                            .td(.a(.href(SiteURL.portfolio(c.channelManager).path), .text(c.channelManager))),
                            .td(.class("num"), .text("\(c.partners)")),
                            .td(.class("num"), .text("\(money(c.revenueActual)) of \(money(c.revenueAgreed))")),
                            .td(InsightTabs.shareBar(c.revenueAttainment, label: "revenue attainment of \(c.channelManager)")),
                            .td(InsightTabs.shareBar(c.planAndGoalsShare, label: "partners with an agreed plan and goals")),
                            .td(.class("num"), .text("\(c.checklistsCompleted) of \(c.checklistsTracked)")),
                            .td(.class("num"), .text("\(c.believersBecameAchievers)")),
                            .td(InsightTabs.shareBar(c.reviewsOnTimeShare, label: "reviews held on time")),
                            .td(
                                .class("num"),
                                .text(
                                    c.benchStrength.map {
                                        "\(Format.number($0, decimals: 1)) (\(c.developing) developing / \(c.atRisk) at risk)"
                                    }
                                        ?? "\(c.developing) developing / none at risk")),
                            .td(
                                .class("num"),
                                .a(
                                    .href(SiteURL.loweredTargets().path + SiteURL.queryString([("cam", c.channelManager)])),
                                    .text("\(c.loweredTargets)"))))
                    }))
        }
    }
}
