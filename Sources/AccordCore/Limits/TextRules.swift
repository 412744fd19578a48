import Foundation

/// What characters Accord keeps (Standards: bad input gets a clear error). Ids and keys name records in files,
/// URLs and other systems: printable characters only. Text people write (a goal's behaviour, notes, names) may
/// hold line breaks and tabs but no other control characters: a NUL or an escape sequence is never business text.
public enum TextRules {
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case controlCharacter(field: String, position: Int)
        case invisibleCharacter(field: String, position: Int)

        public var description: String {
            switch self {
            case .controlCharacter(let field, let position):
                "\(field) holds a control character (at character \(position)); only printable text is accepted"
            case .invisibleCharacter(let field, let position):
                "\(field) holds an invisible formatting character (at character \(position)); ids and keys take printable characters only"
            }
        }
    }

    /// An id or key: no control characters at all (not even tab or newline), no invisible formatting characters.
    public static func checkIdentifier(_ text: some StringProtocol, field: String) throws(Problem) {
        // Printable ASCII, by far the most common case of a file's millions of fields, needs no Unicode lookup.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return }
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            switch scalar.properties.generalCategory {
            case .control: throw .controlCharacter(field: field, position: offset + 1)
            case .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                throw .invisibleCharacter(field: field, position: offset + 1)
            default: continue
            }
        }
    }

    /// Text a person wrote: control characters other than line feed and tab are refused (a carriage return is
    /// accepted only as part of a CRLF line break, which browsers send from a text area).
    public static func checkText(_ text: some StringProtocol, field: String) throws(Problem) {
        var previousWasCR = false
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            defer { previousWasCR = scalar == "\r" }
            if previousWasCR && scalar != "\n" { throw .controlCharacter(field: field, position: offset) }
            guard scalar.properties.generalCategory == .control else { continue }
            if scalar == "\n" || scalar == "\t" || scalar == "\r" { continue }
            throw .controlCharacter(field: field, position: offset + 1)
        }
        if previousWasCR { throw .controlCharacter(field: field, position: text.unicodeScalars.count) }
    }
}
