import AccordCore
import Foundation
import Plot

/// The recognition wall and the improvement leaderboard (DOMAIN §7): improvement over each partner's own
/// baseline, so a small partner can top it. Partners that opted out are not shown.
public enum RecognitionPage {
    public struct Standing: Sendable {
        public let partnerID: UUID
        public let name: String
        public let period: String
        public let improvement: Double
        /// Vendor staff only.
        public let figures: String?

        public init(partnerID: UUID, name: String, period: String, improvement: Double, figures: String?) {
            self.partnerID = partnerID
            self.name = name
            self.period = period
            self.improvement = improvement
            self.figures = figures
        }
    }

    public struct Model: Sendable {
        public let chrome: PageChrome
        public let wall: [Recognition.Achievement]
        public let leaderboard: [Standing]
        /// For partner users: their own partner's consent, and whether they may change it.
        public let consent: (partnerID: UUID, shown: Bool, mayChange: Bool)?

        public init(
            chrome: PageChrome, wall: [Recognition.Achievement], leaderboard: [Standing],
            consent: (partnerID: UUID, shown: Bool, mayChange: Bool)?
        ) {
            self.chrome = chrome
            self.wall = wall
            self.leaderboard = leaderboard
            self.consent = consent
        }
    }

    public static func render(_ model: Model) -> String {
        PageLayout.render(title: "Recognition", section: model.chrome.isVendor ? .insight : .recognition, chrome: model.chrome) {
            BodyNode.if(model.chrome.isVendor, InsightTabs.node(.recognition))
            BodyNode.h1("Recognition")
            BodyNode.unwrap(model.consent) { consent in
                .div(
                    .class("notice"),
                    .text(
                        consent.shown
                            ? "Your company appears on the wall and the leaderboard. "
                            : "Your company has opted out of the wall and the leaderboard. "),
                    .if(
                        consent.mayChange,
                        .form(
                            .class("inline"), .method(.post), .action(SiteURL.partnerRecognition(consent.partnerID).path),
                            .input(.type(.hidden), .name("_csrf"), .value(Format.attribute(model.chrome.csrf ?? ""))),
                            .input(.type(.hidden), .name("shown"), .value(consent.shown ? "false" : "true")),
                            .button(.type(.submit), .class("button secondary"), .text(consent.shown ? "Opt out" : "Opt in")))))
            }
            BodyNode.h2("Improvement leaderboard")
            BodyNode.p(
                .class("hint"),
                "Revenue in each partner's last quarter against the same quarter a year earlier: growth over its own baseline, not size.")
            BodyNode.if(
                model.leaderboard.isEmpty, .div(.class("empty"), "No partner has a baseline to improve on yet."),
                else: .div(
                    .class("table-wrap"),
                    .table(
                        .tr(
                            .th(.class("num"), "#"), .th("Partner"), .th("Quarter"), .th("Improvement"),
                            .if(model.chrome.isVendor, .th(.class("hide-narrow"), "Revenue (baseline → actual)"))),
                        .forEach(Array(model.leaderboard.prefix(15).enumerated())) { i, s in
                            .tr(
                                .td(.class("num"), .text("\(i + 1)")),
                                .td(
                                    .if(
                                        model.chrome.isVendor, .a(.href(SiteURL.partner(s.partnerID).path), .text(s.name)),
                                        else: .text(s.name))),
                                .td(.text(s.period)),
                                .td(
                                    InsightTabs.shareBar(
                                        max(s.improvement, 0), label: "improvement", figure: String(format: "%+.0f %%", s.improvement * 100)
                                    )),
                                .if(model.chrome.isVendor, .td(.class("hide-narrow"), .text(s.figures ?? ""))))
                        })))
            BodyNode.h2("Recent achievements")
            BodyNode.if(
                model.wall.isEmpty, .div(.class("empty"), "No achievements to show yet."),
                else: .div(
                    .class("wall"),
                    .forEach(model.wall) { a in
                        .div(
                            .class("card achievement"),
                            .div(.class("star"), "★"),
                            .div(.strong(.text(a.partnerName))),
                            .div(.text(a.badge)),
                            .div(.class("caption"), .text("Achieved · \(a.on.iso)")))
                    }))
        }
    }
}
