import AccordCore
import Foundation
import Plot

extension NotificationSettingsPage {
    public static func render(_ model: Model) -> String {
        PageLayout.render(title: "E-mail notifications", section: .none, chrome: model.chrome) {
            BodyNode.h1("E-mail notifications")
            BodyNode.unwrap(model.notice) { .div(.class("notice success"), .attribute(named: "role", value: "status"), .text($0)) }
            BodyNode.unwrap(model.error) { .div(.class("notice error"), .attribute(named: "role", value: "alert"), .text($0)) }
            BodyNode.p(
                .class("subtitle"),
                .text(
                    model.email.map { "Messages go to \($0). Choose which ones you get, and when." }
                        ?? "No e-mail address is recorded for you, so Accord sends you nothing: ask a program admin to add one."))
            BodyNode.form(
                .class("card"), .method(.post), .action(SiteURL.notificationSettings.path),
                .input(.type(.hidden), .name("_csrf"), .value(Format.attribute(model.chrome.csrf ?? ""))),
                .div(
                    .class("table-wrap"),
                    .table(
                        .tr(.th("Message"), .forEach(NoticeDelivery.allCases) { .th(.text($0.label)) }),
                        .forEach(model.choices) { choice in
                            .tr(
                                .th(.attribute(named: "scope", value: "row"), .text(choice.kind.label)),
                                .forEach(NoticeDelivery.allCases) { delivery in
                                    .td(
                                        .if(
                                            choice.kind.choices.contains(delivery),
                                            .input(
                                                .type(.radio), .name(choice.kind.rawValue), .value(delivery.rawValue),
                                                .attribute(
                                                    named: "aria-label", value: "\(choice.kind.label): \(choice.kind.label(of: delivery))"),
                                                .attribute(named: "checked", value: delivery == choice.delivery ? "checked" : nil)),
                                            else: .span(.class("muted"), .attribute(named: "aria-hidden", value: "true"), "—")))
                                })
                        })),
                .p(
                    .class("muted"),
                    .text(
                        "Messages set to “In the weekly digest” are listed in your next digest instead of arriving one by one; "
                            + "while the digest itself is off, they arrive at once.")),
                .button(.type(.submit), .class("button"), "Save")
            )
            BodyNode.unwrap(model.digestDay) { digestSection($0, model: model) }
        }
    }

    static func digestSection(_ day: Weekday, model: Model) -> Node<HTML.BodyContext> {
        let what =
            "Each \(day.name) the digest tells partner admins where their goals stand and what making them earns, "
            + "and channel managers which partners are behind or at risk; both read what waits for them."
        let form: Node<HTML.BodyContext> = .form(
            .method(.post), .action(SiteURL.digestDay.path),
            .input(.type(.hidden), .name("_csrf"), .value(Format.attribute(model.chrome.csrf ?? ""))),
            Form.select(
                "day", label: "The program's digest day", selected: String(day.rawValue),
                options: Weekday.allCases.map { (String($0.rawValue), $0.name) }),
            .button(.type(.submit), .class("button secondary"), "Change the day"))
        return .section(.class("card"), .h2("The weekly digest"), .p(.text(what)), .if(model.mayChangeDigestDay, form))
    }
}
