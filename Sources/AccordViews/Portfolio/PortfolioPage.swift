import AccordCore
import Plot

/// A channel manager's partners and their status at a glance.
public enum PortfolioPage {
    public struct Model: Sendable {
        public let chrome: PageChrome
        public let channelManager: String
        public let channelManagers: [String]
        public let rows: [OverviewPage.Model.Row]

        public init(chrome: PageChrome, channelManager: String, channelManagers: [String], rows: [OverviewPage.Model.Row]) {
            self.chrome = chrome
            self.channelManager = channelManager
            self.channelManagers = channelManagers
            self.rows = rows
        }
    }

    public static func render(_ model: Model) -> String {
        PageLayout.render(title: "Portfolio of \(model.channelManager)", section: .portfolio, chrome: model.chrome) {
            BodyNode.h1(.text("Portfolio of \(model.channelManager)"))
            BodyNode.form(
                .class("filters"), .method(.get), .action(SiteURL.portfolio().path),
                Form.select(
                    "cam", label: "Channel manager", selected: model.channelManager, options: model.channelManagers.map { ($0, $0) }),
                .div(.class("filter-actions"), .button(.type(.submit), .class("button secondary"), "Show"))
            )
            BodyNode.div(
                .class("cards"),
                OverviewPage.card("\(model.rows.count)", "partners"),
                OverviewPage.card(
                    "\(model.rows.filter { $0.worstStatus == .onTrack || $0.worstStatus == .achieved }.count)", "on track or achieved"),
                OverviewPage.card("\(model.rows.filter { $0.worstStatus == .atRisk }.count)", "at risk"),
                OverviewPage.card("\(model.rows.filter { $0.worstStatus == .behind }.count)", "behind"),
                OverviewPage.card("\(model.rows.reduce(0) { $0 + $1.lapsedProposals })", "proposals past the response window")
            )
            BodyNode.h2("Needs attention")
            OverviewPage.attention(model.rows.filter(\.needsAttention))
            BodyNode.h2("Partners")
            OverviewPage.partnerTable(model.rows)
        }
    }
}
