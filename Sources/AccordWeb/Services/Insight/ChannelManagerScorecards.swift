import AccordCore
import AccordStore
import Foundation

/// Channel-manager scorecards (DOMAIN §13): what each CAM's partners agreed and did this quarter and year.
struct ChannelManagerScorecards {
    let store: AccordStore
    let clock: AccordClock

    func load(program: Program) async throws -> [ChannelManagerScorecard] {
        let today = clock.today
        let overview = try await ProgramOverview(store: store, clock: clock).load(programID: program.id)
        let segmentation = Segmentation(store: store, clock: clock)
        let current = try await segmentation.rows(program: program, period: segmentation.currentPeriod(of: program))
        let currentByPartner = Dictionary(uniqueKeysWithValues: current.map { ($0.partner.id, $0) })
        let yearStart = program.calendar.firstDay(ofFiscalYear: program.calendar.fiscalYear(containing: today))
        // Believers this fiscal year (or at its start) who are achievers now.
        let history = try await store.segmentHistory(programID: program.id).filter { $0.periodStart >= yearStart.advanced(by: -92) }
        let believers = Set(history.filter { $0.segment == .believer }.map(\.partnerID))
        let reviews = Dictionary(
            grouping: try await store.reviews(dueBy: today).filter { $0.due >= yearStart && $0.due < today }, by: \.partnerID)

        let withPlan = try await store.partnersWithAgreedPlan(overview.rows.map(\.partner.id))

        var inputs: [ChannelManagerInputs] = []
        for row in overview.rows {
            let lines = row.lines.filter { $0.goal.status.isCommitted }
            let revenue = lines.filter { $0.metric.key == "revenue" }
            let checklist = lines.first { $0.metric.key == "enablement_checklist" }
            let due = reviews[row.partner.id] ?? []
            inputs.append(
                ChannelManagerInputs(
                    channelManager: row.partner.channelManager, stage: row.partner.stage,
                    revenueActual: Figures.sum(revenue) { $0.actual ?? 0 }, revenueAgreed: Figures.sum(revenue, \.goal.target),
                    hasAgreedPlan: withPlan.contains(row.partner.id),
                    hasAgreedGoals: !lines.isEmpty, checklistComplete: checklist.map { ($0.actual ?? 0) >= $0.goal.target },
                    becameAchiever: believers.contains(row.partner.id) && currentByPartner[row.partner.id]?.segment == .achiever,
                    reviewsDue: due.count,
                    reviewsOnTime: due.filter { $0.wasHeldOnTime() }.count,
                    revenueShrinking: (currentByPartner[row.partner.id]?.inputs.revenueGrowth ?? 0) < 0))
        }
        return ChannelManagerScorecard.make(inputs)
    }
}
