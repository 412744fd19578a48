import AccordCore
import AccordStore
import Foundation

/// Channel-manager scorecards (DOMAIN §13): what each CAM's partners agreed and did this quarter and year.
struct ChannelManagerScorecards {
    let store: AccordStore
    let clock: AccordClock

    func load(program: Program) async throws -> [ChannelManagerScorecard] {
        let today = clock.today
        try await store.bringStandings(programID: program.id, to: today)
        let partners = try await store.partners(of: program.id)
        let standings = Dictionary(grouping: try await store.quarterStandings(programID: program.id, containing: today), by: \.partnerID)
        let segmentation = Segmentation(store: store, clock: clock)
        let current = try await segmentation.rows(program: program, period: segmentation.currentPeriod(of: program))
        let currentByPartner = Dictionary(uniqueKeysWithValues: current.map { ($0.partner.id, $0) })
        let yearStart = program.calendar.firstDay(ofFiscalYear: program.calendar.fiscalYear(containing: today))
        // Believers this fiscal year (or at its start) who are achievers now.
        let history = try await store.segmentHistory(programID: program.id).filter { $0.periodStart >= yearStart.advanced(by: -92) }
        let believers = Set(history.filter { $0.segment == .believer }.map(\.partnerID))
        let reviews = Dictionary(
            grouping: try await store.reviews(dueBy: today).filter { $0.due >= yearStart && $0.due < today }, by: \.partnerID)

        let withPlan = try await store.partnersWithAgreedPlan(partners.map(\.id))

        var inputs: [ChannelManagerInputs] = []
        for partner in partners {
            // The quarter's own goals: month goals of the quarter would count its revenue twice.
            let quarter = partner.calendar.period(.quarter, containing: today)
            let lines = (standings[partner.id] ?? []).filter { $0.status.isCommitted && $0.period == quarter }
            let revenue = lines.filter { $0.metricKey == "revenue" }
            let checklist = lines.first { $0.metricKey == "enablement_checklist" }
            let due = reviews[partner.id] ?? []
            inputs.append(
                ChannelManagerInputs(
                    channelManager: partner.channelManager, stage: partner.stage,
                    revenueActual: Figures.sum(revenue) { $0.actual ?? 0 }, revenueAgreed: Figures.sum(revenue, \.target),
                    hasAgreedPlan: withPlan.contains(partner.id),
                    hasAgreedGoals: !lines.isEmpty, checklistComplete: checklist.map { ($0.actual ?? 0) >= $0.target },
                    becameAchiever: believers.contains(partner.id) && currentByPartner[partner.id]?.segment == .achiever,
                    reviewsDue: due.count,
                    reviewsOnTime: due.filter { $0.wasHeldOnTime() }.count,
                    revenueShrinking: (currentByPartner[partner.id]?.inputs.revenueGrowth ?? 0) < 0))
        }
        let year = LoweredTarget.reportYear(of: program.calendar, today: clock.today)
        return ChannelManagerScorecard.make(
            inputs, loweredTargets: try await store.loweredTargetCounts(programID: program.id, from: year.from, to: year.to))
    }
}
