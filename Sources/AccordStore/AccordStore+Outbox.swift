import AccordCore
import Foundation
import SQLKit

/// The outbox (issue 19): messages written with the change that causes them, claimed by one sender at a time,
/// retried with backoff, and kept once sent or given up.
extension AccordStore {
    /// Adds messages to the outbox; a message for an event and recipient already there is not added again.
    /// Call inside the transaction of the change the messages are about.
    func enqueue(_ messages: [OutboxMessage]) async throws {
        for chunk in messages.chunked(200) {
            let rows: [SQLQueryString] = chunk.map { m in
                let values: [any Encodable & Sendable] = [
                    m.id, m.eventKey, m.userID, m.to.text, m.kind.rawValue, m.subject, m.text, m.html, m.unsubscribeToken, m.createdAt,
                    m.status.rawValue, m.attempts, m.nextAttemptAt, m.path,
                ]
                return "(\(binds: values))"
            }
            try await sql.raw(
                """
                INSERT INTO outbox (id, event_key, user_id, to_address, kind, subject, text_body, html_body, unsubscribe_token,
                created_at, status, attempts, next_attempt_at, path) VALUES
                """ + rows.joined(separator: ", ") + " ON CONFLICT (event_key, user_id) DO NOTHING"
            ).run()
        }
    }

    /// Messages due to be sent, claimed for `lease`: another sender (another instance) skips them until the lease
    /// ends, so each is handed to the relay by one sender at a time.
    public func claimOutbox(now: Date, lease: TimeInterval, limit: Int) async throws -> [OutboxMessage] {
        let until = now.addingTimeInterval(lease)
        let rows = try await sql.raw(
            """
            UPDATE outbox SET claimed_until = \(bind: until) WHERE id IN (
              SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= \(bind: now)
              AND (claimed_until IS NULL OR claimed_until < \(bind: now)) ORDER BY created_at LIMIT \(unsafeRaw: String(max(0, limit)))
            ) AND (claimed_until IS NULL OR claimed_until < \(bind: now)) RETURNING *
            """
        ).all()
        return try rows.map { try Self.message(from: $0) }.sorted { $0.createdAt < $1.createdAt }
    }

    public func markSent(_ id: UUID, at now: Date) async throws {
        try await sql.raw(
            """
            UPDATE outbox SET status = 'sent', sent_at = \(bind: now), attempts = attempts + 1, claimed_until = NULL, last_error = NULL
            WHERE id = \(bind: id)
            """
        ).run()
    }

    /// Records a failed try: the message waits until `retryAt`, or is failed for good when that is nil.
    public func markFailed(_ id: UUID, error: String, retryAt: Date?) async throws {
        try await sql.raw(
            """
            UPDATE outbox SET attempts = attempts + 1, claimed_until = NULL, last_error = \(bind: String(error.prefix(1_000))),
            status = \(bind: retryAt == nil ? OutboxMessage.Status.failed.rawValue : OutboxMessage.Status.pending.rawValue),
            next_attempt_at = COALESCE(\(bind: retryAt), next_attempt_at) WHERE id = \(bind: id)
            """
        ).run()
    }

    /// The outbox, newest first.
    public func outbox(status: OutboxMessage.Status? = nil, limit: Int = 100) async throws -> [OutboxMessage] {
        var query: SQLQueryString = "SELECT * FROM outbox"
        if let status { query = query + " WHERE status = \(bind: status.rawValue)" }
        return try await sql.raw(query + " ORDER BY created_at DESC, id LIMIT \(unsafeRaw: String(max(0, limit)))").all()
            .map { try Self.message(from: $0) }
    }

    public func outboxCounts() async throws -> [OutboxMessage.Status: Int] {
        var counts: [OutboxMessage.Status: Int] = [:]
        for row in try await sql.raw("SELECT status, COUNT(*) AS n FROM outbox GROUP BY status").all() {
            if let status = OutboxMessage.Status(rawValue: try row.decode(column: "status", as: String.self)) {
                counts[status] = try row.decode(column: "n", as: Int.self)
            }
        }
        return counts
    }

    // MARK: preferences

    /// Each user's choices; a kind not chosen is `NoticeDelivery.standard`.
    public func noticePreferences(of userIDs: [UUID]) async throws -> [UUID: [NoticeKind: NoticeDelivery]] {
        var out: [UUID: [NoticeKind: NoticeDelivery]] = [:]
        for chunk in userIDs.chunked(500) {
            for row in try await sql.raw("SELECT * FROM notice_preferences WHERE user_id IN (\(binds: Array(chunk)))").all() {
                guard let kind = NoticeKind(rawValue: try row.decode(column: "kind", as: String.self)),
                    let delivery = NoticeDelivery(rawValue: try row.decode(column: "delivery", as: String.self))
                else { continue }
                out[try row.decode(column: "user_id", as: UUID.self), default: [:]][kind] = delivery
            }
        }
        return out
    }

    public func setNoticePreferences(_ choices: [NoticeKind: NoticeDelivery], userID: UUID, by actor: Actor, at now: Date) async throws {
        try await transaction { store in
            let before = try await store.noticePreferences(of: [userID])[userID] ?? [:]
            for (kind, delivery) in choices {
                try await store.sql.raw(
                    """
                    INSERT INTO notice_preferences (user_id, kind, delivery) VALUES (\(bind: userID), \(bind: kind.rawValue), \(bind: delivery.rawValue))
                    ON CONFLICT (user_id, kind) DO UPDATE SET delivery = excluded.delivery
                    """
                ).run()
            }
            let after = before.merging(choices) { $1 }
            guard after != before else { return }
            try await store.append(
                .change(
                    "notice_preferences", of: "user", id: userID.uuidString,
                    before: Dictionary(uniqueKeysWithValues: before.map { ($0.key.rawValue, $0.value.rawValue) }),
                    after: Dictionary(uniqueKeysWithValues: after.map { ($0.key.rawValue, $0.value.rawValue) }), by: actor, at: now))
        }
    }

    /// The user and kind a message's unsubscribe link stands for.
    public func unsubscribeTarget(token: String) async throws -> (userID: UUID, kind: NoticeKind)? {
        guard
            let row = try await sql.raw("SELECT user_id, kind FROM outbox WHERE unsubscribe_token = \(bind: token)").first(),
            let kind = NoticeKind(rawValue: try row.decode(column: "kind", as: String.self))
        else { return nil }
        return (try row.decode(column: "user_id", as: UUID.self), kind)
    }

    static func message(from row: some SQLRow) throws -> OutboxMessage {
        guard let kind = NoticeKind(rawValue: try row.decode(column: "kind", as: String.self)),
            let status = OutboxMessage.Status(rawValue: try row.decode(column: "status", as: String.self)),
            let to = try? EmailAddress(try row.decode(column: "to_address", as: String.self))
        else { throw StoreError.corrupt("an outbox message") }
        return OutboxMessage(
            id: try row.decode(column: "id", as: UUID.self), eventKey: try row.decode(column: "event_key", as: String.self),
            userID: try row.decode(column: "user_id", as: UUID.self), to: to, kind: kind,
            subject: try row.decode(column: "subject", as: String.self), text: try row.decode(column: "text_body", as: String.self),
            html: try row.decode(column: "html_body", as: String.self),
            unsubscribeToken: try row.decode(column: "unsubscribe_token", as: String.self),
            path: try row.decode(column: "path", as: String?.self),
            createdAt: try row.decode(column: "created_at", as: Date.self), status: status,
            attempts: try row.decode(column: "attempts", as: Int.self),
            nextAttemptAt: try row.decode(column: "next_attempt_at", as: Date.self),
            lastError: try row.decode(column: "last_error", as: String?.self), sentAt: try row.decode(column: "sent_at", as: Date?.self))
    }
}
