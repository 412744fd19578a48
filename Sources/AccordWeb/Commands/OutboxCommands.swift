import AccordCore
import AccordStore
import Foundation
import Vapor

/// `accord outbox list|send`: the messages Accord keeps until the relay has them (issue 19).
struct OutboxCommands: AsyncCommandGroup {
    var help: String { "Reads the outbox (list) and hands what is due to the relay once (send)." }
    var commands: [String: any AnyAsyncCommand] { ["list": List(), "send": Send()] }

    struct List: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "status", help: "pending, sent, failed, held or digested (default: all)") var status: String?
            @Option(name: "limit", help: "how many, newest first (default 50)") var limit: Int?
        }

        var help: String { "Lists the outbox, newest first: when, status, tries, to, subject, and the last error." }

        func run(using context: CommandContext, signature: Signature) async throws {
            var status: OutboxMessage.Status?
            if let text = signature.status {
                guard let value = OutboxMessage.Status(rawValue: text) else {
                    throw InputError("--status is one of " + OutboxMessage.Status.allCases.map(\.rawValue).joined(separator: ", "))
                }
                status = value
            }
            let store = AccordStore(database: context.application.db)
            let counts = try await store.outboxCounts()
            context.console.info(
                OutboxMessage.Status.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: " · "))
            let formatter = ISO8601DateFormatter()
            for message in try await store.outbox(status: status, limit: min(max(signature.limit ?? 50, 1), 10_000)) {
                let line = [
                    formatter.string(from: message.createdAt), message.status.rawValue, "\(message.attempts) tries", message.to.text,
                    message.subject, message.lastError ?? "",
                ].joined(separator: "\t")
                context.console.output(line.consoleText())
            }
        }
    }

    struct Send: AsyncCommand {
        struct Signature: CommandSignature {}

        var help: String { "Hands what is due to the relay in ACCORD_SMTP_URL once (accord serve does it every few seconds)." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            guard let relay = try SMTPRelay.fromEnvironment(ProcessInfo.processInfo.environment, publicURL: app.publicURL) else {
                throw InputError("ACCORD_SMTP_URL is not set: there is no relay to send to")
            }
            let sender = OutboxSender(
                store: AccordStore(database: app.db), relay: relay, group: app.eventLoopGroup, publicURL: app.publicURL, clock: app.clock,
                logger: app.logger)
            var total = OutboxSender.Pass()
            while true {
                let pass = try await sender.sendDue()
                total.sent += pass.sent
                total.retrying += pass.retrying
                total.failed += pass.failed
                if pass.sent < OutboxSender.batchSize { break }
            }
            context.console.info("Sent \(total.sent); \(total.retrying) wait for another try; \(total.failed) given up.")
        }
    }
}
