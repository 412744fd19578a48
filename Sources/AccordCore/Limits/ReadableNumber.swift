import Foundation

/// A number as people read it, for figures that are not money: "1.25", "38.4", "1000000" — never a trap, whatever
/// a stored value holds (a conversion to `Int` would stop the process past Int's end).
public enum ReadableNumber {
    /// At most `decimals` decimals, trailing zeros dropped; "—" for a value that is not a number.
    public static func text(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "—" }
        var text = String(format: "%.\(max(0, min(decimals, 6)))f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// A fraction as a percentage with one decimal at most: 0.384 → "38.4 %", signed: "+38.4 %".
    public static func percent(_ fraction: Double, signed: Bool = false) -> String {
        let text = self.text(fraction * 100, decimals: 1)
        return (signed && fraction * 100 >= 0.05 ? "+" : "") + text + " %"
    }
}
