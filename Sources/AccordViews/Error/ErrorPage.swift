import Plot

/// The page a browser gets for a 4xx or 5xx.
public enum ErrorPage {
    public static func render(status: Int, message: String, chrome: PageChrome = .anonymous) -> String {
        PageLayout.render(title: "Error \(status)", section: .none, chrome: chrome) {
            BodyNode.h1(.text(status == 404 ? "Not found" : "Something is not right"))
            BodyNode.p(.class("subtitle"), .text("Error \(status)"))
            BodyNode.div(.class("notice"), .text(message))
            BodyNode.p(.a(.href(SiteURL.overview.path), "Back to the program overview"))
        }
    }
}
