import AccordCore
import Foundation

/// Display helpers shared by pages.
public enum Format {
    public static func percent(_ ratio: Double?, decimals: Int = 0) -> String {
        guard let ratio, ratio.isFinite else { return "—" }
        return String(format: "%.\(decimals)f %%", ratio * 100)
    }

    /// A change as people read it: "+12 %", "−4 %", "0 %".
    public static func signedPercent(_ ratio: Double) -> String {
        guard ratio.isFinite else { return "—" }
        let value = (ratio * 100).rounded()
        return (value > 0 ? "+" : (value < 0 ? "−" : "")) + String(format: "%.0f %%", abs(value))
    }

    /// Improvement progress reads as a share of the agreed improvement; below the baseline it says so.
    public static func improvement(_ ratio: Double?) -> String {
        guard let ratio, ratio.isFinite else { return "—" }
        return ratio < 0 ? "below baseline" : percent(ratio)
    }

    public static func statusClass(_ status: PacingStatus) -> String {
        "status-" + status.rawValue.replacingOccurrences(of: "_", with: "-")
    }

    public static func goalStatusLabel(_ status: GoalStatus) -> String { status.rawValue.capitalized }

    /// An attribute value for Plot, which writes attribute values as given: every value that is not a
    /// literal goes through here, so typed text can never close the attribute.
    public static func attribute(_ value: String) -> String { escape(value) }

    /// Escapes text for SVG and other hand-built markup.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    public static func number(_ value: Double, decimals: Int = 0) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = decimals
        formatter.minimumFractionDigits = 0
        formatter.locale = Locale(identifier: "en_US")
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }
}
