import AccordCore
import FluentKit
import Foundation
import SQLKit

/// Which goals to load.
public struct GoalQuery: Sendable {
    /// Whose eyes the goals are for: a side sees the other side's drafts nowhere (`AccessRule.maySee`, DOMAIN §5.2).
    /// Every query states it.
    public var seenBy: Audience
    public var programID: UUID?
    public var partnerID: UUID?
    public var statuses: [GoalStatus]?
    public var metricKey: String?
    /// Goals whose period contains this day.
    public var periodContaining: Day?
    /// Goals whose period ended on or before this day.
    public var periodEndedBy: Day?
    /// Goals whose period shares a day with this one: narrow with `Period.holdsGoal(of:)` for the goals of a period.
    public var periodOverlapping: Period?

    public init(
        seenBy: Audience, programID: UUID? = nil, partnerID: UUID? = nil, statuses: [GoalStatus]? = nil, metricKey: String? = nil,
        periodContaining: Day? = nil, periodEndedBy: Day? = nil, periodOverlapping: Period? = nil
    ) {
        self.periodOverlapping = periodOverlapping
        self.seenBy = seenBy
        self.programID = programID
        self.partnerID = partnerID
        self.statuses = statuses
        self.metricKey = metricKey
        self.periodContaining = periodContaining
        self.periodEndedBy = periodEndedBy
    }
}

extension AccordStore {
    /// Saves a goal's new state and its new revisions, acceptances and overrides, with an audit entry;
    /// earlier revisions and acceptances are never rewritten (DOMAIN §5.2, §14).
    /// Returns the goal as now stored. A goal changed by someone else since it was read is not saved: `StoreError.conflict`.
    /// `messages` (the outbox's, about this change) are written in the same transaction: both land or neither.
    @discardableResult
    public func save(
        _ goal: Goal, programID: UUID, action: String, by actor: Actor, at now: Date, reason: String? = nil, messages: [OutboxMessage] = []
    ) async throws -> Goal {
        try await save([(goal, action)], programID: programID, by: actor, at: now, reason: reason, messages: messages)[0]
    }

    /// Saves many goals as `save(_:programID:action:by:at:reason:)` does one, in one transaction and a few
    /// statements per chunk of goals instead of several per goal (period close saves a whole program's goals).
    @discardableResult
    public func save(
        _ changes: [(goal: Goal, action: String)], programID: UUID, by actor: Actor, at now: Date, reason: String? = nil,
        messages: [OutboxMessage] = []
    ) async throws -> [Goal] {
        guard !changes.isEmpty else { return [] }
        try await transaction { store in
            // The program's standings first (see lockStandings), then the goals.
            _ = try await store.lockStandings(programID: programID)
            // Chunks keep every statement's bind parameters within SQLite's and PostgreSQL's limits.
            for start in stride(from: 0, to: changes.count, by: Self.goalChunk) {
                let chunk = changes[start..<min(start + Self.goalChunk, changes.count)]
                try await store.saveChunk(Array(chunk), programID: programID, by: actor, at: now, reason: reason)
            }
            // The goals' maintained progress changes with them, in the same transaction.
            try await store.refreshStandings(goalIDs: changes.map(\.goal.id), programID: programID)
            try await store.enqueue(messages)
        }
        return changes.map { $0.goal.saved() }
    }

    static let goalChunk = 500

    private func saveChunk(
        _ changes: [(goal: Goal, action: String)], programID: UUID, by actor: Actor, at now: Date, reason: String?
    ) async throws {
        let db = database
        // A guarded write comes first: in a transaction of its own it takes the write lock before anything is read, so
        // two answers at once queue instead of deadlocking, and the later one finds the version moved on (a conflict,
        // never a lost answer). Inside a longer transaction that read first (period close), a concurrent write is a
        // conflict of the whole transaction instead.
        var guarded: SQLQueryString = "UPDATE goals SET version = version + 1 WHERE "
        for (index, change) in changes.enumerated() {
            if index > 0 { guarded = guarded + " OR " }
            guarded = guarded + "(id = \(bind: change.goal.id) AND version = \(bind: change.goal.savedVersion))"
        }
        let updated = Set(try await sql.raw(guarded + " RETURNING id").all().map { try $0.decode(column: "id", as: UUID.self) })
        let ids = changes.map(\.goal.id)
        let existing = Set(
            try await sql.select().column("id").from(GoalModel.schema).where("id", .in, ids).all().map {
                try $0.decode(column: "id", as: UUID.self)
            })
        if ids.contains(where: { existing.contains($0) && !updated.contains($0) }) {
            throw StoreError.conflict("This goal")
        }
        var stored: [UUID: Goal] = [:]
        for goal in try await goals(GoalQuery(seenBy: .accord), ids: Array(updated)) { stored[goal.id] = goal }
        var created: [GoalModel] = []
        var revisions: [GoalRevisionModel] = []
        var acceptances: [GoalAcceptanceModel] = []
        var overrides: [GoalOverrideModel] = []
        var comments: [GoalCommentModel] = []
        var audit: [AuditEntryModel] = []
        for (goal, action) in changes {
            let before = stored[goal.id]
            if before == nil {
                created.append(GoalModel(goal, programID: programID, at: now))
            } else {
                try await sql.raw(
                    """
                    UPDATE goals SET status = \(bind: goal.status.rawValue), closing_actual = \(bind: goal.closingActual),
                    decline_actor = \(bind: goal.decline?.actor.name), decline_role = \(bind: goal.decline?.actor.role.rawValue),
                    decline_reason = \(bind: goal.decline?.reason), declined_at = \(bind: goal.decline?.at),
                    updated_at = \(bind: now) WHERE id = \(bind: goal.id)
                    """
                ).run()
            }
            revisions += goal.revisions.dropFirst(before?.revisions.count ?? 0).map { GoalRevisionModel($0, goalID: goal.id) }
            acceptances += goal.acceptances.enumerated().dropFirst(before?.acceptances.count ?? 0).map {
                GoalAcceptanceModel($0.element, goalID: goal.id, position: $0.offset)
            }
            overrides += goal.overrides.enumerated().dropFirst(before?.overrides.count ?? 0).map {
                GoalOverrideModel($0.element, goalID: goal.id, position: $0.offset)
            }
            comments += goal.comments.enumerated().dropFirst(before?.comments.count ?? 0).map {
                GoalCommentModel($0.element, goalID: goal.id, position: $0.offset)
            }
            audit.append(
                AuditEntryModel(
                    .change(action, of: "goal", id: goal.id.uuidString, before: before, after: goal, by: actor, at: now, reason: reason)))
        }
        // Goals before their children (foreign keys); each kind in one multi-row INSERT.
        if !created.isEmpty { try await created.create(on: db) }
        if !revisions.isEmpty { try await revisions.create(on: db) }
        if !acceptances.isEmpty { try await acceptances.create(on: db) }
        if !overrides.isEmpty { try await overrides.create(on: db) }
        if !comments.isEmpty { try await comments.create(on: db) }
        if !audit.isEmpty { try await audit.create(on: db) }
    }

    /// One goal as `audience` may see it; another side's draft is not found.
    public func goal(_ id: UUID, seenBy audience: Audience) async throws -> Goal {
        guard let goal = try await goals(GoalQuery(seenBy: audience), ids: [id]).first else { throw StoreError.notFound("goal \(id)") }
        return goal
    }

    /// The program a goal belongs to.
    public func programID(ofGoal id: UUID) async throws -> UUID {
        guard let model = try await GoalModel.find(id, on: database) else { throw StoreError.notFound("goal \(id)") }
        return model.programID
    }

    public func goals(_ query: GoalQuery, ids: [UUID]? = nil) async throws -> [Goal] {
        if let ids, ids.isEmpty { return [] }
        var select = sql.select().column("*").from(GoalModel.schema)
        if let ids { select = select.where("id", .in, ids) }
        if let program = query.programID { select = select.where("program_id", .equal, program) }
        if let partner = query.partnerID { select = select.where("partner_id", .equal, partner) }
        if let statuses = query.statuses {
            guard !statuses.isEmpty else { return [] }
            select = select.where("status", .in, statuses.map(\.rawValue))
        }
        if let key = query.metricKey { select = select.where("metric_key", .equal, key) }
        if let day = query.periodContaining {
            select = select.where("period_start", .lessThanOrEqual, Int32(day.number)).where("period_end", .greaterThan, Int32(day.number))
        }
        if let day = query.periodEndedBy { select = select.where("period_end", .lessThanOrEqual, Int32(day.number)) }
        if let period = query.periodOverlapping {
            select = select.where("period_start", .lessThan, Int32(period.end.number)).where(
                "period_end", .greaterThan, Int32(period.start.number))
        }
        // AccessRule.maySee in SQL: an unsent draft (`Goal.isUnsentDraft`) is seen only by the side that wrote it.
        let unsent =
            "(status = 'draft' OR (status = 'withdrawn' AND NOT EXISTS (SELECT 1 FROM goal_acceptances a WHERE a.goal_id = goals.id)))"
        switch query.seenBy {
        case .side(let side):
            let otherRoles = Role.allCases.filter { $0.side != side }.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            select = select.where(
                SQLRaw(
                    "NOT (\(unsent) AND EXISTS (SELECT 1 FROM goal_revisions r WHERE r.goal_id = goals.id AND r.author_role IN (\(otherRoles))))"
                ))
        case .bothSides: select = select.where(SQLRaw("NOT \(unsent)"))
        case .accord: break
        }
        let models = try await select.orderBy("period_start").orderBy("created_at").all().map { try GoalModel(row: $0) }
        guard !models.isEmpty else { return [] }
        let goalIDs = try models.map { try $0.requireID() }
        var revisions: [UUID: [GoalRevisionModel]] = [:]
        var acceptances: [UUID: [GoalAcceptanceModel]] = [:]
        var overrides: [UUID: [GoalOverrideModel]] = [:]
        var comments: [UUID: [GoalCommentModel]] = [:]
        // Children are loaded in chunks so very long id lists stay within bind limits.
        for chunk in stride(from: 0, to: goalIDs.count, by: 500).map({ Array(goalIDs[$0..<min($0 + 500, goalIDs.count)]) }) {
            let children = { (table: String) async throws in
                try await self.sql.select().column("*").from(table).where("goal_id", .in, chunk).all()
            }
            for r in try await children(GoalRevisionModel.schema).map({ try GoalRevisionModel(row: $0) }) {
                revisions[r.goalID, default: []].append(r)
            }
            for a in try await children(GoalAcceptanceModel.schema).map({ try GoalAcceptanceModel(row: $0) }) {
                acceptances[a.goalID, default: []].append(a)
            }
            for o in try await children(GoalOverrideModel.schema).map({ try GoalOverrideModel(row: $0) }) {
                overrides[o.goalID, default: []].append(o)
            }
            for c in try await children(GoalCommentModel.schema).map({ try GoalCommentModel(row: $0) }) {
                comments[c.goalID, default: []].append(c)
            }
        }
        return try models.map { model in
            let id = try model.requireID()
            return try model.core(
                revisions: revisions[id] ?? [], acceptances: acceptances[id] ?? [], overrides: overrides[id] ?? [],
                comments: comments[id] ?? [])
        }
    }

    /// The best target already achieved by a partner on a metric (DOMAIN §5.1).
    public func bestAchievedTarget(partnerID: UUID, metric: Metric, excluding: UUID? = nil) async throws -> Int64? {
        let achieved = try await goals(GoalQuery(seenBy: .accord, partnerID: partnerID, statuses: [.achieved], metricKey: metric.key))
        return AchievedTargets(achieved).best(partnerID: partnerID, metric: metric, excluding: excluding)
    }

    /// Explicit lowerings made in `from..<to`, newest first, for "targets lowered this year" (DOMAIN §5.3); of one
    /// partner, or of one channel manager's partners, when named. A lowered goal is agreed, so both sides see it.
    public func loweredTargets(
        programID: UUID, from: Date, to: Date, partnerID: UUID? = nil, channelManager: String? = nil, limit: Int? = nil
    ) async throws -> [LoweredTarget] {
        var query: SQLQueryString = """
            SELECT o.goal_id, o.from_target, o.to_target, o.reason, o.actor_name, o.actor_role, o.at, g.partner_id, g.metric_key,
            g.period_kind, g.fiscal_start_month, g.fiscal_year, g.period_index, p.name AS partner_name, p.channel_manager
            FROM goal_overrides o JOIN goals g ON g.id = o.goal_id JOIN partners p ON p.id = g.partner_id
            WHERE g.program_id = \(bind: programID) AND o.at >= \(bind: from) AND o.at < \(bind: to)
            """
        if let partnerID { query = query + " AND g.partner_id = \(bind: partnerID)" }
        if let channelManager { query = query + " AND p.channel_manager = \(bind: channelManager)" }
        query = query + " ORDER BY o.at DESC, o.goal_id"
        if let limit { query = query + " LIMIT \(unsafeRaw: String(max(0, limit)))" }
        return try await sql.raw(query).all().map { row in
            let kind = try row.decode(column: "period_kind", as: String.self)
            let month = try row.decode(column: "fiscal_start_month", as: Int.self)
            let index = try row.decode(column: "period_index", as: Int.self)
            guard let periodKind = PeriodKind(rawValue: kind), (1...12).contains(month), (1...periodKind.countPerYear).contains(index),
                let role = Role(rawValue: try row.decode(column: "actor_role", as: String.self))
            else { throw StoreError.corrupt("a lowered target") }
            return LoweredTarget(
                goalID: try row.decode(column: "goal_id", as: UUID.self), partnerID: try row.decode(column: "partner_id", as: UUID.self),
                partnerName: try row.decode(column: "partner_name", as: String.self),
                channelManager: try row.decode(column: "channel_manager", as: String.self),
                metricKey: try row.decode(column: "metric_key", as: String.self),
                period: Period(
                    calendar: FiscalCalendar(validStartMonth: month), kind: periodKind,
                    fiscalYear: try row.decode(column: "fiscal_year", as: Int.self), index: index),
                from: try row.decode(column: "from_target", as: Int64.self), to: try row.decode(column: "to_target", as: Int64.self),
                reason: try row.decode(column: "reason", as: String.self),
                actor: Actor(name: try row.decode(column: "actor_name", as: String.self), role: role),
                at: try row.decode(column: "at", as: Date.self))
        }
    }

    /// How many explicit lowerings were made in `from..<to`, per channel manager of the lowered goals' partners.
    public func loweredTargetCounts(programID: UUID, from: Date, to: Date) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await sql.raw(
            """
            SELECT p.channel_manager, COUNT(*) AS n FROM goal_overrides o JOIN goals g ON g.id = o.goal_id
            JOIN partners p ON p.id = g.partner_id
            WHERE g.program_id = \(bind: programID) AND o.at >= \(bind: from) AND o.at < \(bind: to) GROUP BY p.channel_manager
            """
        ).all() {
            counts[try row.decode(column: "channel_manager", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }
}
