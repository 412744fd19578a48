import AccordCore
import AccordStore
import Foundation
import Vapor

/// Loads a realistic demo program: ~40 partners in every stage, business model and region, four
/// fiscal rhythms, two years of sales and activity, and goals in every state — created through the
/// same workflows as real use (proposals, acceptances, period close), so every rule holds in it.
struct DemoLoader {
    let store: AccordStore
    let clock: AccordClock
    /// Hashes the demo users' passwords (bcrypt, as for every user).
    let hashPassword: @Sendable (String) async throws -> String

    init(store: AccordStore, clock: AccordClock, hashPassword: @escaping @Sendable (String) async throws -> String) {
        self.store = store
        self.clock = clock
        self.hashPassword = hashPassword
    }

    /// The demo for an application: its database, clock and password hasher.
    init(app: Application) {
        self.init(store: AccordStore(database: app.db), clock: app.clock, hashPassword: { try app.password.hash($0) })
    }

    /// Loads the demo when the database holds no program; returns whether it did.
    func loadIfEmpty() async throws -> Bool {
        guard try await store.programs().isEmpty else { return false }
        try await load()
        return true
    }

    func load() async throws {
        let today = clock.today
        var random = DemoRandom(seed: 20_261_123)
        let start = Date(timeIntervalSince1970: Double(today.number - 760) * 86_400)
        let program = Program(
            name: DemoCast.programName, currency: .usd, calendar: FiscalCalendar(validStartMonth: 2),
            settings: DemoInsight.settings(
                seasonality: try SeasonalityProfile(monthlyWeights: DemoFacts.seasonality),
                regions: [DemoFacts.apacRegion: try SeasonalityProfile(monthlyWeights: DemoFacts.apacSeasonality)]))
        try await store.create(program, by: DemoCast.admin, at: start)

        var partners: [(Partner, profile: DemoProfile)] = []
        for (index, name) in DemoCast.names.enumerated() {
            var partner = Partner(
                programID: program.id, name: name, externalKey: String(format: "NW-%04d", 1001 + index),
                businessModel: DemoCast.businessModel(index), region: DemoCast.regions[index % DemoCast.regions.count],
                channelManager: DemoCast.channelManagers[index % DemoCast.channelManagers.count],
                calendar: FiscalCalendar(validStartMonth: DemoCast.fiscalStarts[index % DemoCast.fiscalStarts.count]),
                tier: "Registered", stage: DemoCast.stage(index))
            let profile = DemoProfile(stage: partner.stage, random: &random)
            partner.tier = profile.tier(among: DemoInsight.tiers, nudge: index % 9 == 4)
            try await store.create(partner, capacity: profile.capacity(asOf: today.advanced(by: -400)), by: DemoCast.admin, at: start)
            try await store.add(profile.capacity(asOf: today.advanced(by: -30), grown: true), to: partner.id, by: DemoCast.admin, at: start)
            partners.append((partner, profile))
        }

        let facts = DemoFacts(today: today, checklist: program.settings.checklistItems)
        var sales: [(SalesLine, UUID)] = []
        var activities: [(ActivityRecord, UUID)] = []
        for (partner, profile) in partners {
            sales += facts.sales(for: partner, profile: profile, random: &random).map { ($0, partner.id) }
            activities += facts.activities(for: partner, profile: profile, random: &random).map { ($0, partner.id) }
        }
        let (salesRows, activityRows) = (sales, activities)
        _ = try await store.transaction { tx in
            try await tx.append(sales: salesRows, programID: program.id) + tx.append(activities: activityRows, programID: program.id)
        }

        try await DemoUsers.create(in: store, programID: program.id, hash: hashPassword, at: start)
        try await DemoInsight.lastYearsReview(store: store, program: program, clock: clock)
        try await DemoInsight.topDownPlan(store: store, program: program, clock: clock)
        try await DemoGoals(store: store, program: program, today: today, now: clock.now())
            .create(for: partners.map(\.0).filter { $0.stage != .exited }, random: &random)
        try await DemoPlans(store: store, program: program, today: today).create(for: partners.map(\.0))
        try await DemoInsight.echoDraft(store: store, program: program, partners: partners.map(\.0), clock: clock)
    }
}

/// Size and trajectory of one demo partner.
struct DemoProfile {
    let monthlyRevenue: Double
    let yearlyGrowth: Double
    let linesPerMonth: Int
    let engineers: Int
    let certified: Int
    let activityLevel: Double
    /// Months of history before today in which the partner sold at all.
    let monthsActive: Int

    init(stage: LifecycleStage, random: inout DemoRandom) {
        switch stage {
        case .recruited:
            (monthlyRevenue, yearlyGrowth, monthsActive) = (0, 0, 0)
        case .onboarding:
            (monthlyRevenue, yearlyGrowth, monthsActive) = (random.double(in: 4_000...12_000), 0.5, random.int(in: 2...5))
        case .developing:
            (monthlyRevenue, yearlyGrowth, monthsActive) = (random.double(in: 20_000...60_000), random.double(in: 0.15...0.45), 24)
        case .established:
            (monthlyRevenue, yearlyGrowth, monthsActive) = (random.double(in: 80_000...260_000), random.double(in: -0.05...0.2), 25)
        case .declining:
            (monthlyRevenue, yearlyGrowth, monthsActive) = (random.double(in: 50_000...120_000), random.double(in: -0.35 ... -0.15), 25)
        case .exited:
            (monthlyRevenue, yearlyGrowth, monthsActive) = (random.double(in: 10_000...30_000), -0.6, 14)
        }
        linesPerMonth = max(2, Int(monthlyRevenue / 9_000))
        engineers = random.int(in: 3...40)
        certified = random.int(in: 0...(engineers / 2))
        activityLevel = random.double(in: 0.4...1.6)
    }

    /// The level the partner held two years ago: the one its revenue then qualified for, one higher when `nudge`
    /// (a partner promoted early, that the year-end reviews will catch up with).
    func tier(among tiers: [Tier], nudge: Bool) -> String {
        let trailing = Int64(monthlyRevenue * 12 * 100 / (1 + max(yearlyGrowth, 0)))
        let met = tiers.lastIndex { trailing >= $0.minimumTrailingRevenue && certified + 2 >= $0.minimumCertifiedEngineers } ?? 0
        return tiers[min(met + (nudge ? 1 : 0), tiers.count - 1)].name
    }

    func capacity(asOf: Day, grown: Bool = false) throws -> CapacityProfile {
        let vendorRevenue = Int64(monthlyRevenue * 12 * (grown ? 1 + yearlyGrowth : 1) * 100)
        let companyRevenue = max(vendorRevenue * 6, 50_000_000)
        return try CapacityProfile(
            asOf: asOf, companyRevenue: companyRevenue, vendorRevenueTTM: vendorRevenue, engineers: engineers,
            certifiedEngineers: min(engineers, certified + (grown ? 2 : 0)))
    }
}
