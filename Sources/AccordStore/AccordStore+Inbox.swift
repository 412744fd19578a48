import AccordCore
import Foundation
import SQLKit

/// What an inbox shows: the first items of each kind, and how many there are in all.
public struct InboxContents: Sendable {
    public let items: [InboxItem]
    public let counts: [InboxItem.Kind: Int]

    public var total: Int { counts.values.reduce(0, +) }
}

extension AccordStore {
    /// What waits for a side in a scope (`Inbox`), each kind an indexed query of its own: at most `limit` items of a kind
    /// and their count. `owner` is the name action items are owned by. Nothing of the other side's drafts is read.
    public func inbox(
        programID: UUID, scope: Inbox.Scope, side: Side, owner: String, kinds: [InboxItem.Kind], windows: Inbox.Windows, now: Date,
        today: Day, limit: Int
    ) async throws -> InboxContents {
        var items: [InboxItem] = []
        var counts: [InboxItem.Kind: Int] = [:]
        for kind in kinds {
            let where_ = condition(
                kind, programID: programID, scope: scope, side: side, owner: owner, windows: windows, now: now, today: today)
            counts[kind] = try await sql.raw("SELECT COUNT(*) AS n " + where_.from).first()?.decode(column: "n", as: Int.self) ?? 0
            guard limit > 0, counts[kind, default: 0] > 0 else { continue }
            let rows = try await sql.raw(
                "SELECT \(unsafeRaw: where_.columns) " + where_.from
                    + " ORDER BY \(unsafeRaw: where_.order) LIMIT \(unsafeRaw: String(limit))"
            ).all()
            items += try rows.map { try item(kind, row: $0) }
        }
        return InboxContents(items: Inbox.ranked(items, now: now), counts: counts)
    }

    /// How many items wait, of every kind, in one statement: the count beside "Waiting for you" on every page.
    public func inboxCount(
        programID: UUID, scope: Inbox.Scope, side: Side, owner: String, kinds: [InboxItem.Kind], windows: Inbox.Windows, now: Date,
        today: Day
    ) async throws -> Int {
        guard !kinds.isEmpty else { return 0 }
        var query: SQLQueryString = "SELECT "
        for (index, kind) in kinds.enumerated() {
            let where_ = condition(
                kind, programID: programID, scope: scope, side: side, owner: owner, windows: windows, now: now, today: today)
            query = query + (index == 0 ? "" : " + ") + "(SELECT COUNT(*) " + where_.from + ")"
        }
        return try await sql.raw(query + " AS n").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    private struct KindQuery {
        let columns: String
        let from: SQLQueryString
        let order: String
    }

    private func condition(
        _ kind: InboxItem.Kind, programID: UUID, scope: Inbox.Scope, side: Side, owner: String, windows: Inbox.Windows, now: Date,
        today: Day
    ) -> KindQuery {
        let partners: SQLQueryString =
            switch scope {
            case .program: " AND p.program_id = \(bind: programID)"
            case .portfolio(let name): " AND p.program_id = \(bind: programID) AND p.channel_manager = \(bind: name)"
            case .partner(let id): " AND p.program_id = \(bind: programID) AND p.id = \(bind: id)"
            }
        let sideRoles = Role.allCases.filter { $0.side == side }.map(\.rawValue)
        let otherRoles = Role.allCases.filter { $0.side != side }.map(\.rawValue)
        let today32 = Int32(today.number)
        let standing =
            "s.goal_id, s.partner_id, p.name AS partner_name, s.metric_key, s.fiscal_start_month, s.period_kind, "
            + "s.fiscal_year, s.period_index, s.target, s.lapses_at"
        switch kind {
        case .goalToAnswer, .proposalLapsing:
            // Proposals whose period is still open, waiting for this side (to answer) or the other (this side's, to chase).
            var from: SQLQueryString =
                "FROM goal_standings s JOIN partners p ON p.id = s.partner_id WHERE s.program_id = \(bind: programID)"
            from = from + " AND s.goal_status = 'proposed' AND s.draft_of IS NULL AND s.period_end > \(bind: today32)"
            if kind == .goalToAnswer {
                from = from + " AND s.awaiting_side = \(bind: side.rawValue)"
            } else {
                from = from + " AND s.awaiting_side = \(bind: side.other.rawValue) AND s.lapses_at < \(bind: windows.lapsingBefore)"
            }
            return KindQuery(columns: standing, from: from + partners, order: "s.lapses_at, p.name, s.goal_id")
        case .declinedGoal:
            // Declined by the other side lately, for a period still open, and not proposed again since.
            var from: SQLQueryString = "FROM goals g JOIN partners p ON p.id = g.partner_id WHERE g.program_id = \(bind: programID)"
            from = from + " AND g.status = 'declined' AND g.declined_at >= \(bind: windows.declinedSince)"
            from = from + " AND g.decline_role IN (\(binds: otherRoles)) AND g.period_end > \(bind: today32)"
            from =
                from + """
                     AND NOT EXISTS (SELECT 1 FROM goals n WHERE n.partner_id = g.partner_id AND n.metric_key = g.metric_key
                     AND n.period_start = g.period_start AND n.period_end = g.period_end AND n.id <> g.id AND n.created_at >= g.declined_at)
                    """
            return KindQuery(
                columns: "g.id AS goal_id, g.partner_id, p.name AS partner_name, g.metric_key, g.fiscal_start_month, g.period_kind, "
                    + "g.fiscal_year, g.period_index, g.decline_reason, g.declined_at",
                from: from + partners, order: "g.declined_at DESC, g.id")
        case .planToAnswer:
            // Proposed plans whose current revision this side has not accepted.
            var from: SQLQueryString = "FROM joint_plans j JOIN partners p ON p.id = j.partner_id WHERE j.status = 'proposed'"
            from =
                from + """
                     AND NOT EXISTS (SELECT 1 FROM plan_acceptances a WHERE a.plan_id = j.id AND a.actor_role IN (\(binds: sideRoles))
                     AND a.revision = (SELECT MAX(r.number) FROM plan_revisions r WHERE r.plan_id = j.id))
                    """
            return KindQuery(
                columns: "j.id AS plan_id, j.partner_id, p.name AS partner_name, j.updated_at", from: from + partners,
                order: "j.updated_at, j.id")
        case .reviewToHold:
            var from: SQLQueryString = "FROM reviews r JOIN partners p ON p.id = r.partner_id WHERE r.held_on IS NULL"
            from = from + " AND r.due_day <= \(bind: Int32(windows.reviewsDueBy.number))"
            from = from + " AND r.due_day >= \(bind: Int32(windows.reviewsDueFrom.number))"
            return KindQuery(
                columns: "r.id AS review_id, r.partner_id, p.name AS partner_name, r.due_day, r.fiscal_start_month, r.period_kind, "
                    + "r.fiscal_year, r.period_index",
                from: from + partners, order: "r.due_day, p.name, r.id")
        case .actionItem:
            var from: SQLQueryString = "FROM action_items i JOIN partners p ON p.id = i.partner_id WHERE i.status = 'open'"
            from = from + " AND i.owner = \(bind: owner) AND i.side = \(bind: side.rawValue)"
            return KindQuery(
                columns: "i.id AS item_id, i.review_id, i.partner_id, p.name AS partner_name, i.title, i.due_day", from: from + partners,
                order: "i.due_day, i.id")
        }
    }

    private func item(_ kind: InboxItem.Kind, row: some SQLRow) throws -> InboxItem {
        let partnerID = try row.decode(column: "partner_id", as: UUID.self)
        let partnerName = try row.decode(column: "partner_name", as: String.self)
        func period() throws -> Period {
            let kind = try row.decode(column: "period_kind", as: String.self)
            let month = try row.decode(column: "fiscal_start_month", as: Int.self)
            let index = try row.decode(column: "period_index", as: Int.self)
            guard let periodKind = PeriodKind(rawValue: kind), (1...12).contains(month), (1...periodKind.countPerYear).contains(index)
            else { throw StoreError.corrupt("an inbox item's period") }
            return Period(
                calendar: FiscalCalendar(validStartMonth: month), kind: periodKind,
                fiscalYear: try row.decode(column: "fiscal_year", as: Int.self), index: index)
        }
        let dayAfter = { (column: String) throws -> Date in
            Day(number: Int(try row.decode(column: column, as: Int32.self))).advanced(by: 1).midnightUTC
        }
        switch kind {
        case .goalToAnswer, .proposalLapsing:
            return InboxItem(
                kind: kind, subjectID: try row.decode(column: "goal_id", as: UUID.self), partnerID: partnerID, partnerName: partnerName,
                metricKey: try row.decode(column: "metric_key", as: String.self), period: try period(),
                target: try row.decode(column: "target", as: Int64.self), due: try row.decode(column: "lapses_at", as: Date?.self))
        case .declinedGoal:
            return InboxItem(
                kind: kind, subjectID: try row.decode(column: "goal_id", as: UUID.self), partnerID: partnerID, partnerName: partnerName,
                metricKey: try row.decode(column: "metric_key", as: String.self), period: try period(),
                text: try row.decode(column: "decline_reason", as: String?.self))
        case .planToAnswer:
            return InboxItem(
                kind: kind, subjectID: try row.decode(column: "plan_id", as: UUID.self), partnerID: partnerID, partnerName: partnerName)
        case .reviewToHold:
            return InboxItem(
                kind: kind, subjectID: try row.decode(column: "review_id", as: UUID.self), partnerID: partnerID, partnerName: partnerName,
                period: try period(), due: try dayAfter("due_day"))
        case .actionItem:
            return InboxItem(
                kind: kind, subjectID: try row.decode(column: "review_id", as: UUID.self),
                actionItemID: try row.decode(column: "item_id", as: UUID.self), partnerID: partnerID, partnerName: partnerName,
                text: try row.decode(column: "title", as: String.self), due: try dayAfter("due_day"))
        }
    }
}
