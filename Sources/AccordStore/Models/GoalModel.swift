import AccordCore
import FluentKit
import Foundation

final class GoalModel: Model, @unchecked Sendable {
    static let schema = "goals"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "partner_id") var partnerID: UUID
    @Field(key: "fiscal_start_month") var fiscalStartMonth: Int
    @Field(key: "period_kind") var periodKind: String
    @Field(key: "fiscal_year") var fiscalYear: Int
    @Field(key: "period_index") var periodIndex: Int
    /// Denormalised period range, so SQL can select goals by date.
    @Field(key: "period_start") var periodStart: Int32
    @Field(key: "period_end") var periodEnd: Int32
    @Field(key: "metric_key") var metricKey: String
    @Field(key: "owner_side") var ownerSide: String
    @OptionalField(key: "baseline_value") var baselineValue: Int64?
    /// "best_ever" or the label of the prior-year period.
    @OptionalField(key: "baseline_source") var baselineSource: String?
    @Field(key: "status") var status: String
    @OptionalField(key: "carried_from") var carriedFrom: UUID?
    @OptionalField(key: "objective_id") var objectiveID: UUID?
    @OptionalField(key: "closing_actual") var closingActual: Int64?
    @OptionalField(key: "decline_actor") var declineActor: String?
    @OptionalField(key: "decline_role") var declineRole: String?
    @OptionalField(key: "decline_reason") var declineReason: String?
    @OptionalField(key: "declined_at") var declinedAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "version") var version: Int

    init() {}

    init(_ goal: Goal, programID: UUID, at: Date) {
        id = goal.id
        self.programID = programID
        partnerID = goal.partnerID
        fiscalStartMonth = goal.period.calendar.startMonth
        periodKind = goal.period.kind.rawValue
        fiscalYear = goal.period.fiscalYear
        periodIndex = goal.period.index
        periodStart = Int32(goal.period.start.number)
        periodEnd = Int32(goal.period.end.number)
        metricKey = goal.metricKey
        ownerSide = goal.ownerSide.rawValue
        baselineValue = goal.baseline?.value
        baselineSource = goal.baseline.map {
            switch $0.source {
            case .bestEver: "best_ever"
            case .samePeriodLastYear(let label): label
            }
        }
        carriedFrom = goal.carriedFrom
        objectiveID = goal.objectiveID
        createdAt = goal.createdAt
        // A new goal is stored as saved once: what `save` returns.
        version = goal.savedVersion + 1
        updateState(from: goal, at: at)
    }

    func updateState(from goal: Goal, at: Date) {
        status = goal.status.rawValue
        closingActual = goal.closingActual
        declineActor = goal.decline?.actor.name
        declineRole = goal.decline?.actor.role.rawValue
        declineReason = goal.decline?.reason
        declinedAt = goal.decline?.at
        updatedAt = at
    }

    var period: Period? {
        guard let kind = PeriodKind(rawValue: periodKind), (1...12).contains(fiscalStartMonth),
            (1...kind.countPerYear).contains(periodIndex)
        else { return nil }
        return Period(
            calendar: FiscalCalendar(validStartMonth: fiscalStartMonth), kind: kind, fiscalYear: fiscalYear,
            index: periodIndex)
    }

    func core(
        revisions: [GoalRevisionModel], acceptances: [GoalAcceptanceModel], overrides: [GoalOverrideModel],
        comments: [GoalCommentModel] = []
    ) throws -> Goal {
        guard let period, let side = Side(rawValue: ownerSide), let status = GoalStatus(rawValue: status),
            !revisions.isEmpty
        else { throw StoreError.corrupt("goal \(id?.uuidString ?? "?")") }
        let baseline = baselineValue.map { value in
            Baseline(
                value: value,
                source: baselineSource == "best_ever" ? .bestEver : .samePeriodLastYear(label: baselineSource ?? ""))
        }
        var decline: Decline?
        if let name = declineActor, let role = declineRole.flatMap(Role.init(rawValue:)), let at = declinedAt {
            decline = Decline(actor: Actor(name: name, role: role), reason: declineReason ?? "", at: at)
        }
        return Goal.restore(
            id: try requireID(), partnerID: partnerID, period: period, metricKey: metricKey, ownerSide: side,
            baseline: baseline, status: status, revisions: try revisions.map { try $0.core() },
            acceptances: try acceptances.sorted { $0.position < $1.position }.map { try $0.core() }, decline: decline,
            carriedFrom: carriedFrom, overrides: try overrides.sorted { $0.position < $1.position }.map { try $0.core() },
            closingActual: closingActual, createdAt: createdAt, objectiveID: objectiveID,
            comments: try comments.sorted { $0.position < $1.position }.map { try $0.core() }, savedVersion: version)
    }
}

final class GoalRevisionModel: Model, @unchecked Sendable {
    static let schema = "goal_revisions"

    @ID(key: .id) var id: UUID?
    @Field(key: "goal_id") var goalID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "target") var target: Int64
    @Field(key: "behaviour") var behaviour: String
    @OptionalField(key: "objective") var objective: String?
    @Field(key: "author_name") var authorName: String
    @Field(key: "author_role") var authorRole: String
    @Field(key: "at") var at: Date
    @Field(key: "origin") var origin: String

    init() {}

    init(_ revision: GoalRevision, goalID: UUID) {
        id = UUID()
        self.goalID = goalID
        number = revision.number
        target = revision.target
        behaviour = revision.behaviour
        objective = revision.objective
        authorName = revision.author.name
        authorRole = revision.author.role.rawValue
        at = revision.at
        origin = revision.origin.rawValue
    }

    func core() throws -> GoalRevision {
        guard let role = Role(rawValue: authorRole), let origin = RevisionOrigin(rawValue: origin) else {
            throw StoreError.corrupt("goal revision")
        }
        return GoalRevision(
            number: number, target: target, behaviour: behaviour, objective: objective,
            author: Actor(name: authorName, role: role), at: at, origin: origin)
    }
}

final class GoalAcceptanceModel: Model, @unchecked Sendable {
    static let schema = "goal_acceptances"

    @ID(key: .id) var id: UUID?
    @Field(key: "goal_id") var goalID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "revision") var revision: Int
    @Field(key: "actor_name") var actorName: String
    @Field(key: "actor_role") var actorRole: String
    @Field(key: "at") var at: Date

    init() {}

    init(_ acceptance: Acceptance, goalID: UUID, position: Int) {
        id = UUID()
        self.goalID = goalID
        self.position = position
        revision = acceptance.revision
        actorName = acceptance.actor.name
        actorRole = acceptance.actor.role.rawValue
        at = acceptance.at
    }

    func core() throws -> Acceptance {
        guard let role = Role(rawValue: actorRole) else { throw StoreError.corrupt("goal acceptance") }
        return Acceptance(revision: revision, actor: Actor(name: actorName, role: role), at: at)
    }
}

final class GoalOverrideModel: Model, @unchecked Sendable {
    static let schema = "goal_overrides"

    @ID(key: .id) var id: UUID?
    @Field(key: "goal_id") var goalID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "from_target") var fromTarget: Int64
    @Field(key: "to_target") var toTarget: Int64
    @Field(key: "reason") var reason: String
    @Field(key: "actor_name") var actorName: String
    @Field(key: "actor_role") var actorRole: String
    @Field(key: "at") var at: Date

    init() {}

    init(_ override: TargetOverride, goalID: UUID, position: Int) {
        id = UUID()
        self.goalID = goalID
        self.position = position
        fromTarget = override.from
        toTarget = override.to
        reason = override.reason
        actorName = override.actor.name
        actorRole = override.actor.role.rawValue
        at = override.at
    }

    func core() throws -> TargetOverride {
        guard let role = Role(rawValue: actorRole) else { throw StoreError.corrupt("goal override") }
        return TargetOverride(from: fromTarget, to: toTarget, reason: reason, actor: Actor(name: actorName, role: role), at: at)
    }
}

final class GoalCommentModel: Model, @unchecked Sendable {
    static let schema = "goal_comments"

    @ID(key: .id) var id: UUID?
    @Field(key: "goal_id") var goalID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "revision") var revision: Int
    @Field(key: "author_name") var authorName: String
    @Field(key: "author_role") var authorRole: String
    @Field(key: "at") var at: Date
    @Field(key: "text") var text: String

    init() {}

    init(_ comment: GoalComment, goalID: UUID, position: Int) {
        id = UUID()
        self.goalID = goalID
        self.position = position
        revision = comment.revision
        authorName = comment.author.name
        authorRole = comment.author.role.rawValue
        at = comment.at
        text = comment.text
    }

    func core() throws -> GoalComment {
        guard let role = Role(rawValue: authorRole) else { throw StoreError.corrupt("goal comment") }
        return GoalComment(revision: revision, author: Actor(name: authorName, role: role), at: at, text: text)
    }
}

final class AuditEntryModel: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    /// A database sequence: the order entries were written in.
    @ID(custom: .id, generatedBy: .database) var id: Int64?
    @Field(key: "at") var at: Date
    @Field(key: "actor_name") var actorName: String
    @Field(key: "actor_role") var actorRole: String
    @Field(key: "entity") var entity: String
    @Field(key: "entity_id") var entityID: String
    @Field(key: "action") var action: String
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?
    @OptionalField(key: "reason") var reason: String?

    init() {}

    init(_ entry: AuditEntry) {
        at = entry.at
        actorName = entry.actor.name
        actorRole = entry.actor.role.rawValue
        entity = entry.entity
        entityID = entry.entityID
        action = entry.action
        before = entry.before
        after = entry.after
        reason = entry.reason
    }

    func core() -> AuditEntry {
        AuditEntry(
            at: at, actor: Actor(name: actorName, role: Role(rawValue: actorRole) ?? .programAdmin), entity: entity,
            entityID: entityID, action: action, before: before, after: after, reason: reason)
    }
}
