import AccordCore
import FluentKit
import Foundation

/// Which partners a list shows.
public struct PartnerFilter: Sendable {
    public var search: String?
    public var stage: LifecycleStage?
    public var region: String?
    public var channelManager: String?

    public init(search: String? = nil, stage: LifecycleStage? = nil, region: String? = nil, channelManager: String? = nil) {
        self.search = search
        self.stage = stage
        self.region = region
        self.channelManager = channelManager
    }
}

extension AccordStore {
    public func create(_ partner: Partner, capacity: CapacityProfile? = nil, by actor: Actor, at now: Date) async throws {
        try await transaction { store in
            let clash = try await PartnerModel.query(on: store.database).filter(\.$programID == partner.programID)
                .filter(\.$externalKey == partner.externalKey).count()
            guard clash == 0 else { throw StoreError.duplicate("a partner with external key '\(partner.externalKey)'") }
            try await PartnerModel(partner, at: now).create(on: store.database)
            if let capacity { try await CapacityProfileModel(capacity, partnerID: partner.id, at: now).create(on: store.database) }
            try await store.append(
                .change("create", of: "partner", id: partner.id.uuidString, before: nil as Partner?, after: partner, by: actor, at: now))
        }
    }

    public func partners(of programID: UUID, filter: PartnerFilter = .init()) async throws -> [Partner] {
        var query = PartnerModel.query(on: database).filter(\.$programID == programID)
        if let stage = filter.stage { query = query.filter(\.$stage == stage.rawValue) }
        if let region = filter.region { query = query.filter(\.$region == region) }
        if let cam = filter.channelManager { query = query.filter(\.$channelManager == cam) }
        var partners = try await query.sort(\.$name).all().map { try $0.core() }
        if let search = filter.search?.trimmingCharacters(in: .whitespaces).lowercased(), !search.isEmpty {
            partners = partners.filter { $0.name.lowercased().contains(search) || $0.externalKey.lowercased().contains(search) }
        }
        return partners
    }

    public func partner(_ id: UUID) async throws -> Partner {
        guard let model = try await PartnerModel.find(id, on: database) else { throw StoreError.notFound("partner \(id)") }
        return try model.core()
    }

    /// Partner ids by external key: how imported facts name partners.
    public func partnerIDsByKey(in programID: UUID) async throws -> [String: UUID] {
        let rows = try await PartnerModel.query(on: database).filter(\.$programID == programID)
            .field(\.$id).field(\.$externalKey).all()
        return Dictionary(uniqueKeysWithValues: try rows.map { ($0.externalKey, try $0.requireID()) })
    }

    /// Records a stage change with its reason and keeps the history (DOMAIN §3).
    public func record(_ change: StageChange, for partnerID: UUID, by actor: Actor, at now: Date) async throws {
        try await transaction { store in
            guard let model = try await PartnerModel.find(partnerID, on: store.database) else {
                throw StoreError.notFound("partner \(partnerID)")
            }
            let before = try model.core()
            model.stage = change.to.rawValue
            try await model.update(on: store.database)
            try await StageChangeModel(change, partnerID: partnerID, at: now).create(on: store.database)
            try await store.append(
                .change(
                    "stage", of: "partner", id: partnerID.uuidString, before: before, after: try model.core(), by: actor, at: now,
                    reason: change.reason))
        }
    }

    public func stageHistory(of partnerID: UUID) async throws -> [StageChange] {
        try await StageChangeModel.query(on: database).filter(\.$partnerID == partnerID).sort(\.$recordedAt).all()
            .map { try $0.core() }
    }

    /// Adds a dated capacity profile; earlier ones stay (DOMAIN §3).
    public func add(_ profile: CapacityProfile, to partnerID: UUID, by actor: Actor, at now: Date) async throws {
        try await transaction { store in
            try await CapacityProfileModel(profile, partnerID: partnerID, at: now).create(on: store.database)
            try await store.append(
                .change(
                    "capacity", of: "partner", id: partnerID.uuidString, before: nil as CapacityProfile?, after: profile, by: actor, at: now
                ))
        }
    }

    /// Capacity profiles, oldest first.
    public func capacityHistory(of partnerID: UUID) async throws -> [CapacityProfile] {
        try await CapacityProfileModel.query(on: database).filter(\.$partnerID == partnerID).sort(\.$asOf).sort(\.$recordedAt)
            .all().map { try $0.core() }
    }

    /// The newest capacity profile of each partner of a program.
    public func latestCapacity(in programID: UUID) async throws -> [UUID: CapacityProfile] {
        let partnerIDs = try await PartnerModel.query(on: database).filter(\.$programID == programID).all(\.$id)
        let rows = try await CapacityProfileModel.query(on: database).filter(\.$partnerID ~~ partnerIDs).sort(\.$asOf).sort(\.$recordedAt)
            .all()
        var latest: [UUID: CapacityProfile] = [:]
        for row in rows { latest[row.partnerID] = try row.core() }
        return latest
    }
}

/// What a roster import did.
public struct RosterCount: Sendable, Equatable, Codable {
    public var created = 0
    public var updated = 0
    public var unchanged = 0

    public init() {}
}

extension AccordStore {
    /// The known partners among `keys`, with their newest capacity profile: what a roster batch compares with.
    public func partnersByKey(_ keys: [String], in programID: UUID) async throws -> [String: (Partner, CapacityProfile?)] {
        guard !keys.isEmpty else { return [:] }
        let models = try await PartnerModel.query(on: database).filter(\.$programID == programID).filter(\.$externalKey ~~ keys).all()
        let ids = try models.map { try $0.requireID() }
        var latest: [UUID: CapacityProfile] = [:]
        for row in try await CapacityProfileModel.query(on: database).filter(\.$partnerID ~~ ids).sort(\.$asOf).sort(\.$recordedAt).all() {
            latest[row.partnerID] = try row.core()
        }
        return Dictionary(
            uniqueKeysWithValues: try models.map { model in
                let partner = try model.core()
                return (partner.externalKey, (partner, latest[partner.id]))
            })
    }

    /// Saves the changes of a roster batch, each audited; call inside `transaction`.
    public func apply(_ changes: [RosterChange], by actor: Actor, at now: Date) async throws -> RosterCount {
        var count = RosterCount()
        var movedRegion: [UUID: Set<UUID>] = [:]
        for change in changes {
            let id = change.partner.id
            if change.isNew {
                try await PartnerModel(change.partner, at: now).create(on: database)
                try await append(
                    .change("import", of: "partner", id: id.uuidString, before: nil as Partner?, after: change.partner, by: actor, at: now))
            } else if change.fieldsChanged {
                guard let model = try await PartnerModel.find(id, on: database) else { throw StoreError.notFound("partner \(id)") }
                let before = try model.core()
                if before.region != change.partner.region { movedRegion[before.programID, default: []].insert(id) }
                model.update(from: change.partner)
                try await model.update(on: database)
                try await append(
                    .change("import", of: "partner", id: id.uuidString, before: before, after: change.partner, by: actor, at: now))
            }
            if let stage = change.stageChange { try await record(stage, for: id, by: actor, at: now) }
            if let capacity = change.capacity { try await add(capacity, to: id, by: actor, at: now) }
            if change.isNew {
                count.created += 1
            } else if change.fieldsChanged || change.stageChange != nil || change.capacity != nil {
                count.updated += 1
            } else {
                count.unchanged += 1
            }
        }
        // A region picks its goals' seasonality (DOMAIN §6): the partners that moved are paced anew.
        for (programID, partnerIDs) in movedRegion {
            try await refreshStandings(goalIDs: try await standingGoalIDs(partnerIDs: partnerIDs), programID: programID)
        }
        return count
    }
}
