import Plot

/// The vendor's insight pages share one row of tabs.
public enum InsightTabs {
    public enum Tab: Sendable { case segments, coverage, tiers, channelManagers, recognition, loweredTargets, seasonality }

    static func node(_ current: Tab) -> Node<HTML.BodyContext> {
        let tabs: [(Tab, String, String)] = [
            (.segments, "Segments", SiteURL.segments().path), (.coverage, "Coverage (internal)", SiteURL.coverage().path),
            (.tiers, "Levels", SiteURL.tiers.path), (.channelManagers, "Channel managers", SiteURL.channelManagers.path),
            (.recognition, "Recognition", SiteURL.recognition.path),
            (.loweredTargets, "Lowered targets", SiteURL.loweredTargets().path), (.seasonality, "Seasonality", SiteURL.seasonality.path),
        ]
        return .nav(
            .class("tabs"), .attribute(named: "aria-label", value: "Insight"),
            .forEach(tabs) { tab, label, path in
                .a(.href(path), .if(tab == current, .class("active")), .text(label))
            })
    }

    /// A share as a horizontal bar with its figure, for tables (SVG: the CSP forbids inline styles).
    static func shareBar(_ ratio: Double?, label: String, figure: String? = nil, tone: String? = nil) -> Node<HTML.BodyContext> {
        guard let ratio else { return .span(.class("muted"), "—") }
        let width = min(max(ratio, 0), 1) * 100
        let cls = tone ?? (ratio >= 1 ? "high" : (ratio >= 0.8 ? "mid" : "low"))
        return .span(
            .class("share"),
            .raw(
                "<svg class=\"sharebar\" viewBox=\"0 0 100 8\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"\(Format.escape(label))\">"
                    + "<rect class=\"progress-track\" x=\"0\" y=\"0\" width=\"100\" height=\"8\" rx=\"3\"/>"
                    + "<rect class=\"bar \(cls)\" x=\"0\" y=\"0\" width=\"\(String(format: "%.2f", width))\" height=\"8\" rx=\"3\"/></svg>"),
            .text(" " + (figure ?? Format.percent(ratio))))
    }
}
