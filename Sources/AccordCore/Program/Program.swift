import Foundation

/// A vendor's partner program and the settings an administrator can change (DOMAIN: numbers are defaults).
public struct Program: Hashable, Codable, Sendable, Identifiable {
    public let id: UUID
    public var name: String
    public var currency: Currency
    /// The vendor's own fiscal calendar (DOMAIN §2).
    public var calendar: FiscalCalendar
    public var settings: ProgramSettings

    public init(id: UUID = UUID(), name: String, currency: Currency, calendar: FiscalCalendar, settings: ProgramSettings = .init()) {
        self.id = id
        self.name = name
        self.currency = currency
        self.calendar = calendar
        self.settings = settings
    }
}

public struct ProgramSettings: Hashable, Codable, Sendable {
    /// How much better than the baseline a target must be, as a fraction (0 = any strict improvement) (§5.1).
    public var minimumImprovement: Double
    /// Days a proposal may wait for an answer before it is flagged as lapsed (§5.2).
    public var responseWindowDays: Int
    /// Month weights for pacing and forecasts (§6).
    public var seasonality: SeasonalityProfile
    /// Items of the enablement checklist (§5.4): activity records name them as their subject.
    public var checklistItems: [String]
    /// Share of expected-to-date below which a goal is `behind` rather than `at risk` (§6).
    public var atRiskThreshold: Double

    public init(
        minimumImprovement: Double = 0, responseWindowDays: Int = 14, seasonality: SeasonalityProfile = .flatByDays,
        checklistItems: [String] = ProgramSettings.defaultChecklist, atRiskThreshold: Double = 0.8
    ) {
        self.minimumImprovement = minimumImprovement
        self.responseWindowDays = responseWindowDays
        self.seasonality = seasonality
        self.checklistItems = checklistItems
        self.atRiskThreshold = atRiskThreshold
    }

    public static let defaultChecklist = [
        "partner_agreement_signed", "portal_access", "sales_training", "presales_training",
        "first_certification", "demo_environment", "joint_marketing_plan", "first_deal_registered",
    ]

    public var improvementRule: ImprovementRule { ImprovementRule(minimumImprovement: minimumImprovement) }
}
