import AccordCore
import AccordStore
import Foundation

/// The demo's motivation settings, the previous year's level review, the vendor's top-down plan and a
/// vendor draft that echoes it — so every insight page has something true to show (DOMAIN §7, §9, §12).
enum DemoInsight {
    static let tiers = [
        Tier(name: "Registered", minimumTrailingRevenue: 0, minimumCertifiedEngineers: 0, baseMargin: 10_00, mdfShare: 0),
        Tier(name: "Silver", minimumTrailingRevenue: 250_000_00, minimumCertifiedEngineers: 2, baseMargin: 15_00, mdfShare: 1_00),
        Tier(name: "Gold", minimumTrailingRevenue: 1_000_000_00, minimumCertifiedEngineers: 5, baseMargin: 20_00, mdfShare: 2_00),
        Tier(name: "Platinum", minimumTrailingRevenue: 2_500_000_00, minimumCertifiedEngineers: 10, baseMargin: 25_00, mdfShare: 3_00),
    ]

    /// Carrots and sticks: achieved revenue goals earn margin and MDF, missed ones lose part of the margin;
    /// activity and capability goals earn support and recognition.
    static func settings(seasonality: SeasonalityProfile, regions: [String: SeasonalityProfile]) -> ProgramSettings {
        ProgramSettings(
            seasonality: seasonality, motivationPolicy: .both,
            benefitDefaults: [
                BenefitDefault(
                    category: .revenue,
                    benefits: GoalBenefits(
                        rewards: [BenefitTerms(kind: .marginUplift, amount: 1_00), BenefitTerms(kind: .mdf, amount: 5_000_00)],
                        consequences: [BenefitTerms(kind: .marginUplift, amount: 50, detail: "until the goal is made")])),
                BenefitDefault(
                    category: .activity,
                    benefits: GoalBenefits(rewards: [BenefitTerms(kind: .marketingSupport, detail: "joint campaign kit")])),
                BenefitDefault(
                    category: .capability,
                    benefits: GoalBenefits(
                        rewards: [BenefitTerms(kind: .certificationRecognition)],
                        consequences: [BenefitTerms(kind: .coSelling, detail: "paused until certified")])),
            ], tiers: tiers, tierGraceYears: 1,
            planningIndexes: PlanningIndexes(
                region: ["APAC": 1.2, "LATAM": 0.9], solution: ["Insight Analytics": 1.3, "Cloud Backup": 0.8]),
            regionalSeasonality: regions)
    }

    /// Last year's review, decided by the admin: every other promotion applied, the rest dismissed.
    static func lastYearsReview(store: AccordStore, program: Program, clock: AccordClock) async throws {
        let job = TierReviewJob(store: store, clock: clock)
        let lastYearEnd = job.latestYearEnd(of: program).firstOfMonth(addingMonths: -12)
        let made = try await TierReviewJob(store: store, clock: .fixed(lastYearEnd.noonUTC)).review(
            programID: program.id, asOf: lastYearEnd)
        for (n, var rec) in made.filter({ $0.status == .open }).enumerated() {
            let at = lastYearEnd.advanced(by: 20).noonUTC
            try rec.decide(apply: n % 2 == 0, by: DemoCast.admin.name, at: at)
            try await store.decide(rec, by: DemoCast.admin, at: at)
        }
    }

    /// The vendor's plan: this fiscal year and next at 30 % over last year's revenue.
    static func topDownPlan(store: AccordStore, program: Program, clock: AccordClock) async throws {
        let year = program.calendar.period(.year, containing: clock.today)
        let lastYear = year.oneYearEarlier
        let revenue = try await store.revenueBySolution(programID: program.id, from: lastYear.start, to: lastYear.end)
        let total = revenue.values.flatMap(\.values).reduce(0, +)
        let at = year.start.advanced(by: -30).noonUTC
        try await store.setTopDownPlan(.init(period: year, amount: total * 13 / 10), programID: program.id, by: DemoCast.admin, at: at)
        try await store.setTopDownPlan(.init(period: year.next, amount: total * 16 / 10), programID: program.id, by: DemoCast.admin, at: at)
    }

    /// A channel manager's draft for next quarter whose target is the planning expectation itself: the echo check flags it.
    static func echoDraft(store: AccordStore, program: Program, partners: [Partner], clock: AccordClock) async throws {
        guard let partner = partners.first(where: { $0.stage == .established }) else { return }
        let period = partner.calendar.period(.quarter, containing: clock.today).next
        var cache: [Period: [UUID: [String: Int64]]] = [:]
        let planning = CoveragePlanning(store: store, clock: clock)
        let expected = try await planning.expectation(
            partnerID: partner.id, region: partner.region, from: period.start, to: period.end, program: program,
            entries: try await store.topDownPlans(programID: program.id, calendar: program.calendar), partners: partners, cache: &cache)
        guard expected > 0 else { return }
        _ = try await GoalWorkflow(store: store, clock: clock).propose(
            .init(
                partnerID: partner.id, periodLabel: period.label, metricKey: "revenue", ownerSide: .partner,
                // Rounded to $1,000 as a person would type it: still within the echo check's 2 %.
                target: FixedPoint.format(DemoGoals.sensible(expected, unit: .currency), decimals: 2, grouping: false),
                behaviour: "Grow revenue in line with the regional plan",
                asDraft: true), by: Actor(name: partner.channelManager, role: .channelManager))
    }
}
