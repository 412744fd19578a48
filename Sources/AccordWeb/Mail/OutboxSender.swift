import AccordCore
import AccordStore
import Foundation
import NIOCore
import Vapor

/// Hands the outbox to the relay (issue 19): claims what is due, sends it on one connection, records each result.
/// A relay that is down or refusing leaves messages pending, retried with backoff (`OutboxMessage.retryDelay`);
/// claims keep two instances from sending the same message at once.
struct OutboxSender {
    let store: AccordStore
    let relay: SMTPRelay
    let group: any EventLoopGroup
    let publicURL: String
    let clock: AccordClock
    let logger: Logger

    /// How long a claim lasts: longer than a batch takes to send, short enough that a stopped sender's claim ends soon.
    static let lease: TimeInterval = 300
    /// Messages claimed and sent per pass (one connection).
    static let batchSize = 50

    struct Pass: Equatable {
        var sent = 0
        var retrying = 0
        var failed = 0
    }

    /// One pass over what is due, at most `limit` messages.
    @discardableResult
    func sendDue(limit: Int = OutboxSender.batchSize) async throws -> Pass {
        let now = clock.now()
        let due = try await store.claimOutbox(now: now, lease: Self.lease, limit: limit)
        guard !due.isEmpty else { return Pass() }
        let mails = due.map { MailMessage($0, from: relay.from, publicURL: publicURL, date: now) }
        let results = await SMTPClient(relay: relay, group: group).send(mails)
        var pass = Pass()
        for (message, failure) in zip(due, results) {
            guard let failure else {
                try await store.markSent(message.id, at: clock.now())
                pass.sent += 1
                continue
            }
            let attempt = message.attempts + 1
            let retry =
                failure.permanent || attempt >= OutboxMessage.maximumAttempts
                ? nil : clock.now().addingTimeInterval(OutboxMessage.retryDelay(afterAttempt: attempt))
            try await store.markFailed(message.id, error: failure.description, retryAt: retry)
            if retry == nil {
                pass.failed += 1
                logger.warning("outbox: gave up on a message to \(message.to) after \(attempt) tries: \(failure.description)")
            } else {
                pass.retrying += 1
                logger.info("outbox: a message to \(message.to) waits for another try: \(failure.description)")
            }
        }
        return pass
    }
}

/// The sender's schedule in `accord serve`: a pass every few seconds while a relay is configured.
enum OutboxWorker {
    static func start(on app: Application, relay: SMTPRelay, every interval: TimeAmount = .seconds(10)) {
        let sender = OutboxSender(
            store: AccordStore(database: app.db), relay: relay, group: app.eventLoopGroup, publicURL: app.publicURL, clock: app.clock,
            logger: app.logger)
        let task = app.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .seconds(2), delay: interval) { _ in
            app.eventLoopGroup.any().makeFutureWithTask {
                do {
                    // Passes until nothing more is due, so a backlog drains at the relay's pace, not one batch a tick.
                    while try await sender.sendDue().sent == OutboxSender.batchSize {}
                } catch {
                    app.logger.warning("outbox: a pass failed; the next one retries: \(String(reflecting: error))")
                }
            }
        }
        app.lifecycle.use(Stop(task: task))
    }

    private struct Stop: LifecycleHandler {
        let task: RepeatedTask
        func shutdown(_ application: Application) { task.cancel() }
    }
}
