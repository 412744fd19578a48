import Foundation

/// Where a user's messages go (issue 19). Checked when the user is created, so a message never waits in the outbox
/// for an address no relay would take: one `@`, a dot-separated domain, printable ASCII, no spaces, at most 254
/// characters (RFC 5321's path limit).
public struct EmailAddress: Hashable, Codable, Sendable, CustomStringConvertible {
    public let text: String

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case invalid(String)

        public var description: String {
            switch self {
            case .invalid(let text):
                "'\(text)' is not an e-mail address Accord can send to: write it as name@example.com (printable characters, no spaces)."
            }
        }
    }

    public init(_ raw: String) throws(Problem) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let shown = String(text.prefix(60))
        guard text.count <= 254, text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw .invalid(shown) }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last, !local.isEmpty, local.count <= 64,
            !local.hasPrefix("."), !local.hasSuffix("."), !local.contains(".."),
            !local.contains(where: { "()<>[]\\,;:\"".contains($0) })
        else { throw .invalid(shown) }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2,
            labels.allSatisfy({ label in
                !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            })
        else { throw .invalid(shown) }
        self.text = local + "@" + domain.lowercased()
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(raw) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public var description: String { text }
}
