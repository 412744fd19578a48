import AccordCore
import FluentKit
import Foundation
import SQLKit

extension AccordStore {
    // MARK: rewards and consequences declared on goals (DOMAIN §7)

    public func benefits(ofGoals ids: [UUID]) async throws -> [UUID: GoalBenefits] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await GoalBenefitsModel.query(on: database).filter(\.$goalID ~~ ids).all()
        let decoder = JSONDecoder()
        return Dictionary(
            uniqueKeysWithValues: try rows.map { row in
                (
                    row.goalID,
                    GoalBenefits(
                        rewards: try decoder.decode([BenefitTerms].self, from: Data(row.rewards.utf8)),
                        consequences: try decoder.decode([BenefitTerms].self, from: Data(row.consequences.utf8)))
                )
            })
    }

    public func setBenefits(_ benefits: GoalBenefits, ofGoal goalID: UUID, by actor: Actor, at now: Date) async throws {
        try await transaction { store in
            let before = try await store.benefits(ofGoals: [goalID])[goalID]
            let row =
                try await GoalBenefitsModel.query(on: store.database).filter(\.$goalID == goalID).first() ?? GoalBenefitsModel()
            if row.id == nil {
                row.id = UUID()
                row.goalID = goalID
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            row.rewards = String(decoding: try encoder.encode(benefits.rewards), as: UTF8.self)
            row.consequences = String(decoding: try encoder.encode(benefits.consequences), as: UTF8.self)
            row.updatedAt = now
            try await row.save(on: store.database)
            try await store.append(
                .change("set_benefits", of: "goal", id: goalID.uuidString, before: before, after: benefits, by: actor, at: now))
        }
    }

    // MARK: the benefits ledger (DOMAIN §7): appended at period close, never rewritten

    public func append(ledger entries: [LedgerEntry], programID: UUID, at now: Date) async throws {
        for entry in entries { try await LedgerEntryModel(entry, programID: programID, at: now).create(on: database) }
    }

    /// Ledger lines, oldest first; for one partner or the whole program.
    public func ledger(programID: UUID, partnerID: UUID? = nil) async throws -> [LedgerEntry] {
        var query = LedgerEntryModel.query(on: database).filter(\.$programID == programID)
        if let partnerID { query = query.filter(\.$partnerID == partnerID) }
        return try await query.sort(\.$onDay).sort(\.$createdAt).all().compactMap { $0.core() }
    }

    // MARK: level recommendations (DOMAIN §12)

    public func save(_ recommendations: [TierRecommendation], programID: UUID) async throws {
        for rec in recommendations { try await TierRecommendationModel(rec, programID: programID).create(on: database) }
    }

    public func tierRecommendations(programID: UUID, partnerID: UUID? = nil) async throws -> [TierRecommendation] {
        var query = TierRecommendationModel.query(on: database).filter(\.$programID == programID)
        if let partnerID { query = query.filter(\.$partnerID == partnerID) }
        return try await query.sort(\.$asOf, .descending).all().map { try $0.core() }
    }

    public func tierRecommendation(_ id: UUID) async throws -> (TierRecommendation, programID: UUID) {
        guard let row = try await TierRecommendationModel.find(id, on: database) else {
            throw StoreError.notFound("level recommendation \(id)")
        }
        return (try row.core(), row.programID)
    }

    /// Records an admin's decision; applying a recommendation moves the partner to its new level, in one transaction.
    public func decide(_ rec: TierRecommendation, by actor: Actor, at now: Date) async throws {
        try await transaction { store in
            guard let row = try await TierRecommendationModel.find(rec.id, on: store.database) else {
                throw StoreError.notFound("level recommendation \(rec.id)")
            }
            let before = try row.core()
            row.status = rec.status.rawValue
            row.decidedBy = rec.decidedBy
            row.decidedAt = rec.decidedAt
            try await row.save(on: store.database)
            try await store.append(
                .change(
                    rec.status.rawValue, of: "tier_recommendation", id: rec.id.uuidString, before: before, after: rec, by: actor, at: now))
            if rec.status == .applied {
                guard let partner = try await PartnerModel.find(rec.partnerID, on: store.database) else {
                    throw StoreError.notFound("partner \(rec.partnerID)")
                }
                let old = try partner.core()
                partner.tier = rec.toTier
                try await partner.save(on: store.database)
                try await store.append(
                    .change(
                        "change_tier", of: "partner", id: rec.partnerID.uuidString, before: old, after: try partner.core(), by: actor,
                        at: now))
            }
        }
    }

    // MARK: recognition wall consent (DOMAIN §7)

    public func setRecognition(partnerID: UUID, shown: Bool, by actor: Actor, at now: Date) async throws {
        try await transaction { store in
            guard let row = try await PartnerModel.find(partnerID, on: store.database) else {
                throw StoreError.notFound("partner \(partnerID)")
            }
            let before = try row.core()
            row.showOnRecognitionWall = shown
            try await row.save(on: store.database)
            try await store.append(
                .change(
                    "set_recognition", of: "partner", id: partnerID.uuidString, before: before, after: try row.core(), by: actor, at: now))
        }
    }

    // MARK: segment history (DOMAIN §8)

    public func save(_ snapshots: [SegmentSnapshot], programID: UUID) async throws {
        for snapshot in snapshots {
            let row = SegmentSnapshotModel()
            row.id = UUID()
            row.programID = programID
            row.partnerID = snapshot.partnerID
            row.periodStart = Int32(snapshot.periodStart.number)
            row.periodLabel = snapshot.period
            row.commitment = snapshot.commitment
            row.performance = snapshot.performance
            row.segment = snapshot.segment.rawValue
            try await row.create(on: database)
        }
    }

    /// Snapshots oldest first.
    public func segmentHistory(programID: UUID) async throws -> [SegmentSnapshot] {
        try await SegmentSnapshotModel.query(on: database).filter(\.$programID == programID).sort(\.$periodStart).all().compactMap { row in
            Segment(rawValue: row.segment).map {
                SegmentSnapshot(
                    partnerID: row.partnerID, period: row.periodLabel, periodStart: Day(number: Int(row.periodStart)),
                    commitment: row.commitment, performance: row.performance, segment: $0)
            }
        }
    }

    // MARK: the vendor's top-down plan (DOMAIN §9) — internal

    public func setTopDownPlan(_ entry: TopDownPlanEntry, programID: UUID, by actor: Actor, at now: Date) async throws {
        try await transaction { store in
            let row =
                try await TopDownPlanModel.query(on: store.database).filter(\.$programID == programID)
                .filter(\.$periodLabel == entry.period.label).first() ?? TopDownPlanModel()
            let before = row.id == nil ? nil : row.amount
            if row.id == nil {
                row.id = UUID()
                row.programID = programID
                row.periodLabel = entry.period.label
            }
            row.amount = entry.amount
            row.setBy = actor.name
            row.setAt = now
            try await row.save(on: store.database)
            try await store.append(
                .change("set_plan", of: "topdown_plan", id: entry.period.label, before: before, after: entry.amount, by: actor, at: now))
        }
    }

    public func topDownPlans(programID: UUID, calendar: FiscalCalendar) async throws -> [TopDownPlanEntry] {
        try await TopDownPlanModel.query(on: database).filter(\.$programID == programID).all().compactMap { row in
            (try? Period(label: row.periodLabel, calendar: calendar)).map { TopDownPlanEntry(period: $0, amount: row.amount) }
        }.sorted { ($0.period.start, $0.period.kind.months) < ($1.period.start, $1.period.kind.months) }
    }

    /// Revenue per partner and solution in `start..<end`: the prior-year share the plan is spread by.
    public func revenueBySolution(programID: UUID, from start: Day, to end: Day) async throws -> [UUID: [String: Int64]] {
        struct Row: Decodable {
            let partner_id: UUID
            let solution: String
            let value: Int64
        }
        let rows = try await sql.raw(
            """
            SELECT partner_id, solution, CAST(SUM(amount) AS BIGINT) AS value FROM sales_lines
            WHERE program_id = \(bind: programID) AND day >= \(bind: Int32(start.number)) AND day < \(bind: Int32(end.number))
            GROUP BY partner_id, solution
            """
        ).all(decoding: Row.self)
        var result: [UUID: [String: Int64]] = [:]
        for row in rows { result[row.partner_id, default: [:]][row.solution] = row.value }
        return result
    }
}
