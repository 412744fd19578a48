import Foundation

/// A channel partner and what the vendor knows of its situation (DOMAIN §3).
public struct Partner: Hashable, Codable, Sendable, Identifiable {
    public let id: UUID
    public var programID: UUID
    public var name: String
    /// The partner's key in the vendor's CRM: how imported facts refer to it.
    public var externalKey: String
    public var businessModel: BusinessModel
    public var region: String
    /// The channel manager (CAM) who owns the partner.
    public var channelManager: String
    public var calendar: FiscalCalendar
    public var tier: String
    public var stage: LifecycleStage
    /// Whether the partner agreed to appear on the recognition wall (DOMAIN §7).
    public var showOnRecognitionWall: Bool

    public init(
        id: UUID = UUID(), programID: UUID, name: String, externalKey: String, businessModel: BusinessModel,
        region: String, channelManager: String, calendar: FiscalCalendar, tier: String, stage: LifecycleStage,
        showOnRecognitionWall: Bool = true
    ) {
        self.id = id
        self.programID = programID
        self.name = name
        self.externalKey = externalKey
        self.businessModel = businessModel
        self.region = region
        self.channelManager = channelManager
        self.calendar = calendar
        self.tier = tier
        self.stage = stage
        self.showOnRecognitionWall = showOnRecognitionWall
    }
}

public enum BusinessModel: String, Codable, Sendable, CaseIterable {
    case reseller
    case consultingHouse = "consulting_house"
    case solutionProvider = "solution_provider"
    case msp
    case distributor
    case other

    public var label: String {
        switch self {
        case .reseller: "Reseller"
        case .consultingHouse: "Consulting house"
        case .solutionProvider: "Solution provider"
        case .msp: "MSP"
        case .distributor: "Distributor"
        case .other: "Other"
        }
    }
}

/// Problems with a partner record, reported before anything is saved.
public enum PartnerError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyName
    case invalidExternalKey(String)
    case emptyRegion
    case stageChange(from: LifecycleStage, to: LifecycleStage)
    case stageChangeNeedsReason
    case capacity(String)

    public var description: String {
        switch self {
        case .emptyName: "a partner needs a name"
        case .invalidExternalKey(let key):
            "external key '\(key)' must be 1–64 printable characters without spaces at either end"
        case .emptyRegion: "a partner needs a region"
        case .stageChange(let from, let to): "a partner cannot move from \(from.rawValue) to \(to.rawValue)"
        case .stageChangeNeedsReason: "a stage change needs a reason"
        case .capacity(let message): message
        }
    }
}

extension Partner {
    /// Checks the fields a person or an import typed.
    public func validated() throws(PartnerError) -> Partner {
        guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .emptyName }
        let trimmedKey = externalKey.trimmingCharacters(in: .whitespaces)
        guard !trimmedKey.isEmpty, trimmedKey == externalKey, externalKey.count <= 64,
            (try? TextRules.checkIdentifier(externalKey, field: "external_key")) != nil
        else { throw .invalidExternalKey(externalKey) }
        guard !region.trimmingCharacters(in: .whitespaces).isEmpty else { throw .emptyRegion }
        return self
    }
}
