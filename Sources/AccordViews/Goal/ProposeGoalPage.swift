import AccordCore
import Foundation
import Plot

/// Proposing a goal: first the period and metric (which show what the goal is grounded in, DOMAIN §5.1, §5.5),
/// then the target and the behaviour it motivates. Works without JavaScript.
public enum ProposeGoalPage {
    public struct Grounding: Sendable {
        public let baseline: String
        public let smallestAcceptable: String?
        public let bestAchieved: String?
        public let shareOfWallet: Double?
        public let trainedShare: Double?
        /// Realistic sizing (DOMAIN §5.5): recent growth ("+12 %") and what it compares, headroom, the suggested range.
        public var growth: String?
        public var growthCompared: String?
        public var headroom: String?
        public var suggestedRange: String?
        public var sizingExplanation = ""

        public init(baseline: String, smallestAcceptable: String?, bestAchieved: String?, shareOfWallet: Double?, trainedShare: Double?) {
            self.baseline = baseline
            self.smallestAcceptable = smallestAcceptable
            self.bestAchieved = bestAchieved
            self.shareOfWallet = shareOfWallet
            self.trainedShare = trainedShare
        }
    }

    public struct Model: Sendable {
        public let chrome: PageChrome
        public let partnerID: UUID
        public let partnerName: String
        public let periods: [(label: String, text: String)]
        public let metrics: [(key: String, text: String)]
        public let period: String
        public let metric: String
        public let grounding: Grounding?
        /// What was typed, kept when the proposal is refused.
        public let typed: [String: String]
        public let errors: [String: String]
        public let viewerSide: Side

        public init(
            chrome: PageChrome, partnerID: UUID, partnerName: String, periods: [(label: String, text: String)],
            metrics: [(key: String, text: String)], period: String, metric: String, grounding: Grounding?, typed: [String: String],
            errors: [String: String], viewerSide: Side
        ) {
            self.chrome = chrome
            self.partnerID = partnerID
            self.partnerName = partnerName
            self.periods = periods
            self.metrics = metrics
            self.period = period
            self.metric = metric
            self.grounding = grounding
            self.typed = typed
            self.errors = errors
            self.viewerSide = viewerSide
        }
    }

    public static func render(_ model: Model) -> String {
        PageLayout.render(title: "Propose a goal", section: .partner, chrome: model.chrome) {
            BodyNode.p(.a(.href(SiteURL.partner(model.partnerID).path), .text("← \(model.partnerName)")))
            BodyNode.h1("Propose a goal")
            BodyNode.p(
                .class("subtitle"),
                .text("With \(model.partnerName). A goal becomes agreed only when someone on each side accepts the same target."))
            // Period and metric belong to the one form that proposes (HTML's `form` attribute), so what is proposed is what
            // the selects say; the page also says which choice the baseline below was shown for, and a proposal whose
            // choice changed since is shown its own baseline instead of being saved.
            BodyNode.form(
                .class("card step"), .id("choose-goal"),
                .h2("1. Period and metric"),
                Form.select(
                    "period", label: "Period (the partner's calendar)", selected: model.period,
                    options: model.periods.map { ($0.label, $0.text) }, error: model.errors["period"], form: proposeFormID),
                Form.select(
                    "metric", label: "Metric", selected: model.metric, options: model.metrics.map { ($0.key, $0.text) },
                    error: model.errors["metric"], form: proposeFormID),
                .button(
                    .type(.submit), .attribute(named: "form", value: proposeFormID), .name("action"), .value("ground"),
                    .class("button secondary"), "Show the baseline")
            )
            BodyNode.unwrap(model.grounding) { g in grounding(g) }
            BodyNode.form(
                .class("card step"), .id(proposeFormID), .method(.post), .action(SiteURL.newGoal(partner: model.partnerID).path),
                .input(.type(.hidden), .name("_csrf"), .value(Format.attribute(model.chrome.csrf ?? ""))),
                .input(.type(.hidden), .name("shown_period"), .value(Format.attribute(model.period))),
                .input(.type(.hidden), .name("shown_metric"), .value(Format.attribute(model.metric))),
                .h2("2. Target and purpose"),
                .unwrap(model.errors["form"]) { .div(.class("notice error"), .attribute(named: "role", value: "alert"), .text($0)) },
                Form.field(
                    "target", label: "Target", value: model.typed["target"] ?? "", type: .text, autocomplete: "off",
                    error: model.errors["target"]),
                // Asked only after a target far outside the metric's history was refused once (§5.5).
                .if(
                    model.errors["far"] != nil,
                    .div(
                        .class("field confirm-far"),
                        .label(
                            .input(.type(.checkbox), .name("confirm_far"), .id("confirm_far"), .value("yes")),
                            .text(" Yes, this is the target I mean")))),
                .unwrap(model.grounding) { g in
                    .p(
                        .class("hint"), .id("target-range"),
                        .unwrap(
                            g.suggestedRange, { .group(.text("Suggested range: "), .span(.class("sizing-range"), .text($0)), .text(". ")) }),
                        .text(g.sizingExplanation + " A suggestion to discuss, not a limit: a bolder target is accepted."))
                },
                Form.textArea(
                    "behaviour", label: "The behaviour this goal is meant to motivate", value: model.typed["behaviour"] ?? "",
                    error: model.errors["behaviour"], hint: "Required: a goal says what it should change, not only a number."),
                Form.field(
                    "objective", label: "Plan objective it serves (optional)", value: model.typed["objective"] ?? "", type: .text,
                    autocomplete: "off", error: nil),
                Form.select(
                    "owner", label: "Whose commitment", selected: model.typed["owner"] ?? "partner",
                    options: [("partner", "The partner's goal"), ("vendor", "A vendor commitment (e.g. MDF, enablement, leads)")]),
                .div(
                    .class("action-row"),
                    .button(.type(.submit), .class("button"), .text("Propose to the \(model.viewerSide.other.rawValue)")),
                    .button(.type(.submit), .name("draft"), .value("1"), .class("button secondary"), "Save as draft")
                )
            )
        }
    }

    static let proposeFormID = "propose-goal"

    static func grounding(_ g: Grounding) -> BodyNode {
        .div(
            .class("card grounding"),
            .h2("What the goal is grounded in"),
            .div(
                .class("goal-figures"),
                PartnerPage.figure("Baseline", g.baseline),
                PartnerPage.figure("Smallest acceptable target", g.smallestAcceptable ?? "any"),
                PartnerPage.figure("Best target already achieved", g.bestAchieved ?? "none"),
                PartnerPage.figure("Share of wallet", Format.percent(g.shareOfWallet)),
                PartnerPage.figure("Engineers certified", Format.percent(g.trainedShare)),
                PartnerPage.figure("Recent growth", g.growth ?? "no earlier year to compare"),
                PartnerPage.figure("Headroom", g.headroom ?? "—"),
                PartnerPage.figure("Suggested range", g.suggestedRange ?? "— (no history yet)")
            ),
            .unwrap(g.growthCompared) { .p(.class("hint"), .text("Growth compares \($0).")) },
            .p(
                .class("hint"),
                "A goal is something not yet attained: the target must beat the baseline. Missed goals are kept and carried forward, never quietly lowered."
            )
        )
    }
}
