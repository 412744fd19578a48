import AccordCore
import Foundation

/// The relay Accord hands its messages to, from `ACCORD_SMTP_URL` (`smtp://user:pass@host:port`, STARTTLS when the
/// relay offers it; `smtps://` for TLS from the first byte). Without it, messages stay in the outbox.
struct SMTPRelay: Sendable, Equatable {
    var host: String
    var port: Int
    var username: String?
    var password: String?
    /// TLS from the first byte (`smtps://`, usually port 465); otherwise STARTTLS when offered.
    var implicitTLS: Bool
    /// A CA file to trust besides the system's (`ACCORD_SMTP_CA_FILE`), for a relay with a private certificate.
    var caFile: String?
    /// The sender of every message (`ACCORD_MAIL_FROM`).
    var from: EmailAddress

    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// The relay the environment names, nil when `ACCORD_SMTP_URL` is unset or empty; a value that cannot be read is
    /// an error naming the variable, so `accord serve` stops at start instead of losing messages later.
    static func fromEnvironment(_ environment: [String: String], publicURL: String) throws -> SMTPRelay? {
        guard let text = environment["ACCORD_SMTP_URL"], !text.isEmpty else { return nil }
        let from: EmailAddress
        if let given = environment["ACCORD_MAIL_FROM"], !given.isEmpty {
            do { from = try EmailAddress(given) } catch { throw Problem(description: "ACCORD_MAIL_FROM: \(error)") }
        } else {
            let host = URLComponents(string: publicURL)?.host ?? ""
            from = (try? EmailAddress("accord@" + host)) ?? (try! EmailAddress("accord@localhost.localdomain"))
        }
        var relay = try parse(text, from: from)
        if let ca = environment["ACCORD_SMTP_CA_FILE"], !ca.isEmpty {
            guard FileManager.default.isReadableFile(atPath: ca) else {
                throw Problem(description: "ACCORD_SMTP_CA_FILE: cannot read '\(ca)'")
            }
            relay.caFile = ca
        }
        return relay
    }

    static func parse(_ text: String, from: EmailAddress) throws -> SMTPRelay {
        let problem = { (why: String) in
            Problem(description: "ACCORD_SMTP_URL is not a relay Accord can use (\(why)); write it as smtp://user:password@host:587")
        }
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased() else { throw problem("not a URL") }
        guard scheme == "smtp" || scheme == "smtps" else { throw problem("the scheme is '\(scheme)', not smtp or smtps") }
        guard let host = url.host, !host.isEmpty else { throw problem("no host") }
        let port = url.port ?? (scheme == "smtps" ? 465 : 587)
        guard (1...65_535).contains(port) else { throw problem("port \(port) is out of range") }
        guard url.path.isEmpty || url.path == "/", url.query == nil, url.fragment == nil else { throw problem("it has a path or query") }
        let user = url.user.flatMap { $0.removingPercentEncoding ?? $0 }
        let password = url.password.flatMap { $0.removingPercentEncoding ?? $0 }
        if (user == nil) != (password == nil) { throw problem("a user needs a password, and a password a user") }
        return SMTPRelay(
            host: host, port: port, username: user, password: password, implicitTLS: scheme == "smtps", caFile: nil, from: from)
    }
}
