import AccordCore
import AccordStore
import Foundation

/// The fiscal year-end level review (DOMAIN §12): recommendations only; an admin applies or dismisses them.
struct TierReviewJob {
    let store: AccordStore
    let clock: AccordClock

    /// The last vendor fiscal year end on or before today: the first day of the current fiscal year.
    func latestYearEnd(of program: Program) -> Day {
        program.calendar.firstDay(ofFiscalYear: program.calendar.fiscalYear(containing: clock.today))
    }

    /// Reviews the year that ended at `asOf` (exclusive) once; a second run for the same year end changes nothing.
    @discardableResult
    func review(programID: UUID, asOf: Day) async throws -> [TierRecommendation] {
        try await store.transaction { store in
            let program = try await store.program(programID)
            guard !program.settings.tiers.isEmpty else { return [] }
            let earlier = try await store.tierRecommendations(programID: programID)
            guard !earlier.contains(where: { $0.asOf == asOf }) else { return [] }
            let partners = try await store.partners(of: programID).filter { $0.stage != .exited }
            let metrics = try await store.metrics(of: programID)
            let yearStart = asOf.firstOfMonth(addingMonths: -12)
            var requests: [ActualRequest] = []
            let revenue = metrics.first { $0.key == "revenue" }
            let certified = metrics.first { $0.key == "certified_engineers" }
            for partner in partners {
                if let revenue { requests.append(ActualRequest(partnerID: partner.id, metric: revenue, start: yearStart, end: asOf)) }
                if let certified { requests.append(ActualRequest(partnerID: partner.id, metric: certified, start: yearStart, end: asOf)) }
            }
            let actuals = try await store.actuals(requests, programID: programID, checklistItems: program.settings.checklistItems)
            let capacity = try await store.latestCapacity(in: programID)
            let reviewDays = Array(Set(earlier.map(\.asOf))).sorted(by: >)
            let byPartner = Dictionary(grouping: earlier, by: \.partnerID)
            var made: [TierRecommendation] = []
            for partner in partners {
                let trailing =
                    revenue.flatMap { actuals[ActualRequest(partnerID: partner.id, metric: $0, start: yearStart, end: asOf)] } ?? 0
                // Certified engineers are a count metric in hundredths; the capacity profile is the fallback.
                let engineers =
                    certified.flatMap { actuals[ActualRequest(partnerID: partner.id, metric: $0, start: yearStart, end: asOf)] }.map {
                        Int($0 / 100)
                    } ?? capacity[partner.id]?.certifiedEngineers ?? 0
                let standing = TierStanding(
                    partnerID: partner.id, currentTier: partner.tier, trailingRevenue: trailing, certifiedEngineers: engineers,
                    yearEndsAlreadyBelow: TierReview.yearEndsBelow(byPartner[partner.id] ?? [], reviewDays: reviewDays))
                if let rec = TierReview.recommend(
                    standing, tiers: program.settings.tiers, graceYears: program.settings.tierGraceYears, asOf: asOf,
                    currency: program.currency)
                {
                    made.append(rec)
                }
            }
            try await store.save(made, programID: programID)
            try await store.append(
                .change(
                    "tier_review", of: "program", id: programID.uuidString, before: nil as String?,
                    after: "\(asOf.iso): \(made.count) recommendations", by: .accord, at: clock.now()))
            return made
        }
    }

    /// An admin's decision on one open recommendation.
    func decide(_ id: UUID, apply: Bool, viewer: Viewer) async throws -> TierRecommendation {
        var (rec, _) = try await store.tierRecommendation(id)
        try rec.decide(apply: apply, by: viewer.name, at: clock.now())
        try await store.decide(rec, by: viewer.actor, at: clock.now())
        return rec
    }
}
