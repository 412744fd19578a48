import AccordCore
import FluentKit
import Foundation

/// Which goals to load.
public struct GoalQuery: Sendable {
    public var programID: UUID?
    public var partnerID: UUID?
    public var statuses: [GoalStatus]?
    public var metricKey: String?
    /// Goals whose period contains this day.
    public var periodContaining: Day?
    /// Goals whose period ended on or before this day.
    public var periodEndedBy: Day?

    public init(
        programID: UUID? = nil, partnerID: UUID? = nil, statuses: [GoalStatus]? = nil, metricKey: String? = nil,
        periodContaining: Day? = nil, periodEndedBy: Day? = nil
    ) {
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
    public func save(_ goal: Goal, programID: UUID, action: String, by actor: Actor, at now: Date, reason: String? = nil)
        async throws
    {
        try await transaction { store in
            let db = store.database
            let existing = try await GoalModel.find(goal.id, on: db)
            var before: Goal?
            let model: GoalModel
            var revisionsStored = 0
            var acceptancesStored = 0
            var overridesStored = 0
            if let existing {
                before = try await store.goals(GoalQuery(), ids: [goal.id]).first
                revisionsStored = before?.revisions.count ?? 0
                acceptancesStored = before?.acceptances.count ?? 0
                overridesStored = before?.overrides.count ?? 0
                existing.updateState(from: goal, at: now)
                model = existing
                try await model.update(on: db)
            } else {
                model = GoalModel(goal, programID: programID, at: now)
                try await model.create(on: db)
            }
            for revision in goal.revisions.dropFirst(revisionsStored) {
                try await GoalRevisionModel(revision, goalID: goal.id).create(on: db)
            }
            for (position, acceptance) in goal.acceptances.enumerated().dropFirst(acceptancesStored) {
                try await GoalAcceptanceModel(acceptance, goalID: goal.id, position: position).create(on: db)
            }
            for (position, override) in goal.overrides.enumerated().dropFirst(overridesStored) {
                try await GoalOverrideModel(override, goalID: goal.id, position: position).create(on: db)
            }
            try await store.append(
                .change(action, of: "goal", id: goal.id.uuidString, before: before, after: goal, by: actor, at: now, reason: reason))
        }
    }

    public func goal(_ id: UUID) async throws -> Goal {
        guard let goal = try await goals(GoalQuery(), ids: [id]).first else { throw StoreError.notFound("goal \(id)") }
        return goal
    }

    /// The program a goal belongs to.
    public func programID(ofGoal id: UUID) async throws -> UUID {
        guard let model = try await GoalModel.find(id, on: database) else { throw StoreError.notFound("goal \(id)") }
        return model.programID
    }

    public func goals(_ query: GoalQuery, ids: [UUID]? = nil) async throws -> [Goal] {
        var q = GoalModel.query(on: database)
        if let ids { q = q.filter(\.$id ~~ ids) }
        if let program = query.programID { q = q.filter(\.$programID == program) }
        if let partner = query.partnerID { q = q.filter(\.$partnerID == partner) }
        if let statuses = query.statuses { q = q.filter(\.$status ~~ statuses.map(\.rawValue)) }
        if let key = query.metricKey { q = q.filter(\.$metricKey == key) }
        if let day = query.periodContaining {
            q = q.filter(\.$periodStart <= Int32(day.number)).filter(\.$periodEnd > Int32(day.number))
        }
        if let day = query.periodEndedBy { q = q.filter(\.$periodEnd <= Int32(day.number)) }
        let models = try await q.sort(\.$periodStart).sort(\.$createdAt).all()
        guard !models.isEmpty else { return [] }
        let goalIDs = try models.map { try $0.requireID() }
        var revisions: [UUID: [GoalRevisionModel]] = [:]
        var acceptances: [UUID: [GoalAcceptanceModel]] = [:]
        var overrides: [UUID: [GoalOverrideModel]] = [:]
        // Children are loaded in chunks so very long id lists stay within bind limits.
        for chunk in stride(from: 0, to: goalIDs.count, by: 500).map({ Array(goalIDs[$0..<min($0 + 500, goalIDs.count)]) }) {
            for r in try await GoalRevisionModel.query(on: database).filter(\.$goalID ~~ chunk).all() {
                revisions[r.goalID, default: []].append(r)
            }
            for a in try await GoalAcceptanceModel.query(on: database).filter(\.$goalID ~~ chunk).all() {
                acceptances[a.goalID, default: []].append(a)
            }
            for o in try await GoalOverrideModel.query(on: database).filter(\.$goalID ~~ chunk).all() {
                overrides[o.goalID, default: []].append(o)
            }
        }
        return try models.map { model in
            let id = try model.requireID()
            return try model.core(revisions: revisions[id] ?? [], acceptances: acceptances[id] ?? [], overrides: overrides[id] ?? [])
        }
    }

    /// The best target already achieved by a partner on a metric (DOMAIN §5.1).
    public func bestAchievedTarget(partnerID: UUID, metric: Metric, excluding: UUID? = nil) async throws -> Int64? {
        let achieved = try await goals(GoalQuery(partnerID: partnerID, statuses: [.achieved], metricKey: metric.key))
            .filter { $0.id != excluding }.map(\.target)
        return metric.direction == .higherIsBetter ? achieved.max() : achieved.min()
    }

    /// Overrides made in a date range, for "targets lowered this year" (DOMAIN §5.3).
    public func loweredTargetCount(programID: UUID, from: Date, to: Date) async throws -> Int {
        let ids = try await GoalModel.query(on: database).filter(\.$programID == programID).all(\.$id)
        guard !ids.isEmpty else { return 0 }
        return try await GoalOverrideModel.query(on: database).filter(\.$goalID ~~ ids).filter(\.$at >= from).filter(\.$at < to).count()
    }
}
