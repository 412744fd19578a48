import AccordCore
import Foundation
import SQLKit

/// What the weekly digest and the reminders read and write (issue 19): messages held for a digest, the claim on a
/// program's week, the goals of the period, proposals about to lapse and action items about to fall due.
extension AccordStore {
    /// Messages held for these users' next digest (they chose "in the digest"), oldest first.
    public func heldMessages(userIDs: [UUID]) async throws -> [UUID: [OutboxMessage]] {
        var out: [UUID: [OutboxMessage]] = [:]
        for chunk in userIDs.chunked(500) {
            for row in try await sql.raw(
                "SELECT * FROM outbox WHERE status = 'held' AND user_id IN (\(binds: Array(chunk))) ORDER BY created_at, id"
            ).all() {
                let message = try Self.message(from: row)
                out[message.userID, default: []].append(message)
            }
        }
        return out
    }

    /// Writes one batch of digests and marks the held messages they list, in one transaction: a digest is never
    /// written without its held messages being marked, nor marked without being written.
    public func enqueueDigests(_ messages: [OutboxMessage], listing held: [UUID]) async throws {
        try await transaction { store in
            try await store.enqueue(messages)
            for chunk in held.chunked(500) {
                try await store.sql.raw(
                    "UPDATE outbox SET status = 'digested' WHERE status = 'held' AND id IN (\(binds: Array(chunk)))"
                ).run()
            }
        }
    }

    /// Adds messages to the outbox on their own (reminders): one per event and recipient, so a reminder already
    /// written is not written again.
    public func enqueueMessages(_ messages: [OutboxMessage]) async throws {
        guard !messages.isEmpty else { return }
        try await transaction { store in try await store.enqueue(messages) }
    }

    /// Which of these events already have messages in the outbox.
    public func outboxEvents(_ keys: [String]) async throws -> Set<String> {
        var found: Set<String> = []
        for chunk in Array(Set(keys)).chunked(500) {
            for row in try await sql.raw("SELECT DISTINCT event_key FROM outbox WHERE event_key IN (\(binds: Array(chunk)))").all() {
                found.insert(try row.decode(column: "event_key", as: String.self))
            }
        }
        return found
    }

    /// Claims a program's digest for a week: true for the one caller (instance, command) that gets to send it;
    /// false when it is claimed already. A database row, so it holds across instances on PostgreSQL.
    public func claimDigestWeek(programID: UUID, week: Day, now: Date) async throws -> Bool {
        try await sql.raw(
            """
            INSERT INTO digest_runs (program_id, week, started_at, messages) VALUES (\(bind: programID), \(bind: Int32(week.number)),
            \(bind: now), 0) ON CONFLICT (program_id, week) DO NOTHING RETURNING program_id
            """
        ).first() != nil
    }

    /// Records how many digests a week's run wrote.
    public func finishDigestWeek(programID: UUID, week: Day, messages: Int) async throws {
        try await sql.raw(
            """
            UPDATE digest_runs SET messages = \(bind: messages) WHERE program_id = \(bind: programID) AND week = \(bind: Int32(week.number))
            """
        ).run()
    }

    /// Gives a week's claim back when its run failed part-way, so the next pass runs it again; the digests already
    /// written are not written twice (one per event and recipient).
    public func releaseDigestWeek(programID: UUID, week: Day) async throws {
        try await sql.raw("DELETE FROM digest_runs WHERE program_id = \(bind: programID) AND week = \(bind: Int32(week.number))").run()
    }

    /// The stored standings of these partners' goals whose period holds `day`.
    public func standings(programID: UUID, partnerIDs: [UUID], holding day: Day) async throws -> [GoalStanding] {
        var result: [GoalStanding] = []
        let today = Int32(day.number)
        for chunk in partnerIDs.chunked(500) {
            result += try await sql.raw(
                """
                SELECT * FROM goal_standings WHERE program_id = \(bind: programID) AND partner_id IN (\(binds: Array(chunk)))
                AND period_start <= \(bind: today) AND period_end > \(bind: today) ORDER BY partner_id, period_start, metric_key, goal_id
                """
            ).all().map { try Self.standing(from: $0) }
        }
        return result
    }

    /// Agreed goals of the period behind or at risk (`Digest.needsAttention`), behind first, in a channel manager's
    /// portfolio or the whole program: the first `limit` with their partner's name, and how many there are.
    public func goalsNeedingAttention(programID: UUID, channelManager: String?, today: Day, limit: Int) async throws -> (
        standings: [(GoalStanding, String)], total: Int
    ) {
        let day = Int32(today.number)
        var from: SQLQueryString = "FROM goal_standings s JOIN partners p ON p.id = s.partner_id WHERE s.program_id = \(bind: programID)"
        from = from + " AND s.goal_status IN ('agreed', 'active') AND s.draft_of IS NULL"
        from = from + " AND s.period_start <= \(bind: day) AND s.period_end > \(bind: day) AND s.pacing_status IN ('behind', 'at_risk')"
        if let channelManager { from = from + " AND p.channel_manager = \(bind: channelManager)" }
        let total = try await sql.raw("SELECT COUNT(*) AS n " + from).first()?.decode(column: "n", as: Int.self) ?? 0
        guard total > 0, limit > 0 else { return ([], total) }
        let rows = try await sql.raw(
            "SELECT s.*, p.name AS partner_name " + from
                + " ORDER BY CASE s.pacing_status WHEN 'behind' THEN 0 ELSE 1 END, p.name, s.goal_id LIMIT \(unsafeRaw: String(limit))"
        ).all()
        return (try rows.map { (try Self.standing(from: $0), try $0.decode(column: "partner_name", as: String.self)) }, total)
    }

    /// Proposals of a program still waiting for an answer that lapse between `now` and `before` (§5.2).
    public func proposalsLapsing(programID: UUID, now: Date, before: Date) async throws -> [GoalStanding] {
        try await sql.raw(
            """
            SELECT * FROM goal_standings WHERE program_id = \(bind: programID) AND goal_status = 'proposed' AND draft_of IS NULL
            AND awaiting_side IS NOT NULL AND lapses_at > \(bind: now) AND lapses_at <= \(bind: before) ORDER BY lapses_at, goal_id
            """
        ).all().map { try Self.standing(from: $0) }
    }

    /// Open action items of a program's partners due from `from` through `through` (§11), with their review.
    public func actionItemsDue(programID: UUID, from: Day, through: Day) async throws -> [(
        item: ActionItem, reviewID: UUID, partnerID: UUID
    )] {
        try await sql.raw(
            """
            SELECT i.* FROM action_items i JOIN partners p ON p.id = i.partner_id WHERE p.program_id = \(bind: programID)
            AND i.status = 'open' AND i.due_day >= \(bind: Int32(from.number)) AND i.due_day <= \(bind: Int32(through.number))
            ORDER BY i.due_day, i.id
            """
        ).all().compactMap { row in
            guard let side = Side(rawValue: try row.decode(column: "side", as: String.self)) else { return nil }
            let item = ActionItem(
                id: try row.decode(column: "id", as: UUID.self), side: side, owner: try row.decode(column: "owner", as: String.self),
                title: try row.decode(column: "title", as: String.self),
                due: Day(number: Int(try row.decode(column: "due_day", as: Int32.self))))
            return (item, try row.decode(column: "review_id", as: UUID.self), try row.decode(column: "partner_id", as: UUID.self))
        }
    }

    /// The names partners of a program give as their channel manager.
    public func channelManagerNames(programID: UUID) async throws -> [String] {
        try await sql.raw(
            "SELECT DISTINCT channel_manager FROM partners WHERE program_id = \(bind: programID) AND channel_manager <> '' ORDER BY channel_manager"
        ).all().map { try $0.decode(column: "channel_manager", as: String.self) }
    }
}
