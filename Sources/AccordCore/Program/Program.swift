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
    /// Month weights for pacing and forecasts (§6): the program's default profile.
    public var seasonality: SeasonalityProfile
    /// Profiles of regions that buy in another rhythm, by region name; a partner's region picks its goals' profile.
    public var regionalSeasonality: [String: SeasonalityProfile]
    /// Profiles of solutions, by solution name: they shape the planning expectation of that solution (§9).
    public var solutionSeasonality: [String: SeasonalityProfile]
    /// Items of the enablement checklist (§5.4): activity records name them as their subject.
    public var checklistItems: [String]
    /// Share of expected-to-date below which a goal is `behind` rather than `at risk` (§6).
    public var atRiskThreshold: Double
    /// Carrots, sticks or both (§7).
    public var motivationPolicy: MotivationPolicy
    /// Rewards and consequences for goals that declare none of their own, per metric category (§7).
    public var benefitDefaults: [BenefitDefault]
    /// Where high commitment and high performance begin (§8).
    public var segmentThresholds: SegmentThresholds
    /// Program levels from lowest to highest (§12).
    public var tiers: [Tier]
    /// Year ends a partner may stay below its level's requirements before a demotion is recommended (§12).
    public var tierGraceYears: Int
    /// How the vendor's top-down plan is spread over partners (§9).
    public var planningIndexes: PlanningIndexes
    /// The day of the week the "where do we stand" digest goes out (issue 19).
    public var digestDay: Weekday

    public init(
        minimumImprovement: Double = 0, responseWindowDays: Int = 14, seasonality: SeasonalityProfile = .flatByDays,
        checklistItems: [String] = ProgramSettings.defaultChecklist, atRiskThreshold: Double = 0.8,
        motivationPolicy: MotivationPolicy = .carrot, benefitDefaults: [BenefitDefault] = [],
        segmentThresholds: SegmentThresholds = .init(), tiers: [Tier] = [], tierGraceYears: Int = 1,
        planningIndexes: PlanningIndexes = .init(), regionalSeasonality: [String: SeasonalityProfile] = [:],
        solutionSeasonality: [String: SeasonalityProfile] = [:], digestDay: Weekday = .monday
    ) {
        self.minimumImprovement = minimumImprovement
        self.responseWindowDays = responseWindowDays
        self.seasonality = seasonality
        self.regionalSeasonality = regionalSeasonality
        self.solutionSeasonality = solutionSeasonality
        self.checklistItems = checklistItems
        self.atRiskThreshold = atRiskThreshold
        self.motivationPolicy = motivationPolicy
        self.benefitDefaults = benefitDefaults
        self.segmentThresholds = segmentThresholds
        self.tiers = tiers
        self.tierGraceYears = tierGraceYears
        self.planningIndexes = planningIndexes
        self.digestDay = digestDay
    }

    /// Settings saved before a field existed read with that field's default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ProgramSettings()
        minimumImprovement = try c.decodeIfPresent(Double.self, forKey: .minimumImprovement) ?? d.minimumImprovement
        responseWindowDays = try c.decodeIfPresent(Int.self, forKey: .responseWindowDays) ?? d.responseWindowDays
        seasonality = try c.decodeIfPresent(SeasonalityProfile.self, forKey: .seasonality) ?? d.seasonality
        regionalSeasonality =
            try c.decodeIfPresent([String: SeasonalityProfile].self, forKey: .regionalSeasonality) ?? d.regionalSeasonality
        solutionSeasonality =
            try c.decodeIfPresent([String: SeasonalityProfile].self, forKey: .solutionSeasonality) ?? d.solutionSeasonality
        checklistItems = try c.decodeIfPresent([String].self, forKey: .checklistItems) ?? d.checklistItems
        atRiskThreshold = try c.decodeIfPresent(Double.self, forKey: .atRiskThreshold) ?? d.atRiskThreshold
        motivationPolicy = try c.decodeIfPresent(MotivationPolicy.self, forKey: .motivationPolicy) ?? d.motivationPolicy
        benefitDefaults = try c.decodeIfPresent([BenefitDefault].self, forKey: .benefitDefaults) ?? d.benefitDefaults
        segmentThresholds = try c.decodeIfPresent(SegmentThresholds.self, forKey: .segmentThresholds) ?? d.segmentThresholds
        tiers = try c.decodeIfPresent([Tier].self, forKey: .tiers) ?? d.tiers
        tierGraceYears = try c.decodeIfPresent(Int.self, forKey: .tierGraceYears) ?? d.tierGraceYears
        planningIndexes = try c.decodeIfPresent(PlanningIndexes.self, forKey: .planningIndexes) ?? d.planningIndexes
        digestDay = try c.decodeIfPresent(Weekday.self, forKey: .digestDay) ?? d.digestDay
    }

    public static let defaultChecklist = [
        "partner_agreement_signed", "portal_access", "sales_training", "presales_training",
        "first_certification", "demo_environment", "joint_marketing_plan", "first_deal_registered",
    ]

    public var improvementRule: ImprovementRule { ImprovementRule(minimumImprovement: minimumImprovement) }
}
