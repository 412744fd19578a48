import AccordCore
import Foundation
import Plot

extension InboxPage {
    public static func render(_ model: Model) -> String {
        PageLayout.render(title: "Waiting for you", section: .inbox, chrome: model.chrome) {
            BodyNode.h1("Waiting for you")
            BodyNode.p(
                .class("subtitle"),
                .text(
                    model.total == 0
                        ? "Nothing waits for you in \(model.scope)."
                        : "\(model.total) thing\(model.total == 1 ? "" : "s") in \(model.scope) wait for you, what needs action first at the top."
                ))
            BodyNode.if(
                model.total > 0,
                .div(
                    .class("cards"),
                    .forEach(model.counts.filter { $0.count > 0 }) { count in
                        OverviewPage.card(Format.number(Double(count.count)), count.label)
                    }))
            BodyNode.if(model.lines.isEmpty, .div(.class("empty"), "Nothing to answer, hold or do right now."))
            BodyNode.ol(
                .class("inbox-list"),
                .forEach(model.lines) { line in
                    .li(
                        .if(line.overdue, .class("overdue")),
                        .span(.class("kind"), .text("\(line.kind) · \(line.partnerName)")),
                        .a(.class("what"), .href(line.path), .text(line.what)),
                        .unwrap(line.due) { .span(.class("due"), .text($0)) },
                        .a(
                            .class("button secondary"), .href(line.path),
                            .attribute(named: "aria-label", value: "\(line.action): \(line.what)"),
                            .text(line.action)),
                        .unwrap(line.detail) { .span(.class("detail muted"), .text($0)) })
                })
            BodyNode.forEach(model.counts.filter { $0.count > $0.shown }) { count in
                .p(
                    .class("hint"),
                    .text(
                        "\(count.label.prefix(1).uppercased() + count.label.dropFirst()): the first \(Format.number(Double(count.shown))) of \(Format.number(Double(count.count))) are shown; answer these and the next appear."
                    ))
            }
        }
    }
}
