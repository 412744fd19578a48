import Foundation

/// Exact decimal text ⇄ integer minor units, so no amount ever passes through `Double` (ARCHITECTURE: money).
public enum FixedPoint {
    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case notANumber(String)
        case tooManyDecimals(String, allowed: Int)
        case outOfRange(String)

        public var description: String {
            switch self {
            case .empty: "is empty"
            case .notANumber(let text): "'\(text)' is not a number"
            case .tooManyDecimals(let text, let allowed):
                "'\(text)' has more than \(allowed) decimal place\(allowed == 1 ? "" : "s")"
            case .outOfRange(let text): "'\(text)' is out of range"
            }
        }
    }

    /// Parses `-1234.5`, `1234`, `+0.25` into minor units with `decimals` places. No thousands separators.
    public static func parse(_ raw: some StringProtocol, decimals: Int) throws(ParseError) -> Int64 {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw .empty }
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" || digits.first == "+" {
            negative = digits.first == "-"
            digits = digits.dropFirst()
        }
        let pieces = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count <= 2, let whole = pieces.first, !whole.isEmpty || pieces.count == 2,
            whole.allSatisfy(\.isASCIIDigit)
        else { throw .notANumber(text) }
        let fraction = pieces.count == 2 ? pieces[1] : ""
        guard fraction.allSatisfy(\.isASCIIDigit), !(whole.isEmpty && fraction.isEmpty) else {
            throw .notANumber(text)
        }
        guard fraction.count <= decimals else { throw .tooManyDecimals(text, allowed: decimals) }
        guard whole.count <= 15 else { throw .outOfRange(text) }
        var value: Int64 = 0
        for ch in whole + fraction + String(repeating: "0", count: decimals - fraction.count) {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(ch.asciiValue! - 48))
            guard !o1, !o2 else { throw .outOfRange(text) }
            value = a
        }
        return negative ? -value : value
    }

    /// Formats minor units with `decimals` places and thousands separators: `1,234.50`.
    public static func format(_ value: Int64, decimals: Int, grouping: Bool = true, trimZeros: Bool = false) -> String {
        let negative = value < 0
        let magnitude = value.magnitude
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let whole = String(magnitude / scale)
        var fraction = decimals > 0 ? String(magnitude % scale) : ""
        if decimals > 0 { fraction = String(repeating: "0", count: decimals - fraction.count) + fraction }
        if trimZeros { while fraction.hasSuffix("0") { fraction.removeLast() } }
        var grouped = ""
        if grouping {
            for (i, ch) in whole.enumerated() {
                if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(",") }
                grouped.append(ch)
            }
        } else {
            grouped = whole
        }
        return (negative ? "-" : "") + grouped + (fraction.isEmpty ? "" : "." + fraction)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
