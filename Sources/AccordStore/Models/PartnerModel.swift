import AccordCore
import FluentKit
import Foundation
import SQLKit

final class PartnerModel: Model, @unchecked Sendable {
    static let schema = "partners"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "name") var name: String
    @Field(key: "external_key") var externalKey: String
    @Field(key: "business_model") var businessModel: String
    @Field(key: "region") var region: String
    @Field(key: "channel_manager") var channelManager: String
    @Field(key: "fiscal_start_month") var fiscalStartMonth: Int
    @Field(key: "tier") var tier: String
    @Field(key: "stage") var stage: String
    @Field(key: "show_on_recognition_wall") var showOnRecognitionWall: Bool
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ partner: Partner, at: Date) {
        id = partner.id
        createdAt = at
        update(from: partner)
    }

    func update(from partner: Partner) {
        programID = partner.programID
        name = partner.name
        externalKey = partner.externalKey
        businessModel = partner.businessModel.rawValue
        region = partner.region
        channelManager = partner.channelManager
        fiscalStartMonth = partner.calendar.startMonth
        tier = partner.tier
        stage = partner.stage.rawValue
        showOnRecognitionWall = partner.showOnRecognitionWall
    }

    func core() throws -> Partner {
        guard let model = BusinessModel(rawValue: businessModel), let stage = LifecycleStage(rawValue: stage) else {
            throw StoreError.corrupt("partner \(externalKey)")
        }
        return Partner(
            id: try requireID(), programID: programID, name: name, externalKey: externalKey, businessModel: model,
            region: region, channelManager: channelManager, calendar: FiscalCalendar(validStartMonth: fiscalStartMonth),
            tier: tier, stage: stage, showOnRecognitionWall: showOnRecognitionWall)
    }
}

final class CapacityProfileModel: Model, @unchecked Sendable {
    static let schema = "capacity_profiles"

    @ID(key: .id) var id: UUID?
    @Field(key: "partner_id") var partnerID: UUID
    @Field(key: "as_of") var asOf: Int32
    @Field(key: "company_revenue") var companyRevenue: Int64
    @Field(key: "vendor_revenue_ttm") var vendorRevenueTTM: Int64
    @Field(key: "engineers") var engineers: Int
    @Field(key: "certified_engineers") var certifiedEngineers: Int
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}

    init(_ profile: CapacityProfile, partnerID: UUID, at: Date) {
        id = UUID()
        self.partnerID = partnerID
        asOf = Int32(profile.asOf.number)
        companyRevenue = profile.companyRevenue
        vendorRevenueTTM = profile.vendorRevenueTTM
        engineers = profile.engineers
        certifiedEngineers = profile.certifiedEngineers
        recordedAt = at
    }

    func core() throws -> CapacityProfile {
        try CapacityProfile(
            asOf: Day(number: Int(asOf)), companyRevenue: companyRevenue, vendorRevenueTTM: vendorRevenueTTM,
            engineers: engineers, certifiedEngineers: certifiedEngineers)
    }
}

final class StageChangeModel: Model, @unchecked Sendable {
    static let schema = "stage_changes"

    @ID(key: .id) var id: UUID?
    @Field(key: "partner_id") var partnerID: UUID
    @Field(key: "from_stage") var fromStage: String
    @Field(key: "to_stage") var toStage: String
    @Field(key: "on_day") var onDay: Int32
    @Field(key: "by") var by: String
    @Field(key: "reason") var reason: String
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}

    init(_ change: StageChange, partnerID: UUID, at: Date) {
        id = UUID()
        self.partnerID = partnerID
        fromStage = change.from.rawValue
        toStage = change.to.rawValue
        onDay = Int32(change.on.number)
        by = change.by
        reason = change.reason
        recordedAt = at
    }

    func core() throws -> StageChange {
        guard let from = LifecycleStage(rawValue: fromStage), let to = LifecycleStage(rawValue: toStage) else {
            throw StoreError.corrupt("stage change")
        }
        return StageChange(from: from, to: to, on: Day(number: Int(onDay)), by: by, reason: reason)
    }
}

extension PartnerModel {
    /// A partner read straight from an SQL row (a list's query joins more columns than the model has).
    convenience init(row: some SQLRow) throws {
        self.init()
        id = try row.decode(column: "id", as: UUID.self)
        programID = try row.decode(column: "program_id", as: UUID.self)
        name = try row.decode(column: "name", as: String.self)
        externalKey = try row.decode(column: "external_key", as: String.self)
        businessModel = try row.decode(column: "business_model", as: String.self)
        region = try row.decode(column: "region", as: String.self)
        channelManager = try row.decode(column: "channel_manager", as: String.self)
        fiscalStartMonth = try row.decode(column: "fiscal_start_month", as: Int.self)
        tier = try row.decode(column: "tier", as: String.self)
        stage = try row.decode(column: "stage", as: String.self)
        showOnRecognitionWall = try row.decode(column: "show_on_recognition_wall", as: Bool.self)
        createdAt = try row.decode(column: "created_at", as: Date.self)
    }
}
