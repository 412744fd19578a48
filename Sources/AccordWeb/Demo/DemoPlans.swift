import AccordCore
import AccordStore
import Foundation

/// The demo's joint business plans and reviews: agreed plans with held and overdue reviews, an internal draft,
/// and goals derived from plan objectives — made through the same rules as real use.
struct DemoPlans {
    let store: AccordStore
    let program: Program
    let today: Day

    func create(for partners: [Partner]) async throws {
        let established = partners.filter { $0.stage == .established }
        let agreed = established.filter { $0.externalKey == "NW-1004" } + established.filter { $0.externalKey != "NW-1004" }.prefix(3)
        for (index, partner) in agreed.enumerated() {
            try await agreedPlan(for: partner, overdueReview: index == 1)
        }
        if let developing = partners.first(where: { $0.stage == .developing }) {
            let cam = Actor(name: developing.channelManager, role: .channelManager)
            let plan = try JointPlan.start(
                partnerID: developing.id, content: try await content(for: developing), by: cam, at: today.advanced(by: -2).noonUTC)
            try await store.save(plan, action: "create", by: cam, at: today.advanced(by: -2).noonUTC)
        }
    }

    func content(for partner: Partner) async throws -> JointPlanContent {
        let fy = partner.calendar.fiscalYear(containing: today)
        let lastYear = Period(calendar: partner.calendar, kind: .year, fiscalYear: fy - 1, index: 1)
        let revenue =
            try await store.actuals(
                [ActualRequest(partnerID: partner.id, metric: MetricCatalog.revenue, period: lastYear)], programID: program.id,
                checklistItems: []
            ).values.first ?? 1_000_000_00
        let contact = DemoUsers.contact(for: partner).name
        return JointPlanContent(
            why:
                "\(partner.name) builds its \(DemoCast.solutions[0]) practice on our platform; we reach mid-market customers in \(partner.region) through them.",
            firstFiscalYear: fy, horizonYears: 3,
            opportunity: .init(segment: "Mid-market security, \(partner.region)", size: revenue * 40, intendedShare: 0.06),
            responsibilities: [
                .init(side: .vendor, description: "Two joint campaigns a year and a named presales contact", owner: partner.channelManager),
                .init(side: .vendor, description: "Enablement sessions for every new engineer", owner: "Partner enablement team"),
                .init(side: .partner, description: "A dedicated practice lead and four certified engineers", owner: contact),
                .init(side: .partner, description: "Register every opportunity within a week", owner: contact),
            ],
            participants: [
                .init(name: partner.channelManager, side: .vendor, role: "Channel manager"),
                .init(name: contact, side: .partner, role: "Practice lead"),
            ],
            cadence: .quarterly,
            objectives: [
                .init(
                    metricKey: "revenue", ownerSide: .partner, target: revenue * 2,
                    description: "Double revenue with us by the end of FY\(fy + 2)"),
                .init(metricKey: "certified_engineers", ownerSide: .partner, target: 12_00, description: "Twelve certified engineers"),
                .init(
                    metricKey: "mdf_delivered", ownerSide: .vendor, target: revenue / 20,
                    description: "Market development funds for joint campaigns"),
            ],
            milestones: [
                .init(title: "Practice lead named", due: today.advanced(by: -200), status: .done),
                .init(title: "First joint reference customer", due: today.advanced(by: 60)),
                .init(title: "Second solution launched", due: today.advanced(by: 400)),
            ])
    }

    func agreedPlan(for partner: Partner, overdueReview: Bool) async throws {
        let cam = Actor(name: partner.channelManager, role: .channelManager)
        let contact = DemoUsers.contact(for: partner)
        let written = today.advanced(by: -330).noonUTC
        var plan = try JointPlan.start(partnerID: partner.id, content: try await content(for: partner), by: cam, at: written)
        plan = try await store.save(plan, action: "create", by: cam, at: written)
        try plan.share(by: cam, at: written.addingTimeInterval(86_400))
        plan = try await store.save(plan, action: "share", by: cam, at: written.addingTimeInterval(86_400))
        try plan.accept(by: contact, at: written.addingTimeInterval(3 * 86_400))
        plan = try await store.save(plan, action: "accept", by: contact, at: written.addingTimeInterval(3 * 86_400))

        let content = try require(plan.agreedContent)
        _ = try await store.scheduleReviews(
            partnerID: partner.id, calendar: partner.calendar, cadence: content.cadence, from: today.advanced(by: -300),
            through: partner.calendar.firstDay(ofFiscalYear: content.lastFiscalYear + 1), at: written)
        let past = try await store.reviews(partnerID: partner.id).filter { $0.due < today }
        for (index, var review) in past.enumerated() {
            // The most recent one stays unheld for one partner: an overdue review to follow up.
            if overdueReview && index == past.count - 1 && review.due.advanced(by: 14) < today { continue }
            let heldOn = review.due.advanced(by: 3)
            let clock = AccordClock.fixed(heldOn.noonUTC)
            let card = try await Scorecards(store: store, clock: clock).scorecard(
                partnerID: partner.id, periodLabel: review.period.label, seenBy: .bothSides)
            try review.hold(
                on: heldOn, attendees: [.init(name: cam.name, side: .vendor), .init(name: contact.name, side: .partner)],
                snapshot: card.lines.map { ScorecardSnapshotLine($0, currency: program.currency) },
                notes: "Reviewed pipeline and certifications; marketing campaign results shared.",
                decisions: [
                    "Keep the quarterly rhythm", "Focus next quarter on \(DemoCast.solutions[(index + 1) % DemoCast.solutions.count])",
                ],
                actionItems: [
                    ActionItem(
                        side: .partner, owner: contact.name, title: "Schedule two engineers for certification",
                        due: heldOn.advanced(by: 45), status: index < past.count - 1 ? .done : .open),
                    ActionItem(
                        side: .vendor, owner: cam.name, title: "Send the campaign kit for the next quarter", due: heldOn.advanced(by: 20),
                        status: .done),
                ])
            try await store.save(review, created: heldOn.noonUTC, holding: true)
        }
        // A goal derived from the certification objective, proposed for the next quarter.
        if let objective = content.objectives.first(where: { $0.metricKey == "certified_engineers" }) {
            _ = try await PlanWorkflow(store: store, clock: .fixed(today.noonUTC)).propose(
                plan: plan, objectiveID: objective.id, count: 2, by: cam)
        }
    }
}

private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw StoreError.corrupt("demo plan") }
    return value
}
