import Foundation

/// One change, as written to the append-only audit log (DOMAIN §14): who, when, what,
/// before → after, and the reason where one is required.
public struct AuditEntry: Hashable, Codable, Sendable {
    public let at: Date
    public let actor: Actor
    public let entity: String
    public let entityID: String
    public let action: String
    /// JSON of the record before the change (nil for a creation).
    public let before: String?
    /// JSON of the record after the change.
    public let after: String?
    public let reason: String?

    public init(
        at: Date, actor: Actor, entity: String, entityID: String, action: String, before: String?, after: String?,
        reason: String? = nil
    ) {
        self.at = at
        self.actor = actor
        self.entity = entity
        self.entityID = entityID
        self.action = action
        self.before = before
        self.after = after
        self.reason = reason
    }

    /// Builds an entry from the values before and after, encoded as stable JSON.
    public static func change<T: Encodable>(
        _ action: String, of entity: String, id: String, before: T?, after: T?, by actor: Actor, at: Date,
        reason: String? = nil
    ) -> AuditEntry {
        AuditEntry(
            at: at, actor: actor, entity: entity, entityID: id, action: action, before: before.flatMap(json),
            after: after.flatMap(json), reason: reason)
    }

    private static func json<T: Encodable>(_ value: T) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) }
    }
}
