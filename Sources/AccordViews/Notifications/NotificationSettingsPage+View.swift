import AccordCore
import Foundation
import Plot

extension NotificationSettingsPage {
    public static func render(_ model: Model) -> String {
        PageLayout.render(title: "E-mail notifications", section: .none, chrome: model.chrome) {
            BodyNode.h1("E-mail notifications")
            BodyNode.unwrap(model.notice) { .div(.class("notice success"), .attribute(named: "role", value: "status"), .text($0)) }
            BodyNode.p(
                .class("subtitle"),
                .text(
                    model.email.map { "Messages go to \($0). Choose which ones you get." }
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
                                        .input(
                                            .type(.radio), .name(choice.kind.rawValue), .value(delivery.rawValue),
                                            .attribute(named: "aria-label", value: "\(choice.kind.label): \(delivery.label)"),
                                            .attribute(named: "checked", value: delivery == choice.delivery ? "checked" : nil)))
                                })
                        })),
                .button(.type(.submit), .class("button"), "Save")
            )
        }
    }
}
