import AccordCore
import Foundation
import Plot

/// Program levels and the year-end recommendations an admin applies or dismisses (DOMAIN §12).
public enum TiersPage {
    public struct Level: Sendable {
        public let name: String
        public let trailingRevenue: String
        public let certifiedEngineers: Int
        public let baseMargin: String
        public let mdfShare: String
        public let partners: Int

        public init(name: String, trailingRevenue: String, certifiedEngineers: Int, baseMargin: String, mdfShare: String, partners: Int) {
            self.name = name
            self.trailingRevenue = trailingRevenue
            self.certifiedEngineers = certifiedEngineers
            self.baseMargin = baseMargin
            self.mdfShare = mdfShare
            self.partners = partners
        }
    }

    public struct Line: Sendable {
        public let recommendation: TierRecommendation
        public let partnerName: String

        public init(recommendation: TierRecommendation, partnerName: String) {
            self.recommendation = recommendation
            self.partnerName = partnerName
        }
    }

    public struct Model: Sendable {
        public let chrome: PageChrome
        public let levels: [Level]
        public let graceYears: Int
        public let lines: [Line]
        public let mayDecide: Bool
        public let latestYearEnd: Day

        public init(chrome: PageChrome, levels: [Level], graceYears: Int, lines: [Line], mayDecide: Bool, latestYearEnd: Day) {
            self.chrome = chrome
            self.levels = levels
            self.graceYears = graceYears
            self.lines = lines
            self.mayDecide = mayDecide
            self.latestYearEnd = latestYearEnd
        }
    }

    public static func render(_ model: Model) -> String {
        let open = model.lines.filter { $0.recommendation.status == .open }
        let grace = model.lines.filter { $0.recommendation.kind == .grace }
        let decided = model.lines.filter { $0.recommendation.status == .applied || $0.recommendation.status == .dismissed }
        return PageLayout.render(title: "Levels", section: .insight, chrome: model.chrome) {
            InsightTabs.node(.tiers)
            BodyNode.h1("Program levels")
            BodyNode.p(
                .class("subtitle"),
                .text(
                    "Requirements to hold a level are separate from goals. At each fiscal year end Accord recommends promotions, and demotions "
                        + "after a grace period of \(model.graceYears) year end\(model.graceYears == 1 ? "" : "s"); nothing changes until an admin applies it."
                ))
            BodyNode.div(
                .class("table-wrap"),
                .table(
                    .tr(
                        .th("Level"), .th(.class("num"), "Trailing 12-month revenue"), .th(.class("num"), "Certified engineers"),
                        .th(.class("num"), "Base margin"), .th(.class("num"), "MDF share"), .th(.class("num"), "Partners")),
                    .forEach(model.levels) { l in
                        .tr(
                            .td(.strong(.text(l.name))), .td(.class("num"), .text(l.trailingRevenue)),
                            .td(.class("num"), .text("\(l.certifiedEngineers)")),
                            .td(.class("num"), .text(l.baseMargin + " %")), .td(.class("num"), .text(l.mdfShare + " %")),
                            .td(.class("num"), .text("\(l.partners)")))
                    }))
            BodyNode.div(
                .class("section-head"), .h2(.text("Recommendations to decide (\(open.count))")),
                .if(
                    model.mayDecide,
                    .form(
                        .method(.post), .action(SiteURL.tierReview.path),
                        .input(.type(.hidden), .name("_csrf"), .value(Format.attribute(model.chrome.csrf ?? ""))),
                        .button(
                            .type(.submit), .class("button secondary"),
                            .text("Review the year ended \(model.latestYearEnd.advanced(by: -1).iso)")))))
            BodyNode.if(
                open.isEmpty, .div(.class("empty"), "No open recommendations."),
                else: table(open, model: model, actions: true))
            BodyNode.h2(.text("In grace (\(grace.count))"))
            BodyNode.if(
                grace.isEmpty, .p(.class("muted"), "No partner is below its level."), else: table(grace, model: model, actions: false))
            BodyNode.h2(.text("Decided (\(decided.count))"))
            BodyNode.if(decided.isEmpty, .p(.class("muted"), "Nothing decided yet."), else: table(decided, model: model, actions: false))
        }
    }

    static func table(_ lines: [Line], model: Model, actions: Bool) -> Node<HTML.BodyContext> {
        .div(
            .class("table-wrap"),
            .table(
                .tr(
                    .th("Partner"), .th("Year end"), .th("Recommendation"), .th("Why"),
                    .th(actions && model.mayDecide ? "Decision" : "Status")),
                .forEach(lines) { line in
                    let r = line.recommendation
                    return .tr(
                        .td(.a(.href(SiteURL.partner(r.partnerID).path), .text(line.partnerName))),
                        .td(.text(r.asOf.advanced(by: -1).iso)),
                        .td(.span(.class("badge tier-\(r.kind.rawValue)"), .text(label(r)))),
                        .td(.class("reason"), .text(r.reason)),
                        .td(
                            .if(
                                actions && model.mayDecide,
                                .div(
                                    .class("action-row"),
                                    decision(r, "apply", "Apply", model: model, style: "button"),
                                    decision(r, "dismiss", "Dismiss", model: model, style: "button secondary")),
                                else: .text(r.status.rawValue.capitalized + (r.decidedBy.map { " by \($0)" } ?? "")))))
                }))
    }

    public static func label(_ r: TierRecommendation) -> String {
        switch r.kind {
        case .promote: "Promote \(r.fromTier) → \(r.toTier)"
        case .demote: "Demote \(r.fromTier) → \(r.toTier)"
        case .grace: "Below \(r.fromTier), in grace"
        }
    }

    static func decision(_ r: TierRecommendation, _ action: String, _ text: String, model: Model, style: String) -> Node<HTML.BodyContext> {
        .form(
            .method(.post), .action(SiteURL.tierDecision(r.id, action).path),
            .input(.type(.hidden), .name("_csrf"), .value(Format.attribute(model.chrome.csrf ?? ""))),
            .button(.type(.submit), .class(style), .text(text)))
    }
}
