import AccordCore
import Foundation
import Plot

/// A notice as an e-mail: the plain-text part and the HTML part say the same, with a link to where the answer is
/// given and one to stop this kind of message. Inline styles only: mail clients drop style sheets.
public enum NoticeMail {
    /// The message's addresses: the site (for the digest's lines), the answer, the choices and the one-click stop.
    public struct Links: Sendable {
        public let base: String
        public let answer: String
        public let preferences: String
        public let unsubscribe: String

        public init(base: String, answer: String, preferences: String, unsubscribe: String) {
            self.base = base
            self.answer = answer
            self.preferences = preferences
            self.unsubscribe = unsubscribe
        }
    }

    static func why(_ notice: Notice) -> String {
        notice.kind == .weeklyDigest
            ? "You receive this weekly digest because you take part in this partner program on Accord."
            : "You receive this because you answer for this partnership on Accord."
    }

    static func stop(_ notice: Notice) -> String {
        notice.kind == .weeklyDigest ? "Stop the weekly digest" : "Stop messages like this one"
    }

    public static func text(_ notice: Notice, links: Links) -> String {
        var lines = ["Hello \(notice.recipient.name),", ""]
        for paragraph in notice.paragraphs { lines += [paragraph, ""] }
        for section in notice.sections {
            lines += [section.title, String(repeating: "-", count: min(60, section.title.count))]
            for line in section.lines {
                lines.append("* \(line.text)" + (line.detail.map { " — \($0)" } ?? ""))
                if let path = line.path { lines.append("  \(links.base + path)") }
            }
            lines.append("")
        }
        lines += [
            "\(notice.linkLabel): \(links.answer)", "", "--", why(notice),
            "Choose which messages you get: \(links.preferences)",
            "\(stop(notice)): \(links.unsubscribe)",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    public static func html(_ notice: Notice, links: Links) -> String {
        let linkStyle = Node<HTML.AnchorContext>.attribute(named: "style", value: "color: #2f5d8a;")
        let body = Node<HTML.BodyContext>.div(
            .attribute(
                named: "style",
                value:
                    "font-family: -apple-system, Segoe UI, Roboto, Arial, sans-serif; color: #1d2733; max-width: 600px; margin: 0 auto; padding: 16px;"
            ),
            .p(.attribute(named: "style", value: "color: #2f5d8a; font-weight: 700; font-size: 18px; margin: 0 0 16px;"), "◆ Accord"),
            .p(.text("Hello \(notice.recipient.name),")),
            .forEach(notice.paragraphs) { .p(.attribute(named: "style", value: "line-height: 1.5;"), .text($0)) },
            .forEach(notice.sections) { section in
                .div(
                    .h2(.attribute(named: "style", value: "font-size: 16px; margin: 20px 0 8px; color: #1d2733;"), .text(section.title)),
                    .ul(
                        .attribute(named: "style", value: "padding-left: 20px; margin: 0; line-height: 1.5;"),
                        .forEach(section.lines) { line in
                            .li(
                                .attribute(named: "style", value: "margin-bottom: 6px;"),
                                .unwrap(
                                    line.path, { .a(.href(links.base + $0), linkStyle, .strong(.text(line.text))) },
                                    else: .strong(.text(line.text))),
                                .unwrap(line.detail) { .div(.attribute(named: "style", value: "color: #3d4b5a;"), .text($0)) })
                        }))
            },
            .p(
                .attribute(named: "style", value: "margin-top: 20px;"),
                .a(
                    .href(links.answer),
                    .attribute(
                        named: "style",
                        value:
                            "display: inline-block; background: #2f5d8a; color: #ffffff; text-decoration: none; font-weight: 600; padding: 10px 18px; border-radius: 6px;"
                    ),
                    .text(notice.linkLabel))),
            .hr(.attribute(named: "style", value: "border: 0; border-top: 1px solid #dfe5ec; margin: 24px 0 12px;")),
            .p(
                .attribute(named: "style", value: "color: #5b6b7c; font-size: 13px; line-height: 1.5;"),
                .text(why(notice) + " "),
                .a(.href(links.preferences), linkStyle, "Choose which messages you get"),
                .text(" · "),
                .a(.href(links.unsubscribe), linkStyle, .text(stop(notice))))
        )
        let document = HTML(
            .head(
                .meta(.charset(.utf8)), .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title(notice.subject)),
            .body(.attribute(named: "style", value: "margin: 0; background: #f5f7fa;"), body))
        return document.render()
    }
}
