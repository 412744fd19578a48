import Foundation

/// A message as the outbox keeps it until the relay has it (issue 19): written in the transaction of the change
/// that causes it, so a change is never saved without its messages nor a message kept for a change that failed.
public struct OutboxMessage: Hashable, Sendable, Identifiable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Waiting for the relay (or for its next try).
        case pending
        case sent
        /// Given up after the last try; `lastError` says why.
        case failed
        /// Kept for the recipient's next weekly digest, as they chose; never handed to the relay itself.
        case held
        /// Listed in a digest that was sent (or is in the outbox).
        case digested
    }

    public let id: UUID
    public let eventKey: String
    public let userID: UUID
    public let to: EmailAddress
    public let kind: NoticeKind
    public let subject: String
    public let text: String
    public let html: String
    /// The secret in the message's one-click unsubscribe link (RFC 8058), for this user and kind.
    public let unsubscribeToken: String
    /// The site path the message links to, so a digest can list a held message with its link.
    public let path: String?
    public let createdAt: Date
    public var status: Status
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    public var sentAt: Date?

    public init(
        id: UUID = UUID(), eventKey: String, userID: UUID, to: EmailAddress, kind: NoticeKind, subject: String, text: String, html: String,
        unsubscribeToken: String, path: String? = nil, createdAt: Date, status: Status = .pending, attempts: Int = 0,
        nextAttemptAt: Date? = nil,
        lastError: String? = nil, sentAt: Date? = nil
    ) {
        self.id = id
        self.eventKey = eventKey
        self.userID = userID
        self.to = to
        self.kind = kind
        self.subject = subject
        self.text = text
        self.html = html
        self.unsubscribeToken = unsubscribeToken
        self.path = path
        self.createdAt = createdAt
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt ?? createdAt
        self.lastError = lastError
        self.sentAt = sentAt
    }

    /// How long a failed try waits before the next: 30 s, doubling, at most an hour; after `maximumAttempts` the
    /// message is failed and stays in the outbox for an operator to read (`accord outbox list --status failed`).
    public static func retryDelay(afterAttempt attempt: Int) -> TimeInterval {
        min(3_600, 30 * pow(2, Double(max(0, min(attempt - 1, 20)))))
    }

    public static let maximumAttempts = 12
}
