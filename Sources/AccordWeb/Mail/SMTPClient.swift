import AccordCore
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A small SMTP client (RFC 5321) over SwiftNIO: the package mirror has no SMTP library. It greets with EHLO,
/// upgrades with STARTTLS when the relay offers it (or speaks TLS from the start for `smtps://`), authenticates with
/// AUTH PLAIN or LOGIN — never over a connection without TLS to a relay other than this machine — and hands over
/// one or more messages on one connection.
struct SMTPClient: Sendable {
    let relay: SMTPRelay
    let group: any EventLoopGroup
    var timeout: TimeAmount = .seconds(30)

    /// Why a message was not handed over: `permanent` when the relay refused it for good (a 5xx about it), so retrying
    /// cannot help; anything else waits for another try.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        let permanent: Bool
    }

    /// Hands over each message in turn; the result per message is nil when the relay took it. A failure of the
    /// connection itself ends the session: that message and the ones after it report it and wait for a retry.
    func send(_ messages: [MailMessage]) async -> [Failure?] {
        guard !messages.isEmpty else { return [] }
        var results: [Failure?] = []
        do {
            let session = try await SMTPSession.open(relay: relay, group: group, timeout: timeout)
            defer { session.close() }
            for message in messages {
                do {
                    try await session.deliver(message)
                    results.append(nil)
                } catch let failure as Failure where failure.permanent {
                    results.append(failure)
                    try await session.reset()
                }
            }
            try? await session.quit()
        } catch {
            let failure = error as? Failure ?? Failure(description: "the relay \(relay.host):\(relay.port): \(error)", permanent: false)
            while results.count < messages.count {
                results.append(Failure(description: failure.description, permanent: false))
            }
        }
        return results
    }
}

/// One SMTP conversation.
final class SMTPSession: @unchecked Sendable {
    struct Reply {
        let code: Int
        let lines: [String]
        var text: String { lines.joined(separator: " ") }
    }

    private let channel: any Channel
    private var replies: AsyncThrowingStream<Reply, any Error>.AsyncIterator
    private let relay: SMTPRelay
    private let timeout: TimeAmount
    private var secure: Bool

    private init(channel: any Channel, replies: AsyncThrowingStream<Reply, any Error>, relay: SMTPRelay, timeout: TimeAmount, secure: Bool)
    {
        self.channel = channel
        self.replies = replies.makeAsyncIterator()
        self.relay = relay
        self.timeout = timeout
        self.secure = secure
    }

    static func tlsContext(_ relay: SMTPRelay) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let ca = relay.caFile { configuration.trustRoots = .file(ca) }
        return try NIOSSLContext(configuration: configuration)
    }

    static func open(relay: SMTPRelay, group: any EventLoopGroup, timeout: TimeAmount) async throws -> SMTPSession {
        let (stream, continuation) = AsyncThrowingStream<Reply, any Error>.makeStream()
        let tls = relay.implicitTLS ? try tlsContext(relay) : nil
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: tls, serverHostname: relay.hostnameForTLS))
                    }
                    try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler(continuation: continuation))
                }
            }
            .connect(host: relay.host, port: relay.port).get()
        let session = SMTPSession(channel: channel, replies: stream, relay: relay, timeout: timeout, secure: tls != nil)
        try await session.expect(220, try await session.next(), doing: "the greeting")
        var capabilities = try await session.ehlo()
        if !session.secure, capabilities.contains(where: { $0.uppercased() == "STARTTLS" }) {
            try await session.expect(220, try await session.command("STARTTLS"), doing: "STARTTLS")
            let context = try tlsContext(relay)
            try await channel.pipeline.addHandler(
                try NIOSSLClientHandler(context: context, serverHostname: relay.hostnameForTLS), position: .first
            ).get()
            session.secure = true
            capabilities = try await session.ehlo()
        }
        if let user = relay.username, let password = relay.password {
            guard session.secure || relay.isThisMachine else {
                throw SMTPClient.Failure(
                    description: "the relay \(relay.host) offers no TLS: Accord does not send its password over a plain connection",
                    permanent: false)
            }
            try await session.authenticate(user: user, password: password, capabilities: capabilities)
        }
        return session
    }

    func deliver(_ message: MailMessage) async throws {
        try expectAboutMessage(250, try await command("MAIL FROM:<\(relay.from.text)>"), doing: "MAIL FROM")
        let rcpt = try await command("RCPT TO:<\(message.to.text)>")
        guard rcpt.code == 250 || rcpt.code == 251 else { throw failure(rcpt, doing: "RCPT TO <\(message.to.text)>") }
        try expectAboutMessage(354, try await command("DATA"), doing: "DATA")
        // Dot-stuffing (RFC 5321 §4.5.2): a line that starts with "." gets another.
        let lines = message.data.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }
        try await write(lines.joined(separator: "\r\n") + ".\r\n")
        try expectAboutMessage(250, try await next(), doing: "the message")
    }

    func reset() async throws { try await expect(250, try await command("RSET"), doing: "RSET") }

    func quit() async throws { _ = try await command("QUIT") }

    func close() { channel.close(promise: nil) }

    private func ehlo() async throws -> [String] {
        let reply = try await command("EHLO accord.localdomain")
        try await expect(250, reply, doing: "EHLO")
        return reply.lines.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private func authenticate(user: String, password: String, capabilities: [String]) async throws {
        let mechanisms = capabilities.filter { $0.uppercased().hasPrefix("AUTH") }.flatMap {
            $0.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" }).dropFirst().map(String.init)
        }
        if mechanisms.contains("PLAIN") || !mechanisms.contains("LOGIN") {
            let token = Data(("\u{0}" + user + "\u{0}" + password).utf8).base64EncodedString()
            try await expect(235, try await command("AUTH PLAIN " + token), doing: "AUTH PLAIN")
        } else {
            try await expect(334, try await command("AUTH LOGIN"), doing: "AUTH LOGIN")
            try await expect(334, try await command(Data(user.utf8).base64EncodedString()), doing: "AUTH LOGIN")
            try await expect(235, try await command(Data(password.utf8).base64EncodedString()), doing: "AUTH LOGIN")
        }
    }

    private func command(_ line: String) async throws -> Reply {
        try await write(line + "\r\n")
        return try await next()
    }

    private func write(_ text: String) async throws {
        try await channel.writeAndFlush(channel.allocator.buffer(string: text)).get()
    }

    /// The relay's next reply. A relay silent for `timeout` has its connection closed, which ends the wait.
    private func next() async throws -> Reply {
        let timer = channel.eventLoop.scheduleTask(in: timeout) { [channel] in channel.close(promise: nil) }
        defer { timer.cancel() }
        guard let reply = try await replies.next() else {
            throw SMTPClient.Failure(
                description:
                    "the relay \(relay.host) closed the connection or did not answer within \(timeout.nanoseconds / 1_000_000_000) s",
                permanent: false)
        }
        return reply
    }

    private func expect(_ code: Int, _ reply: Reply, doing what: String) async throws {
        guard reply.code == code else { throw SMTPClient.Failure(description: "\(what): \(reply.code) \(reply.text)", permanent: false) }
    }

    /// A refusal about one message: 5xx is for good (bad address, message refused), 4xx waits for another try.
    private func expectAboutMessage(_ code: Int, _ reply: Reply, doing what: String) throws {
        guard reply.code == code else { throw failure(reply, doing: what) }
    }

    private func failure(_ reply: Reply, doing what: String) -> SMTPClient.Failure {
        SMTPClient.Failure(description: "\(what): \(reply.code) \(reply.text)", permanent: (500..<600).contains(reply.code))
    }
}

/// Splits what the relay sends into replies: lines end in CRLF, and "250-" continues a reply that "250 " ends.
final class SMTPReplyHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    private let continuation: AsyncThrowingStream<SMTPSession.Reply, any Error>.Continuation
    private var pending = ""
    private var lines: [String] = []

    init(continuation: AsyncThrowingStream<SMTPSession.Reply, any Error>.Continuation) { self.continuation = continuation }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readString(length: buffer.readableBytes) ?? ""
        // A relay that never ends a line is not an SMTP relay: a bound keeps it from filling memory.
        guard pending.utf8.count < 65_536 else {
            continuation.finish(throwing: SMTPClient.Failure(description: "the relay sent a line too long to be SMTP", permanent: false))
            context.close(promise: nil)
            return
        }
        while let end = pending.range(of: "\r\n") {
            let line = String(pending[..<end.lowerBound])
            pending = String(pending[end.upperBound...])
            let code = Int(line.prefix(3)) ?? 0
            let more = line.dropFirst(3).first == "-"
            lines.append(String(line.dropFirst(4)))
            if !more {
                continuation.yield(SMTPSession.Reply(code: code, lines: lines))
                lines = []
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }
}

extension SMTPRelay {
    /// TLS checks the relay's certificate against its name (not against an address).
    var hostnameForTLS: String? { host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? nil : host }

    /// A relay on this machine (a local MTA): the only one a password may go to without TLS.
    var isThisMachine: Bool { ["127.0.0.1", "::1", "localhost"].contains(host.lowercased()) }
}
