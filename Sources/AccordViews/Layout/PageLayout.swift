import Plot

/// The shell every page shares: header, navigation, main content, footer.
public enum PageLayout {
    public enum Section: Equatable, Sendable { case overview, partners, partner, portfolio, insight, recognition, importFacts, inbox, none }

    public static func render(
        title: String, section: Section, chrome: PageChrome, @NodeBuilderBody content: () -> [Node<HTML.BodyContext>]
    ) -> String {
        let html = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                // Plot's `.title` also copies the raw title into social meta tags; a plain escaped title is enough.
                .element(named: "title", text: title + " · Accord"),
                .link(.rel(.stylesheet), .href(SiteURL.stylesheet.path))
            ),
            .body(
                .header(
                    .class("topbar"),
                    .div(
                        .class("topbar-inner"),
                        .a(.class("brand"), .href(SiteURL.overview.path), .span(.class("brand-mark"), "◆"), .text(" Accord")),
                        .unwrap(chrome.programName) { .span(.class("program-name"), .text($0)) },
                        .nav(
                            .attribute(named: "aria-label", value: "Main"),
                            .unwrap(chrome.waiting) { count in
                                .a(
                                    .href(SiteURL.inbox.path), .class(section == .inbox ? "inbox-link active" : "inbox-link"),
                                    .attribute(
                                        named: "aria-label",
                                        value: count == 0
                                            ? "Waiting for you: nothing" : "Waiting for you: \(count) item\(count == 1 ? "" : "s")"),
                                    .text("Waiting for you"),
                                    .if(count > 0, .span(.class("count"), .text(count > 99 ? "99+" : "\(count)"))))
                            },
                            .if(chrome.isVendor, .a(.href(SiteURL.overview.path), .if(section == .overview, .class("active")), "Overview")),
                            .if(
                                chrome.isVendor, .a(.href(SiteURL.partners().path), .if(section == .partners, .class("active")), "Partners")
                            ),
                            .if(
                                chrome.isVendor,
                                .a(
                                    .href(SiteURL.portfolio().path), .if(section == .portfolio, .class("active")),
                                    .text(chrome.isChannelManager ? "My portfolio" : "Portfolios"))),
                            .if(
                                chrome.isVendor, .a(.href(SiteURL.segments().path), .if(section == .insight, .class("active")), "Insight")),
                            .unwrap(chrome.partnerID) {
                                .a(.href(SiteURL.partner($0).path), .if(section == .partner, .class("active")), "Our goals")
                            },
                            .if(
                                chrome.userName != nil,
                                .a(.href(SiteURL.recognition.path), .if(section == .recognition, .class("active")), "Recognition")),
                            .if(
                                chrome.userName != nil,
                                .a(.href(SiteURL.importFacts.path), .if(section == .importFacts, .class("active")), "Import")),
                            .unwrap(chrome.userName) { name in
                                .group(
                                    .a(
                                        .href(SiteURL.password.path), .class("user"), .text(name),
                                        .span(.class("role"), .text(" · " + (chrome.roleLabel ?? "")))),
                                    .a(
                                        .href(SiteURL.notificationSettings.path), .class("user"),
                                        .attribute(named: "aria-label", value: "E-mail notifications"), "E-mail"),
                                    .form(
                                        .class("inline"), .method(.post), .action(SiteURL.logout.path),
                                        .input(.type(.hidden), .name("_csrf"), .value(Format.attribute(chrome.csrf ?? ""))),
                                        .button(.type(.submit), .class("link-button"), "Sign out")
                                    )
                                )
                            }
                        )
                    )
                ),
                .main(.class("page"), .group(content())),
                .footer(.class("footer"), .text("Accord — goals set with partners, not assigned to them."))
            )
        )
        return html.render()
    }
}

/// Lets pages list their body nodes naturally.
@resultBuilder
public enum NodeBuilderBody {
    public static func buildBlock(_ nodes: Node<HTML.BodyContext>...) -> [Node<HTML.BodyContext>] { nodes }
}

/// The node type of page bodies.
public typealias BodyNode = Node<HTML.BodyContext>
