import Foundation
import Plot

extension SeasonalityPage {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    public static func render(_ model: Model) -> String {
        PageLayout.render(title: "Seasonality", section: .insight, chrome: model.chrome) {
            InsightTabs.node(.seasonality)
            BodyNode.h1("Seasonality")
            BodyNode.p(
                .class("subtitle"),
                .text(
                    "Twelve monthly weights shape what “on pace” means: expected-to-date, the status of each goal, the forecast, the "
                        + "interim targets of joint plans and the goal charts' expected line. Weights belong to calendar months, so a "
                        + "partner whose year starts in July has July–September as its first quarter, weighted by those months. "
                        + "A region's profile paces the goals of the partners in that region; a solution's profile shapes that "
                        + "solution's planning expectation (internal). Everything else follows the program's profile."))
            BodyNode.unwrap(model.notice) { .div(.class("notice"), .attribute(named: "role", value: "status"), .text($0)) }
            BodyNode.forEach(model.profiles) { profile in card(profile, model: model) }
            BodyNode.if(model.mayEdit, addCard(model))
        }
    }

    static func title(_ profile: Profile) -> String {
        switch profile.kind {
        case .program: "Program default"
        case .region: "Region: \(profile.name)"
        case .solution: "Solution: \(profile.name)"
        }
    }

    static func card(_ profile: Profile, model: Model) -> BodyNode {
        let flat = profile.weights.allSatisfy { $0.isEmpty }
        return .div(
            .class("card seasonality"),
            .div(
                .class("section-head"), .h2(.text(title(profile))),
                .span(
                    .class("muted"),
                    .text(
                        (flat ? "Flat by days" : "Seasonal")
                            + (profile.partners.map { " · paces the goals of \($0) partner\($0 == 1 ? "" : "s")" } ?? "")))),
            .unwrap(profile.shares) { shares in
                .raw(
                    BarChart(
                        title: "\(title(profile)): each month's share of the year, %",
                        bars: zip(months, shares).map { ($0, Int(($1 * 100).rounded()), "seasonal") }
                    ).svg())
            },
            .if(
                model.mayEdit,
                .form(
                    .method(.post), .action(SiteURL.seasonality.path),
                    .input(.type(.hidden), .name("_csrf"), .value(Format.attribute(model.chrome.csrf ?? ""))),
                    .input(.type(.hidden), .name("kind"), .value(profile.kind.rawValue)),
                    .input(.type(.hidden), .name("name"), .value(Format.attribute(profile.name))),
                    weightFields(profile, prefix: "\(profile.kind.rawValue)-\(profile.name)"),
                    .unwrap(profile.error) { .p(.class("field-error"), .attribute(named: "role", value: "alert"), .text($0)) },
                    .if(
                        profile.kind == .program,
                        .p(.class("hint"), "Leave every month empty for flat by days (every day weighs the same).")),
                    .div(
                        .class("action-row"),
                        .button(.type(.submit), .name("action"), .value("save"), .class("button"), "Save"),
                        .if(
                            profile.kind != .program,
                            .button(.type(.submit), .name("action"), .value("remove"), .class("button secondary"), "Remove"))))))
    }

    /// Twelve labelled number fields, one per month.
    static func weightFields(_ profile: Profile, prefix: String) -> Node<HTML.FormContext> {
        let id = prefix.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? String($0) : "-" }.joined()
        return .div(
            .class("month-weights" + (profile.error == nil ? "" : " has-error")),
            .forEach(Array(months.enumerated())) { index, month in
                .div(
                    .class("field"),
                    .label(.for("\(id)-m\(index + 1)"), .text(month)),
                    .input(
                        .type(.number), .name("m\(index + 1)"), .id("\(id)-m\(index + 1)"),
                        .value(Format.attribute(index < profile.weights.count ? profile.weights[index] : "")),
                        .attribute(named: "step", value: "any"), .attribute(named: "min", value: "0"),
                        .attribute(named: "inputmode", value: "decimal"),
                        .attribute(named: "aria-invalid", value: profile.error == nil ? nil : "true")))
            })
    }

    static func addCard(_ model: Model) -> BodyNode {
        .div(
            .class("card seasonality"),
            .h2("Add a regional or solution profile"),
            .form(
                .method(.post), .action(SiteURL.seasonality.path),
                .input(.type(.hidden), .name("_csrf"), .value(Format.attribute(model.chrome.csrf ?? ""))),
                .input(.type(.hidden), .name("action"), .value("save")),
                Form.select(
                    "kind", label: "Profile of", selected: model.added.kind == .solution ? "solution" : "region",
                    options: [
                        ("region", "A region (paces its partners' goals)"), ("solution", "A solution (shapes its planning expectation)"),
                    ]),
                .div(
                    .class("field"),
                    .label(.for("profile-name"), "Region or solution, as partners and sales lines name it"),
                    .input(
                        .type(.text), .name("name"), .id("profile-name"), .value(Format.attribute(model.added.name)),
                        .attribute(named: "list", value: "known-names"), .attribute(named: "autocomplete", value: "off"))),
                .element(
                    named: "datalist",
                    nodes: [.attribute(named: "id", value: "known-names")]
                        + (model.knownRegions + model.knownSolutions).map {
                            .element(named: "option", nodes: [.attribute(named: "value", value: Format.attribute($0))])
                        }),
                weightFields(model.added, prefix: "new"),
                .unwrap(model.added.error) { .p(.class("field-error"), .attribute(named: "role", value: "alert"), .text($0)) },
                .p(.class("hint"), "Weights are relative: 1 for an ordinary month, 1.5 for a month that sells half as much again."),
                .button(.type(.submit), .class("button"), "Add the profile")))
    }
}
