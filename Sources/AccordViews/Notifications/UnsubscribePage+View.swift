import AccordCore
import Foundation
import Plot

extension UnsubscribePage {
    public static func render(_ model: Model) -> String {
        PageLayout.render(title: "Stop these messages", section: .none, chrome: model.chrome) {
            BodyNode.div(
                .class("narrow card"),
                .h1(model.done ? "Done" : "Stop these messages?"),
                .if(
                    model.done,
                    .p(.text("\(model.email) no longer gets “\(model.kind.label)” messages. You can turn them on again in your settings.")),
                    else: .group(
                        .p(.text("\(model.email) will no longer get “\(model.kind.label)” messages from Accord.")),
                        .form(
                            .method(.post), .action(SiteURL.unsubscribe(model.token).path),
                            .input(.type(.hidden), .name("List-Unsubscribe"), .value("One-Click")),
                            .button(.type(.submit), .class("button"), "Stop these messages")))),
                .p(.a(.href(SiteURL.notificationSettings.path), "All my notification settings"))
            )
        }
    }
}
