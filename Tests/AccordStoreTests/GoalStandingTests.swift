import AccordCore
import Foundation
import PropertyBased
import Testing

@testable import AccordStore

/// Goal progress as maintained data (DOMAIN §6; ARCHITECTURE, the main data path): whatever happens, the stored
/// standings equal a recomputation from the goals and the rollups.
@Suite("§6 Maintained goal progress")
struct GoalStandingTests {
    static let metrics = [
        MetricCatalog.revenue, MetricCatalog.newCustomers, MetricCatalog.dealRegistrations, MetricCatalog.customerSatisfaction,
        MetricCatalog.certifiedEngineers, MetricCatalog.enablementChecklist,
    ]
    static let firstDay = Day(year: 2026, month: 7, day: 1)

    /// One step of a program's life, drawn from a number.
    enum Step {
        case facts([Int])
        case propose(partner: Int, metric: Int, period: Int, target: Int64, draft: Bool)
        case answer(goal: Int, how: Int)
        case settings(Int)
        case day(Int)
    }

    static func step(_ seed: Int) -> Step {
        var rest = seed
        func take(_ n: Int) -> Int {
            defer { rest /= n }
            return rest % n
        }
        switch take(6) {
        case 0, 1: return .facts((0..<(1 + take(12))).map { _ in take(1 << 20) &* 7919 &+ seed })
        case 2:
            return .propose(
                partner: take(2), metric: take(metrics.count), period: take(6), target: Int64(1 + take(900)) * 100, draft: take(4) == 0)
        case 3: return .answer(goal: take(32), how: take(4))
        case 4: return .settings(take(4))
        default: return .day(take(300))
        }
    }

    /// A period of the partner's calendar: one of its FY2027 quarters, or a month of its first quarter.
    static func period(_ index: Int, of partner: Partner) -> Period {
        index < 4
            ? Period(calendar: partner.calendar, kind: .quarter, fiscalYear: 2027, index: index + 1)
            : Period(calendar: partner.calendar, kind: .month, fiscalYear: 2027, index: index - 3)
    }

    @Test func theStoredProgressEqualsARecomputationAfterAnyImportsGoalChangesSettingsAndDays() async throws {
        await propertyCheck(count: 12, input: Gen.int(in: 0...Int(Int32.max)).array(of: 4...24)) { seeds in
            try await withStore { store in
                // setup: two partners on different calendars, the standings filled once
                let program = StoreFixture.program()
                try await store.create(program, by: StoreFixture.admin, at: StoreFixture.now)
                let partners = [
                    StoreFixture.partner(program, key: "P-1", startMonth: 7), StoreFixture.partner(program, key: "P-2", startMonth: 1),
                ]
                for partner in partners { try await store.create(partner, by: StoreFixture.admin, at: StoreFixture.now) }
                var today = Self.firstDay.advanced(by: 20)
                try await store.bringStandings(programID: program.id, to: today)
                var goals: [Goal] = []
                var factNumber = 0

                // act
                for seed in seeds {
                    let now = Date(timeIntervalSince1970: Double(today.number) * 86_400 + 43_200)
                    switch Self.step(seed) {
                    case .facts(let numbers):
                        var sales: [StagedFact<SalesLine>] = []
                        var activities: [StagedFact<ActivityRecord>] = []
                        for number in numbers {
                            factNumber += 1
                            let fact = RollupTests.fact(number, partners: partners)
                            // Days across the year, not only March: the goals' periods are FY2027's.
                            let day = Self.firstDay.advanced(by: (number / 7) % 365)
                            if let sale = fact.sale?.fact {
                                let line = StoreFixture.sale(
                                    "S\(factNumber)", sale.partnerKey, day, sale.amount.minorUnits, customer: sale.customer)
                                sales.append(StagedFact(line, partnerID: fact.sale!.partnerID, line: factNumber))
                            }
                            if let record = fact.activity?.fact {
                                let activity = StoreFixture.activity(
                                    "A\(factNumber)", record.partnerKey, day, record.metricKey, record.value, subject: record.subject)
                                activities.append(StagedFact(activity, partnerID: fact.activity!.partnerID, line: factNumber))
                            }
                        }
                        try await store.transaction { [sales, activities] tx in
                            let run = ImportRun()
                            var spans = FactSpans()
                            spans.merge(try await tx.append(sales: sales, programID: program.id, run: run).spans)
                            spans.merge(try await tx.append(activities: activities, programID: program.id, run: run).spans)
                            try await tx.refreshStandings(touching: spans, programID: program.id)
                        }
                    case .propose(let p, let m, let index, let target, let draft):
                        let partner = partners[p]
                        let period = Self.period(index, of: partner)
                        guard period.end > today else { continue }
                        let actor = target.isMultiple(of: 200) ? StoreFixture.cam : StoreFixture.partnerAdmin
                        let goal = try Goal.propose(
                            GoalProposal(
                                partnerID: partner.id, period: period, metric: Self.metrics[m], ownerSide: .partner, target: target,
                                behaviour: "Grow"),
                            context: ImprovementContext(baseline: nil, bestAchievedTarget: nil, rule: ImprovementRule(), currency: .usd),
                            by: actor, today: today, now: now, asDraft: draft)
                        goals.append(try await store.save(goal, programID: program.id, action: "propose", by: actor, at: now))
                    case .answer(let index, let how):
                        guard !goals.isEmpty else { continue }
                        let position = index % goals.count
                        var goal = goals[position]
                        guard goal.status == .proposed, let waiting = goal.awaitingSide else { continue }
                        let actor = waiting == .vendor ? StoreFixture.cam : StoreFixture.partnerAdmin
                        switch how {
                        case 0: try goal.decline(by: actor, reason: "Not now", now: now)
                        case 1:
                            try goal.counter(
                                target: goal.target + 100, behaviour: nil, metric: MetricCatalog.revenue,
                                context: ImprovementContext(
                                    baseline: nil, bestAchievedTarget: nil, rule: ImprovementRule(), currency: .usd),
                                by: actor, now: now)
                        default: try goal.accept(by: actor, today: today, now: now)
                        }
                        goals[position] = try await store.save(goal, programID: program.id, action: "answer", by: actor, at: now)
                    case .settings(let which):
                        var changed = try await store.program(program.id)
                        switch which {
                        case 0: changed.settings.atRiskThreshold = changed.settings.atRiskThreshold == 0.8 ? 0.6 : 0.8
                        case 1: changed.settings.seasonality = try SeasonalityProfile(monthlyWeights: [1, 1, 2, 1, 1, 3, 1, 1, 2, 1, 1, 4])
                        case 2: changed.settings.checklistItems = Array(changed.settings.checklistItems.prefix(1))
                        default: changed.settings.responseWindowDays = changed.settings.responseWindowDays == 14 ? 3 : 14
                        }
                        try await store.update(changed, by: StoreFixture.admin, at: now)
                    case .day(let offset):
                        today = Self.firstDay.advanced(by: offset)
                        try await store.bringStandings(programID: program.id, to: today)
                    }
                }

                // validate
                let differences = try await store.standingDifferences(programID: program.id)
                #expect(differences.isEmpty, "\(differences.prefix(3))")
                #expect(try await store.standingsDay(programID: program.id) == today)
                let stored = try await store.standings(programID: program.id)
                #expect(stored.count == goals.count, "every goal has its stored progress")
                // The lists' SQL agrees with Core: the goals of each partner's quarter, the worst status, the attention rule.
                let now = Date(timeIntervalSince1970: Double(today.number) * 86_400 + 43_200)
                var all = PartnerStandingQuery()
                all.limit = 100
                let rows = try await store.partnerStandings(programID: program.id, query: all, today: today, now: now).rows
                var attentionOnly = all
                attentionOnly.needingAttention = true
                let flagged = Set(
                    try await store.partnerStandings(programID: program.id, query: attentionOnly, today: today, now: now).rows.map(
                        \.partner.id))
                let window = try await store.program(program.id).settings.responseWindowDays
                for row in rows {
                    let quarter = row.partner.calendar.period(.quarter, containing: today)
                    let mine = stored.filter { $0.partnerID == row.partner.id && $0.isVisible(to: .side(.vendor)) }
                    let inQuarter = mine.filter { quarter.holdsGoal(of: $0.period) }
                    #expect(row.goalsInQuarter == inQuarter.count)
                    #expect(row.attention.worstStatus == PacingStatus.worst(inQuarter.compactMap(\.attentionStatus)))
                    let lapsed = goals.filter {
                        $0.partnerID == row.partner.id && AccessRule.maySee($0, as: .side(.vendor))
                            && $0.isLapsed(now: now, responseWindowDays: window)
                    }
                    #expect(row.attention.lapsedProposals == lapsed.count)
                    #expect(flagged.contains(row.partner.id) == row.attention.needsAttention)
                }
            }
        }
    }

    @Test func aRequestThatFindsTheStandingsCurrentWritesNothingAndADayMoveRepacesOnlyLiveGoals() async throws {
        try await withStore { store in
            // setup
            let (program, partner) = try await StoreFixture.programWithPartner(store)
            let today = Day(year: 2026, month: 8, day: 15)
            try await store.bringStandings(programID: program.id, to: today)
            let period = Period(calendar: partner.calendar, kind: .quarter, fiscalYear: 2027, index: 1)
            var goal = try Goal.propose(
                GoalProposal(
                    partnerID: partner.id, period: period, metric: MetricCatalog.revenue, ownerSide: .partner, target: 900_00,
                    behaviour: "Grow"),
                context: ImprovementContext(baseline: nil, bestAchievedTarget: nil, rule: ImprovementRule(), currency: .usd),
                by: StoreFixture.cam, today: today, now: StoreFixture.now)
            goal = try await store.save(goal, programID: program.id, action: "propose", by: StoreFixture.cam, at: StoreFixture.now)
            try goal.accept(by: StoreFixture.partnerAdmin, today: today, now: StoreFixture.now)
            goal = try await store.save(goal, programID: program.id, action: "accept", by: StoreFixture.partnerAdmin, at: StoreFixture.now)
            _ = try await store.append(
                sales: [(StoreFixture.sale("S1", partner.externalKey, today, 300_00), partner.id)], programID: program.id)

            // act and validate
            #expect(try await store.bringStandings(programID: program.id, to: today) == false, "already current: nothing written")
            let before = try #require(try await store.standings(goalIDs: [goal.id]).first)
            #expect(before.actual == 300_00 && before.asOf == today)
            let later = today.advanced(by: 30)
            #expect(try await store.bringStandings(programID: program.id, to: later))
            let after = try #require(try await store.standings(goalIDs: [goal.id]).first)
            #expect(after.asOf == later && after.actual == 300_00)
            #expect(after.figures.pacing.expectedToDate > before.figures.pacing.expectedToDate, "a month later more is expected")
            #expect(try await store.standingDifferences(programID: program.id).isEmpty)
        }
    }
}
