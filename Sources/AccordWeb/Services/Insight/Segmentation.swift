import AccordCore
import AccordStore
import Foundation

/// One partner's segment for a vendor period (DOMAIN §8), with the inputs that justify it.
struct SegmentRow {
    let partner: Partner
    let inputs: SegmentInputs
    let segment: Segment
    /// Revenue in the period: the size that believers are compared by.
    let revenue: Int64
    /// For believers: the activity or capability metric furthest behind achievers of similar size and model.
    var missingIngredient: MissingIngredient.Finding?
    var missingMetric: Metric?
    /// How many achievers of similar size and the same model there were to compare with.
    var peerCount = 0

    var commitment: Double { inputs.commitment }
    var performance: Double { inputs.performance }
}

/// Computes commitment, performance and segments for every partner of a program (DOMAIN §8).
struct Segmentation {
    let store: AccordStore
    let clock: AccordClock

    /// The vendor period segments are shown for by default: the current vendor quarter.
    func currentPeriod(of program: Program) -> Period { program.calendar.period(.quarter, containing: clock.today) }

    func rows(program: Program, period: Period) async throws -> [SegmentRow] {
        // Recruited partners have nothing to be measured on yet; exited ones are gone.
        let partners = try await store.partners(of: program.id).filter { $0.stage != .exited && $0.stage != .recruited }
        let metrics = try await store.metrics(of: program.id)
        let byKey = Dictionary(uniqueKeysWithValues: metrics.map { ($0.key, $0) })
        let asOf = min(clock.today, period.end.advanced(by: -1))
        let clockNow = clock.now()
        // The maintained standings, as of today: a quarter that ended paces as of its end whatever the day after it.
        try await store.bringStandings(programID: program.id, to: clock.today)
        let goals = try await store.standings(programID: program.id, overlapping: period).filter { period.holdsGoal(of: $0.period) }
        let goalsByPartner = Dictionary(grouping: goals, by: \.partnerID)
        let reviewsByPartner = Dictionary(grouping: try await store.reviews(dueBy: period.end), by: \.partnerID)

        guard let revenueMetric = byKey["revenue"] else { return [] }
        // A period still running is compared with the same days a year earlier, not the whole earlier period.
        let end = min(period.end, clock.today.advanced(by: 1))
        let earlier = period.oneYearEarlier.start
        let earlierEnd = earlier.advanced(by: period.start.distance(to: end))
        let nowRequest = { (id: UUID) in ActualRequest(partnerID: id, metric: revenueMetric, start: period.start, end: end) }
        let beforeRequest = { (id: UUID) in ActualRequest(partnerID: id, metric: revenueMetric, start: earlier, end: earlierEnd) }
        let revenue = try await store.actuals(
            partners.flatMap { [nowRequest($0.id), beforeRequest($0.id)] }, programID: program.id,
            checklistItems: program.settings.checklistItems)

        let withPlan = try await store.partnersWithAgreedPlan(partners.map(\.id))

        var rows: [SegmentRow] = []
        for partner in partners {
            let reviews = (reviewsByPartner[partner.id] ?? []).filter { $0.due >= period.start.advanced(by: -365) && $0.due <= asOf }
            let sold = revenue[nowRequest(partner.id)] ?? 0
            let inputs = SegmentInputs.measure(
                goals: goalsByPartner[partner.id] ?? [], metrics: byKey, now: clockNow, hasCurrentPlan: withPlan.contains(partner.id),
                reviews: reviews, revenue: sold, revenueYearEarlier: revenue[beforeRequest(partner.id)] ?? 0)
            rows.append(
                SegmentRow(
                    partner: partner, inputs: inputs,
                    segment: program.settings.segmentThresholds.classify(commitment: inputs.commitment, performance: inputs.performance),
                    revenue: sold))
        }
        return try await withMissingIngredients(rows, program: program, metrics: metrics, period: period)
    }

    /// For each believer, the activity or capability metric furthest behind achievers of similar size and model.
    private func withMissingIngredients(_ rows: [SegmentRow], program: Program, metrics: [Metric], period: Period) async throws
        -> [SegmentRow]
    {
        let achievers = rows.filter { $0.segment == .achiever }
        guard rows.contains(where: { $0.segment == .believer }), !achievers.isEmpty else { return rows }
        let ingredients = metrics.filter { ($0.category == .activity || $0.category == .capability) && $0.direction == .higherIsBetter }
        let requests = rows.flatMap { row in ingredients.map { ActualRequest(partnerID: row.partner.id, metric: $0, period: period) } }
        let actuals = try await store.actuals(requests, programID: program.id, checklistItems: program.settings.checklistItems)
        func values(_ row: SegmentRow) -> [String: Int64] {
            Dictionary(
                uniqueKeysWithValues: ingredients.compactMap { metric in
                    actuals[ActualRequest(partnerID: row.partner.id, metric: metric, period: period)].map { (metric.key, $0) }
                })
        }
        return rows.map { row in
            guard row.segment == .believer else { return row }
            var row = row
            let peers = MissingIngredient.peers(
                of: (row.partner.businessModel, row.revenue), among: achievers.map { ($0.partner.businessModel, $0.revenue) }
            ).map { achievers[$0] }
            row.peerCount = peers.count
            row.missingIngredient = MissingIngredient.find(believer: values(row), achievers: peers.map(values))
            row.missingMetric = row.missingIngredient.flatMap { finding in ingredients.first { $0.key == finding.metricKey } }
            return row
        }
    }

    /// Saves the segments of every ended vendor quarter of the last two years that has none yet: the history (§8).
    func snapshotEndedPeriods(program: Program) async throws -> Int {
        let done = Set(try await store.segmentHistory(programID: program.id).map(\.period))
        var period = currentPeriod(of: program).previous
        var saved = 0
        for _ in 0..<8 {
            // Quarters before the program set any goal have nothing to segment by.
            if !done.contains(period.label),
                try await store.goalPeriods(programID: program.id, overlapping: period).contains(where: { period.holdsGoal(of: $0) })
            {
                let snapshots = try await rows(program: program, period: period).map {
                    SegmentSnapshot(
                        partnerID: $0.partner.id, period: period.label, periodStart: period.start, commitment: $0.commitment,
                        performance: $0.performance, segment: $0.segment)
                }
                try await store.save(snapshots, programID: program.id)
                saved += snapshots.count
            }
            period = period.previous
        }
        return saved
    }
}
