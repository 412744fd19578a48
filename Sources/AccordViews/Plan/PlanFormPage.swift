import AccordCore
import Foundation
import Plot

/// Writing or revising a joint business plan (DOMAIN §10). Lists are one entry per line, so it works without JavaScript.
public enum PlanFormPage {
    public struct Model: Sendable {
        public let chrome: PageChrome
        public let partnerID: UUID
        public let partnerName: String
        /// Nil for a new plan; the plan being revised otherwise.
        public let planID: UUID?
        public let fiscalYears: [Int]
        public let metrics: [(key: String, name: String)]
        public let values: [String: String]
        public let errors: [String: String]

        public init(
            chrome: PageChrome, partnerID: UUID, partnerName: String, planID: UUID?, fiscalYears: [Int],
            metrics: [(key: String, name: String)], values: [String: String], errors: [String: String]
        ) {
            self.chrome = chrome
            self.partnerID = partnerID
            self.partnerName = partnerName
            self.planID = planID
            self.fiscalYears = fiscalYears
            self.metrics = metrics
            self.values = values
            self.errors = errors
        }
    }

    public static func render(_ model: Model) -> String {
        let v = model.values
        let title = model.planID == nil ? "Write a joint business plan" : "Revise the joint business plan"
        let action = model.planID.map { SiteURL.planAction($0, "revise").path } ?? SiteURL.newPlan(partner: model.partnerID).path
        return PageLayout.render(title: title, section: .partner, chrome: model.chrome) {
            BodyNode.p(.a(.href(SiteURL.partner(model.partnerID).path), .text("← \(model.partnerName)")))
            BodyNode.h1(.text(title))
            BodyNode.p(
                .class("subtitle"),
                "Vendor drafts stay internal until shared; an agreed plan stays in force while a new revision is discussed.")
            BodyNode.form(
                .class("card step"), .method(.post), .action(Format.attribute(action)),
                .input(.type(.hidden), .name("_csrf"), .value(Format.attribute(model.chrome.csrf ?? ""))),
                .unwrap(model.errors["form"]) { .div(.class("notice error"), .attribute(named: "role", value: "alert"), .text($0)) },
                Form.textArea("why", label: "Why we are in business together", value: v["why"] ?? "", error: model.errors["why"]),
                Form.select(
                    "first_fiscal_year", label: "First fiscal year (the partner's calendar)", selected: v["first_fiscal_year"] ?? "",
                    options: model.fiscalYears.map { ("\($0)", "FY\($0)") }),
                Form.select(
                    "horizon_years", label: "Horizon", selected: v["horizon_years"] ?? "3",
                    options: (1...5).map { ("\($0)", "\($0) year\($0 == 1 ? "" : "s")") }),
                Form.field(
                    "segment", label: "Market segment", value: v["segment"] ?? "", type: .text, autocomplete: "off",
                    error: model.errors["segment"]),
                Form.field(
                    "size", label: "Segment size per year", value: v["size"] ?? "", type: .text, autocomplete: "off",
                    error: model.errors["size"]),
                Form.field(
                    "share", label: "Share we intend to capture (%)", value: v["share"] ?? "", type: .text, autocomplete: "off",
                    error: model.errors["share"]),
                Form.select(
                    "cadence", label: "Review cadence", selected: v["cadence"] ?? "quarterly",
                    options: ReviewCadence.allCases.map { ($0.rawValue, $0.rawValue.replacingOccurrences(of: "_", with: "-")) }),
                Form.textArea(
                    "responsibilities", label: "Who does what (one per line: side; responsibility; owner)",
                    value: v["responsibilities"] ?? "", error: model.errors["responsibilities"],
                    hint: "e.g. vendor; Two joint campaigns a year; Dev Patel"),
                Form.textArea(
                    "participants", label: "Participants (one per line: name; side; role)", value: v["participants"] ?? "",
                    error: model.errors["participants"]),
                Form.textArea(
                    "objectives", label: "Long-term objectives (one per line: metric; side; target at the horizon end; description)",
                    value: v["objectives"] ?? "", error: model.errors["objectives"],
                    hint: "Metrics: " + model.metrics.map(\.key).joined(separator: ", ")),
                Form.textArea(
                    "milestones", label: "Roadmap (one per line: due YYYY-MM-DD; milestone)", value: v["milestones"] ?? "",
                    error: model.errors["milestones"]),
                .if(
                    model.planID != nil,
                    Form.textArea(
                        "revision_comment", label: "Why this revision (both sides read it; not on an internal draft)",
                        value: v["revision_comment"] ?? "", error: model.errors["revision_comment"])),
                .button(.type(.submit), .class("button"), .text(model.planID == nil ? "Save the plan" : "Save the revision"))
            )
        }
    }
}
