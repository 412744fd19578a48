import AccordCore
import FluentKit
import Foundation
import SQLKit

final class JointPlanModel: Model, @unchecked Sendable {
    static let schema = "joint_plans"

    @ID(key: .id) var id: UUID?
    @Field(key: "partner_id") var partnerID: UUID
    @Field(key: "status") var status: String
    @OptionalField(key: "agreed_revision") var agreedRevision: Int?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "version") var version: Int

    init() {}
}

final class PlanRevisionModel: Model, @unchecked Sendable {
    static let schema = "plan_revisions"

    @ID(key: .id) var id: UUID?
    @Field(key: "plan_id") var planID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "content") var content: String
    @Field(key: "author_name") var authorName: String
    @Field(key: "author_role") var authorRole: String
    @Field(key: "at") var at: Date

    init() {}
}

final class PlanAcceptanceModel: Model, @unchecked Sendable {
    static let schema = "plan_acceptances"

    @ID(key: .id) var id: UUID?
    @Field(key: "plan_id") var planID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "revision") var revision: Int
    @Field(key: "actor_name") var actorName: String
    @Field(key: "actor_role") var actorRole: String
    @Field(key: "at") var at: Date

    init() {}
}

final class PlanCommentModel: Model, @unchecked Sendable {
    static let schema = "plan_comments"

    @ID(key: .id) var id: UUID?
    @Field(key: "plan_id") var planID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "revision") var revision: Int
    @Field(key: "author_name") var authorName: String
    @Field(key: "author_role") var authorRole: String
    @Field(key: "at") var at: Date
    @Field(key: "text") var text: String

    init() {}
}

final class ReviewModel: Model, @unchecked Sendable {
    static let schema = "reviews"

    @ID(key: .id) var id: UUID?
    @Field(key: "partner_id") var partnerID: UUID
    @Field(key: "fiscal_start_month") var fiscalStartMonth: Int
    @Field(key: "period_kind") var periodKind: String
    @Field(key: "fiscal_year") var fiscalYear: Int
    @Field(key: "period_index") var periodIndex: Int
    @Field(key: "due_day") var dueDay: Int32
    /// The review as JSON: held once, then kept as it was but for its action items' progress.
    @Field(key: "record") var record: String
    @OptionalField(key: "held_on") var heldOn: Int32?
    @OptionalField(key: "flagged_from") var flaggedFrom: Int32?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

extension AccordStore {
    static let planEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let planDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// Saves a plan's state and its new revisions and acceptances; earlier ones are never rewritten (DOMAIN §10, §14).
    /// Returns the plan as now stored; a plan changed by someone else since it was read is not saved
    /// (`StoreError.conflict`): two answers at once never both land.
    /// `messages` (the outbox's, about this change) are written in the same transaction: both land or neither.
    @discardableResult
    public func save(_ plan: JointPlan, action: String, by actor: Actor, at now: Date, messages: [OutboxMessage] = []) async throws
        -> JointPlan
    {
        try await transaction { store in
            let db = store.database
            // The guarded write first, as for goals: it takes the write lock before anything is read.
            let guarded = try await store.sql.raw(
                """
                UPDATE joint_plans SET version = version + 1 WHERE id = \(bind: plan.id) AND version = \(bind: plan.savedVersion)
                RETURNING id
                """
            ).first()
            let existing = try await JointPlanModel.find(plan.id, on: db)
            if existing != nil && guarded == nil { throw StoreError.conflict("This plan") }
            let before = try await store.plans(partnerID: plan.partnerID).first { $0.id == plan.id }
            let model =
                existing
                ?? {
                    let created = JointPlanModel()
                    created.id = plan.id
                    created.partnerID = plan.partnerID
                    created.createdAt = now
                    created.version = plan.savedVersion + 1
                    return created
                }()
            model.status = plan.status.rawValue
            model.agreedRevision = plan.agreedRevision
            model.updatedAt = now
            try await model.save(on: db)
            for revision in plan.revisions.dropFirst(before?.revisions.count ?? 0) {
                let row = PlanRevisionModel()
                row.id = UUID()
                row.planID = plan.id
                row.number = revision.number
                row.content = String(decoding: try Self.planEncoder.encode(revision.content), as: UTF8.self)
                row.authorName = revision.author.name
                row.authorRole = revision.author.role.rawValue
                row.at = revision.at
                try await row.create(on: db)
            }
            for (position, acceptance) in plan.acceptances.enumerated().dropFirst(before?.acceptances.count ?? 0) {
                let row = PlanAcceptanceModel()
                row.id = UUID()
                row.planID = plan.id
                row.position = position
                row.revision = acceptance.revision
                row.actorName = acceptance.actor.name
                row.actorRole = acceptance.actor.role.rawValue
                row.at = acceptance.at
                try await row.create(on: db)
            }
            for (position, comment) in plan.comments.enumerated().dropFirst(before?.comments.count ?? 0) {
                let row = PlanCommentModel()
                row.id = UUID()
                row.planID = plan.id
                row.position = position
                row.revision = comment.revision
                row.authorName = comment.author.name
                row.authorRole = comment.author.role.rawValue
                row.at = comment.at
                row.text = comment.text
                try await row.create(on: db)
            }
            try await store.append(.change(action, of: "plan", id: plan.id.uuidString, before: before, after: plan, by: actor, at: now))
            try await store.enqueue(messages)
            return plan.saved()
        }
    }

    /// A partner's plans, newest first.
    public func plans(partnerID: UUID) async throws -> [JointPlan] {
        let models = try await JointPlanModel.query(on: database).filter(\.$partnerID == partnerID).sort(\.$createdAt, .descending).all()
        return try await models.asyncMap { try await plan(from: $0) }
    }

    /// The partners among `partnerIDs` that have an agreed plan (an input of commitment, DOMAIN §8), a query per chunk.
    public func partnersWithAgreedPlan(_ partnerIDs: [UUID]) async throws -> Set<UUID> {
        var agreed: Set<UUID> = []
        for start in stride(from: 0, to: partnerIDs.count, by: 500) {
            let chunk = Array(partnerIDs[start..<min(start + 500, partnerIDs.count)])
            agreed.formUnion(
                try await JointPlanModel.query(on: database).filter(\.$partnerID ~~ chunk).filter(\.$agreedRevision != nil)
                    .all(\.$partnerID))
        }
        return agreed
    }

    public func plan(_ id: UUID) async throws -> JointPlan {
        guard let model = try await JointPlanModel.find(id, on: database) else { throw StoreError.notFound("plan \(id)") }
        return try await plan(from: model)
    }

    private func plan(from model: JointPlanModel) async throws -> JointPlan {
        let id = try model.requireID()
        let revisions = try await PlanRevisionModel.query(on: database).filter(\.$planID == id).sort(\.$number).all()
        let acceptances = try await PlanAcceptanceModel.query(on: database).filter(\.$planID == id).sort(\.$position).all()
        let comments = try await PlanCommentModel.query(on: database).filter(\.$planID == id).sort(\.$position).all()
        guard let status = JointPlan.Status(rawValue: model.status), !revisions.isEmpty else { throw StoreError.corrupt("plan \(id)") }
        return JointPlan.restore(
            id: id, partnerID: model.partnerID, status: status,
            revisions: try revisions.map { row in
                guard let role = Role(rawValue: row.authorRole) else { throw StoreError.corrupt("plan revision") }
                return JointPlan.Revision(
                    number: row.number, content: try Self.planDecoder.decode(JointPlanContent.self, from: Data(row.content.utf8)),
                    author: Actor(name: row.authorName, role: role), at: row.at)
            },
            acceptances: try acceptances.map { row in
                guard let role = Role(rawValue: row.actorRole) else { throw StoreError.corrupt("plan acceptance") }
                return Acceptance(revision: row.revision, actor: Actor(name: row.actorName, role: role), at: row.at)
            },
            agreedRevision: model.agreedRevision,
            comments: try comments.map { row in
                guard let role = Role(rawValue: row.authorRole) else { throw StoreError.corrupt("plan comment") }
                return GoalComment(revision: row.revision, author: Actor(name: row.authorName, role: role), at: row.at, text: row.text)
            }, savedVersion: model.version)
    }

    // MARK: reviews (DOMAIN §11)

    /// Creates the reviews that fall due for a partner up to `through`, from the cadence of its agreed plan; idempotent.
    public func scheduleReviews(partnerID: UUID, calendar: FiscalCalendar, cadence: ReviewCadence, from: Day, through: Day, at now: Date)
        async throws -> Int
    {
        var created = 0
        for period in ReviewSchedule.periods(cadence: cadence, calendar: calendar, from: from, to: through.advanced(by: 1)) {
            let exists = try await ReviewModel.query(on: database).filter(\.$partnerID == partnerID)
                .filter(\.$periodKind == period.kind.rawValue).filter(\.$fiscalYear == period.fiscalYear)
                .filter(\.$periodIndex == period.index).count()
            guard exists == 0 else { continue }
            try await save(Review(partnerID: partnerID, period: period), created: now)
            created += 1
        }
        return created
    }

    /// Saves a review. A hold (`holding`) lands once: holding a review someone else held in the meantime is a
    /// conflict, never a second snapshot over the first.
    public func save(_ review: Review, created now: Date, holding: Bool = false) async throws {
        if holding {
            try await transaction { store in
                let stillOpen = try await store.sql.raw(
                    """
                    UPDATE reviews SET held_on = \(bind: review.heldOn.map { Int32($0.number) })
                    WHERE id = \(bind: review.id) AND held_on IS NULL RETURNING id
                    """
                ).first()
                let stored = try await ReviewModel.find(review.id, on: store.database)
                if stored != nil, stillOpen == nil { throw StoreError.conflict("This review") }
                try await store.write(review, over: stored, created: now)
            }
            return
        }
        try await write(review, over: try await ReviewModel.find(review.id, on: database), created: now)
    }

    private func write(_ review: Review, over stored: ReviewModel?, created now: Date) async throws {
        let model =
            stored
            ?? {
                let row = ReviewModel()
                row.id = review.id
                row.createdAt = now
                return row
            }()
        model.partnerID = review.partnerID
        model.fiscalStartMonth = review.period.calendar.startMonth
        model.periodKind = review.period.kind.rawValue
        model.fiscalYear = review.period.fiscalYear
        model.periodIndex = review.period.index
        model.dueDay = Int32(review.due.number)
        model.heldOn = review.heldOn.map { Int32($0.number) }
        model.flaggedFrom = review.flaggedFrom().map { Int32($0.number) }
        model.record = String(decoding: try Self.planEncoder.encode(review), as: UTF8.self)
        try await model.save(on: database)
        try await Self.writeActionItems(of: review, on: sql)
    }

    /// Replaces a review's rows in `action_items` with its record's items (the record stays the source).
    static func writeActionItems(of review: Review, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM action_items WHERE review_id = \(bind: review.id)").run()
        // 8 binds a row: a chunk stays far under SQLite's and PostgreSQL's bind limits.
        for chunk in review.actionItems.chunked(1_000) {
            let rows: [SQLQueryString] = chunk.map { item in
                let values: [any Encodable & Sendable] = [
                    item.id, review.id, review.partnerID, item.side.rawValue, item.owner, item.title, Int32(item.due.number),
                    item.status.rawValue,
                ]
                return "(\(binds: values))"
            }
            try await sql.raw(
                "INSERT INTO action_items (id, review_id, partner_id, side, owner, title, due_day, status) VALUES "
                    + rows.joined(separator: ", ")
            ).run()
        }
    }

    public func reviews(partnerID: UUID? = nil, dueBy: Day? = nil) async throws -> [Review] {
        var query = ReviewModel.query(on: database)
        if let partnerID { query = query.filter(\.$partnerID == partnerID) }
        if let dueBy { query = query.filter(\.$dueDay <= Int32(dueBy.number)) }
        return try await query.sort(\.$dueDay).all().map { try Self.planDecoder.decode(Review.self, from: Data($0.record.utf8)) }
    }

    /// Marks one action item done or dropped (DOMAIN §11), with its audit entry, in one transaction. A write first
    /// takes the review's lock, so two closes at once are one close and a refusal; the review's flag is recomputed.
    public func closeActionItem(
        reviewID: UUID, itemID: UUID, as status: ActionItem.Status, on day: Day, by actor: Actor, at now: Date
    ) async throws -> Review {
        try await transaction { store in
            guard
                try await store.sql.raw("UPDATE reviews SET due_day = due_day WHERE id = \(bind: reviewID) RETURNING id").first() != nil
            else { throw StoreError.notFound("review \(reviewID)") }
            var review = try await store.review(reviewID)
            let before = review
            try review.close(item: itemID, as: status, on: day, by: actor)
            try await store.write(review, over: try await ReviewModel.find(reviewID, on: store.database), created: now)
            try await store.append(
                .change("close_action_item", of: "review", id: reviewID.uuidString, before: before, after: review, by: actor, at: now))
            return review
        }
    }

    public func review(_ id: UUID) async throws -> Review {
        guard let model = try await ReviewModel.find(id, on: database) else { throw StoreError.notFound("review \(id)") }
        return try Self.planDecoder.decode(Review.self, from: Data(model.record.utf8))
    }
}

extension Sequence where Element: Sendable {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async throws -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
