import AccordCore
import Foundation
import Plot

/// A notice as an e-mail: the plain-text part and the HTML part say the same, with a link to where the answer is
/// given and one to stop this kind of message. Inline styles only: mail clients drop style sheets.
public enum NoticeMail {
    public static func text(_ notice: Notice, link: String, preferences: String, unsubscribe: String) -> String {
        var lines = ["Hello \(notice.recipient.name),", ""]
        for paragraph in notice.paragraphs { lines += [paragraph, ""] }
        lines += [
            "\(notice.linkLabel): \(link)", "", "--",
            "You receive this because you answer for this partnership on Accord.",
            "Choose which messages you get: \(preferences)",
            "Stop messages like this one: \(unsubscribe)",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    public static func html(_ notice: Notice, link: String, preferences: String, unsubscribe: String) -> String {
        let body = Node<HTML.BodyContext>.div(
            .attribute(
                named: "style",
                value:
                    "font-family: -apple-system, Segoe UI, Roboto, Arial, sans-serif; color: #1d2733; max-width: 600px; margin: 0 auto; padding: 16px;"
            ),
            .p(.attribute(named: "style", value: "color: #2f5d8a; font-weight: 700; font-size: 18px; margin: 0 0 16px;"), "◆ Accord"),
            .p(.text("Hello \(notice.recipient.name),")),
            .forEach(notice.paragraphs) { .p(.attribute(named: "style", value: "line-height: 1.5;"), .text($0)) },
            .p(
                .a(
                    .href(link),
                    .attribute(
                        named: "style",
                        value:
                            "display: inline-block; background: #2f5d8a; color: #ffffff; text-decoration: none; font-weight: 600; padding: 10px 18px; border-radius: 6px;"
                    ),
                    .text(notice.linkLabel))),
            .hr(.attribute(named: "style", value: "border: 0; border-top: 1px solid #dfe5ec; margin: 24px 0 12px;")),
            .p(
                .attribute(named: "style", value: "color: #5b6b7c; font-size: 13px; line-height: 1.5;"),
                .text("You receive this because you answer for this partnership on Accord. "),
                .a(.href(preferences), .attribute(named: "style", value: "color: #2f5d8a;"), "Choose which messages you get"),
                .text(" · "),
                .a(.href(unsubscribe), .attribute(named: "style", value: "color: #2f5d8a;"), "Stop messages like this one"))
        )
        let document = HTML(
            .head(
                .meta(.charset(.utf8)), .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title(notice.subject)),
            .body(.attribute(named: "style", value: "margin: 0; background: #f5f7fa;"), body))
        return document.render()
    }
}
