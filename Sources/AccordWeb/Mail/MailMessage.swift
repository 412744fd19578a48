import AccordCore
import Foundation

/// An outbox message as the relay receives it (RFC 5322 with MIME): a plain-text and an HTML part, the one-click
/// unsubscribe of RFC 8058, and a Message-ID made from the event and recipient, so a copy handed over twice (a
/// sender that stopped between the relay's answer and its own record) reads as one message to the receiver.
struct MailMessage: Sendable {
    let from: EmailAddress
    let to: EmailAddress
    let data: String

    init(_ message: OutboxMessage, from: EmailAddress, publicURL: String, date: Date) {
        self.from = from
        self.to = message.to
        let unsubscribe = publicURL + "/unsubscribe/" + message.unsubscribeToken
        let boundary = "accord-" + message.id.uuidString.lowercased()
        let domain = from.text.split(separator: "@").last.map(String.init) ?? "accord"
        let headers = [
            "From: Accord <\(from.text)>",
            "To: \(message.to.text)",
            "Subject: \(Self.encodedWord(message.subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(Self.messageID(message))@\(domain)>",
            "MIME-Version: 1.0",
            "Auto-Submitted: auto-generated",
            "List-Unsubscribe: <\(unsubscribe)>",
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
        ]
        let body = [
            "--\(boundary)",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            Self.base64Lines(message.text),
            "--\(boundary)",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            Self.base64Lines(message.html),
            "--\(boundary)--",
        ]
        data = (headers + [""] + body).joined(separator: "\r\n") + "\r\n"
    }

    /// A header value in RFC 2047's encoded words when it is not plain ASCII.
    static func encodedWord(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if flat.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) && flat.utf8.count <= 900 { return flat }
        // Words of at most 45 bytes (60 base64 characters) keep every header line under 78 characters.
        var words: [String] = []
        var chunk = ""
        for character in flat {
            if chunk.utf8.count + String(character).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?utf-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }

    static func base64Lines(_ text: String) -> String {
        Data(text.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }

    static func messageID(_ message: OutboxMessage) -> String {
        let key = message.eventKey + "/" + message.userID.uuidString.lowercased()
        return key.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? String($0) : "." }.joined()
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
