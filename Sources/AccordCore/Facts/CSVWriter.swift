/// CSV that Accord writes for people (exports, the program scorecard, rejects files): RFC 4180 quoting, CRLF line
/// ends, and cells that a spreadsheet would run as a formula neutralised (OWASP "CSV injection").
public enum CSVWriter {
    /// One record, with its line end.
    public static func row(_ fields: [String]) -> String {
        fields.map(cell).joined(separator: ",") + "\r\n"
    }

    /// One field: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` (so it is
    /// shown as text, not evaluated) unless it is a plain number such as `-12.50`; a cell holding a comma, quote or
    /// line break is quoted, its quotes doubled.
    public static func cell(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first), !isPlainNumber(value) {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `-12.50`, `+3`, `0.25`: digits with an optional sign and one decimal point.
    static func isPlainNumber(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }
}
