import AccordCore
import Foundation
import Plot

/// The top-down plan against agreed revenue goals (DOMAIN §9). Internal: vendor staff only. The spread figure is
/// always labelled "planning expectation (internal)" and never called anything a partner would read as assigned.
public enum CoveragePage {
    public struct Group: Sendable {
        public let name: String
        public let expectation: String
        public let agreed: String
        public let coverage: Double?

        public init(name: String, expectation: String, agreed: String, coverage: Double?) {
            self.name = name
            self.expectation = expectation
            self.agreed = agreed
            self.coverage = coverage
        }
    }

    public struct Topic: Sendable {
        public let partnerID: UUID
        public let name: String
        public let channelManager: String
        public let expectation: String
        public let agreed: String
        public let gap: String
        public let echoGoals: Int

        public init(partnerID: UUID, name: String, channelManager: String, expectation: String, agreed: String, gap: String, echoGoals: Int)
        {
            self.partnerID = partnerID
            self.name = name
            self.channelManager = channelManager
            self.expectation = expectation
            self.agreed = agreed
            self.gap = gap
            self.echoGoals = echoGoals
        }
    }

    public struct Model: Sendable {
        public let chrome: PageChrome
        public let period: String
        public let periods: [String]
        public let plan: String?
        public let derivedFrom: String?
        public let agreed: String
        public let coverage: Double?
        public let echoGoals: Int
        public let byRegion: [Group]
        public let bySolution: [Group]
        public let byChannelManager: [Group]
        public let topics: [Topic]
        public let entries: [(period: String, amount: String)]
        public let mayEditPlan: Bool
        public var error: String?

        public init(
            chrome: PageChrome, period: String, periods: [String], plan: String?, derivedFrom: String?, agreed: String, coverage: Double?,
            echoGoals: Int, byRegion: [Group], bySolution: [Group], byChannelManager: [Group], topics: [Topic],
            entries: [(period: String, amount: String)], mayEditPlan: Bool, error: String? = nil
        ) {
            self.chrome = chrome
            self.period = period
            self.periods = periods
            self.plan = plan
            self.derivedFrom = derivedFrom
            self.agreed = agreed
            self.coverage = coverage
            self.echoGoals = echoGoals
            self.byRegion = byRegion
            self.bySolution = bySolution
            self.byChannelManager = byChannelManager
            self.topics = topics
            self.entries = entries
            self.mayEditPlan = mayEditPlan
            self.error = error
        }
    }

    public static func render(_ model: Model) -> String {
        PageLayout.render(title: "Coverage (internal)", section: .insight, chrome: model.chrome) {
            InsightTabs.node(.coverage)
            BodyNode.h1(.text("Coverage · \(model.period)"))
            BodyNode.p(
                .class("notice"),
                .text(
                    "Internal to the vendor. The top-down plan is spread over partners by prior-year share, solution mix, region and "
                        + "seasonality into a planning expectation (internal). It is never a partner's goal and never shown to partner users: "
                        + "goals are set with each partner from its own plan."))
            BodyNode.form(
                .class("filters"), .method(.get), .action(SiteURL.coverage().path),
                Form.select("period", label: "Vendor period", selected: model.period, options: model.periods.map { ($0, $0) }),
                .div(.class("filter-actions"), .button(.type(.submit), .class("button secondary"), "Show"))
            )
            BodyNode.div(
                .class("cards"),
                OverviewPage.card(
                    model.plan ?? "—", model.derivedFrom.map { "top-down plan (from \($0) by seasonality)" } ?? "top-down plan"),
                OverviewPage.card(model.agreed, "revenue goals agreed with partners"),
                OverviewPage.card(Format.percent(model.coverage), "coverage of the plan by agreed goals"),
                OverviewPage.card("\(model.echoGoals)", "agreed goals that echo the planning expectation (within 2 %)")
            )
            BodyNode.if(
                model.plan == nil,
                .div(.class("empty"), .text("No top-down plan for \(model.period) or its fiscal year yet.")))
            BodyNode.h2("Conversation topics")
            BodyNode.p(
                .class("hint"),
                "Partners whose planning expectation (internal) exceeds what they agreed: topics for the next planning conversation, grounded in the partner's own plan."
            )
            BodyNode.if(
                model.topics.isEmpty, .div(.class("empty"), "No partner's planning expectation exceeds its agreed goals."),
                else: .div(
                    .class("table-wrap"),
                    .table(
                        .tr(
                            .th("Partner"), .th(.class("hide-narrow"), "Channel manager"),
                            .th(.class("num"), "Planning expectation (internal)"),
                            .th(.class("num"), "Agreed goals"), .th(.class("num"), "Difference"), .th(.class("hide-narrow"), "Echo")),
                        .forEach(model.topics) { t in
                            .tr(
                                .td(.a(.href(SiteURL.partner(t.partnerID).path), .text(t.name))),
                                .td(.class("hide-narrow"), .text(t.channelManager)),
                                .td(.class("num"), .text(t.expectation)), .td(.class("num"), .text(t.agreed)),
                                .td(.class("num"), .text(t.gap)),
                                .td(.class("hide-narrow"), .if(t.echoGoals > 0, .span(.class("badge lapsed"), "looks top-down"))))
                        })))
            groups("By region", model.byRegion)
            groups("By solution", model.bySolution)
            groups("By channel manager", model.byChannelManager)
            BodyNode.h2("Top-down plan")
            BodyNode.if(
                model.entries.isEmpty, .p(.class("muted"), "No plan entered."),
                else: .div(
                    .class("table-wrap"),
                    .table(
                        .tr(.th("Vendor period"), .th(.class("num"), "Plan")),
                        .forEach(model.entries) { .tr(.td(.text($0.period)), .td(.class("num"), .text($0.amount))) })))
            BodyNode.if(
                model.mayEditPlan,
                .form(
                    .class("inline-form"), .method(.post), .action(SiteURL.setPlan.path),
                    .input(.type(.hidden), .name("_csrf"), .value(Format.attribute(model.chrome.csrf ?? ""))),
                    .h3("Set the plan for a vendor period"),
                    .unwrap(model.error) { .p(.class("notice error"), .text($0)) },
                    Form.field(
                        "period", label: "Vendor period (e.g. FY2027 or FY2027 Q1)", value: model.period, type: .text, autocomplete: "off",
                        error: nil),
                    Form.field("amount", label: "Plan amount", value: "", type: .text, autocomplete: "off", error: nil),
                    .button(.type(.submit), .class("button"), "Save plan")))
        }
    }

    static func groups(_ title: String, _ groups: [Group]) -> Node<HTML.BodyContext> {
        .group(
            .h2(.text(title)),
            .if(
                groups.isEmpty, .p(.class("muted"), "Nothing to show."),
                else: .div(
                    .class("table-wrap"),
                    .table(
                        .tr(
                            .th("Name"), .th(.class("num"), "Planning expectation (internal)"), .th(.class("num"), "Agreed goals"),
                            .th("Coverage")),
                        .forEach(groups) { g in
                            .tr(
                                .td(.text(g.name)), .td(.class("num"), .text(g.expectation)), .td(.class("num"), .text(g.agreed)),
                                .td(InsightTabs.shareBar(g.coverage, label: "coverage of \(g.name)")))
                        }))))
    }
}
