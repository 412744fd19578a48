import AccordCore
import Foundation
import Plot

/// A bar of attainment with a marker where the goal should be by now (DOMAIN §6).
/// Drawn as SVG attributes, not inline styles, so the page's CSP can forbid inline styles.
public enum ProgressBar {
    public static func node(attainment: Double?, expectedShare: Double?, status: PacingStatus, label: String) -> Node<HTML.BodyContext> {
        let fill = min(max(attainment ?? 0, 0), 1) * 100
        var svg =
            "<svg class=\"progress \(Format.statusClass(status))\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"\(Format.escape(label))\">"
        svg += "<rect class=\"progress-track\" x=\"0\" y=\"2\" width=\"100\" height=\"6\" rx=\"3\"/>"
        svg += "<rect class=\"progress-fill\" x=\"0\" y=\"2\" width=\"\(String(format: "%.2f", fill))\" height=\"6\" rx=\"3\"/>"
        if let share = expectedShare {
            let x = min(max(share, 0), 1) * 100
            svg +=
                "<rect class=\"progress-marker\" x=\"\(String(format: "%.2f", max(x - 0.4, 0)))\" y=\"0\" width=\"0.8\" height=\"10\"><title>Expected by today</title></rect>"
        }
        return .raw(svg + "</svg>")
    }
}
