import AccordCore
import FluentKit
import Foundation

final class GoalBenefitsModel: Model, @unchecked Sendable {
    static let schema = "goal_benefits"

    @ID(key: .id) var id: UUID?
    @Field(key: "goal_id") var goalID: UUID
    /// [BenefitTerms] as JSON.
    @Field(key: "rewards") var rewards: String
    @Field(key: "consequences") var consequences: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

final class LedgerEntryModel: Model, @unchecked Sendable {
    static let schema = "benefit_ledger"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "partner_id") var partnerID: UUID
    @Field(key: "goal_id") var goalID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "amount") var amount: Int64
    @Field(key: "on_day") var onDay: Int32
    @Field(key: "detail") var detail: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ entry: LedgerEntry, programID: UUID, at now: Date) {
        id = UUID()
        self.programID = programID
        partnerID = entry.partnerID
        goalID = entry.goalID
        kind = entry.kind.rawValue
        amount = entry.amount
        onDay = Int32(entry.on.number)
        detail = entry.detail
        createdAt = now
    }

    func core() -> LedgerEntry? {
        BenefitKind(rawValue: kind).map {
            LedgerEntry(partnerID: partnerID, goalID: goalID, kind: $0, amount: amount, on: Day(number: Int(onDay)), detail: detail)
        }
    }
}

final class TierRecommendationModel: Model, @unchecked Sendable {
    static let schema = "tier_recommendations"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "partner_id") var partnerID: UUID
    @Field(key: "as_of") var asOf: Int32
    @Field(key: "kind") var kind: String
    @Field(key: "from_tier") var fromTier: String
    @Field(key: "to_tier") var toTier: String
    @Field(key: "reason") var reason: String
    @Field(key: "status") var status: String
    @OptionalField(key: "decided_by") var decidedBy: String?
    @OptionalField(key: "decided_at") var decidedAt: Date?

    init() {}

    init(_ rec: TierRecommendation, programID: UUID) {
        id = rec.id
        self.programID = programID
        partnerID = rec.partnerID
        asOf = Int32(rec.asOf.number)
        kind = rec.kind.rawValue
        fromTier = rec.fromTier
        toTier = rec.toTier
        reason = rec.reason
        status = rec.status.rawValue
        decidedBy = rec.decidedBy
        decidedAt = rec.decidedAt
    }

    func core() throws -> TierRecommendation {
        TierRecommendation(
            id: try requireID(), partnerID: partnerID, asOf: Day(number: Int(asOf)),
            kind: TierRecommendation.Kind(rawValue: kind) ?? .grace,
            fromTier: fromTier, toTier: toTier, reason: reason, status: TierRecommendation.Status(rawValue: status) ?? .noted,
            decidedBy: decidedBy, decidedAt: decidedAt)
    }
}

final class SegmentSnapshotModel: Model, @unchecked Sendable {
    static let schema = "segment_snapshots"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "partner_id") var partnerID: UUID
    @Field(key: "period_start") var periodStart: Int32
    @Field(key: "period_label") var periodLabel: String
    @Field(key: "commitment") var commitment: Double
    @Field(key: "performance") var performance: Double
    @Field(key: "segment") var segment: String

    init() {}
}

final class TopDownPlanModel: Model, @unchecked Sendable {
    static let schema = "topdown_plans"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "period_label") var periodLabel: String
    @Field(key: "amount") var amount: Int64
    @Field(key: "set_by") var setBy: String
    @Field(key: "set_at") var setAt: Date

    init() {}
}
