import AccordCore
import Foundation
import Testing

@testable import AccordStore

/// The store keeps what the domain says it keeps, on SQLite and on PostgreSQL.
@Suite("Store")
struct StoreTests {
    @Test func programsPartnersAndTheMetricCatalogRoundTrip() async throws {
        try await withStore { store in
            let program = StoreFixture.program()
            try await store.create(program, by: StoreFixture.admin, at: StoreFixture.now)
            let value1 = try await store.program(program.id)
            #expect(value1 == program)
            let metricKeys = try await store.metrics(of: program.id).map(\.key)
            #expect(Set(metricKeys) == Set(MetricCatalog.all.map(\.key)))
            let partner = StoreFixture.partner(program)
            let capacity = try CapacityProfile(
                asOf: Day(year: 2026, month: 1, day: 1), companyRevenue: 10_000_000_00, vendorRevenueTTM: 1_000_000_00,
                engineers: 10, certifiedEngineers: 4)
            try await store.create(partner, capacity: capacity, by: StoreFixture.admin, at: StoreFixture.now)
            let value2 = try await store.partner(partner.id)
            #expect(value2 == partner)
            let value3 = try await store.capacityHistory(of: partner.id)
            #expect(value3 == [capacity])
            await #expect(throws: StoreError.duplicate("a partner with external key 'P-1'")) {
                try await store.create(StoreFixture.partner(program), by: StoreFixture.admin, at: StoreFixture.now)
            }
        }
    }

    @Test func capacityProfilesAreDatedHistoryNotOverwritten() async throws {
        try await withStore { store in
            let program = StoreFixture.program()
            try await store.create(program, by: StoreFixture.admin, at: StoreFixture.now)
            let partner = StoreFixture.partner(program)
            try await store.create(partner, by: StoreFixture.admin, at: StoreFixture.now)
            let first = try CapacityProfile(
                asOf: Day(year: 2025, month: 1, day: 1), companyRevenue: 100, vendorRevenueTTM: 10, engineers: 4, certifiedEngineers: 1)
            let second = try CapacityProfile(
                asOf: Day(year: 2026, month: 1, day: 1), companyRevenue: 100, vendorRevenueTTM: 20, engineers: 4, certifiedEngineers: 2)
            try await store.add(second, to: partner.id, by: StoreFixture.admin, at: StoreFixture.now)
            try await store.add(first, to: partner.id, by: StoreFixture.admin, at: StoreFixture.now)
            let value4 = try await store.capacityHistory(of: partner.id)
            #expect(value4 == [first, second])
            let value5 = try await store.latestCapacity(in: program.id)
            #expect(value5[partner.id] == second)
        }
    }

    @Test func stageChangesAreRecordedWithDateUserAndReason() async throws {
        try await withStore { store in
            let program = StoreFixture.program()
            try await store.create(program, by: StoreFixture.admin, at: StoreFixture.now)
            let partner = StoreFixture.partner(program, stage: .onboarding)
            try await store.create(partner, by: StoreFixture.admin, at: StoreFixture.now)
            let change = try StageChange.make(
                from: .onboarding, to: .developing, on: Day(year: 2026, month: 5, day: 1), by: "Casey CAM",
                reason: "First three deals closed")
            try await store.record(change, for: partner.id, by: StoreFixture.cam, at: StoreFixture.now)
            let value6 = try await store.partner(partner.id)
            #expect(value6.stage == .developing)
            let value7 = try await store.stageHistory(of: partner.id)
            #expect(value7 == [change])
            let audit = try await store.auditEntries(entity: "partner", entityID: partner.id.uuidString)
            #expect(audit.first?.action == "stage")
            #expect(audit.first?.reason == "First three deals closed")
            #expect(audit.first?.actor == StoreFixture.cam)
        }
    }

    @Test func goalsKeepEveryRevisionAndAcceptance() async throws {
        try await withStore { store in
            let (program, partner) = try await StoreFixture.programWithPartner(store)
            let period = Period(calendar: partner.calendar, kind: .quarter, fiscalYear: 2027, index: 2)
            let context = ImprovementContext(baseline: nil, bestAchievedTarget: nil, rule: ImprovementRule(), currency: .usd)
            var goal = try Goal.propose(
                GoalProposal(
                    partnerID: partner.id, period: period, metric: MetricCatalog.dealRegistrations, ownerSide: .partner, target: 10_00,
                    behaviour: "Register every opportunity"),
                context: context, by: StoreFixture.cam, today: Day(year: 2026, month: 9, day: 1), now: StoreFixture.now)
            goal = try await store.save(goal, programID: program.id, action: "propose", by: StoreFixture.cam, at: StoreFixture.now)
            try goal.counter(
                target: 8_00, behaviour: nil, metric: MetricCatalog.dealRegistrations, context: context, by: StoreFixture.partnerAdmin,
                now: StoreFixture.now)
            goal = try await store.save(
                goal, programID: program.id, action: "counter", by: StoreFixture.partnerAdmin, at: StoreFixture.now)
            try goal.accept(by: StoreFixture.cam, today: Day(year: 2026, month: 9, day: 1), now: StoreFixture.now)
            goal = try await store.save(goal, programID: program.id, action: "accept", by: StoreFixture.cam, at: StoreFixture.now)
            let loaded = try await store.goal(goal.id, seenBy: .accord)
            #expect(loaded == goal)
            #expect(loaded.status == .agreed)
            #expect(loaded.revisions.count == 2 && loaded.acceptances.count == 3)
            let audit = try await store.auditEntries(entity: "goal", entityID: goal.id.uuidString)
            #expect(Set(audit.map(\.action)) == ["propose", "counter", "accept"])
            #expect(audit.allSatisfy { $0.after != nil })
        }
    }

    @Test func importingTheSameFactsTwiceCountsThemOnce() async throws {
        try await withStore { store in
            let program = StoreFixture.program()
            try await store.create(program, by: StoreFixture.admin, at: StoreFixture.now)
            let partner = StoreFixture.partner(program)
            try await store.create(partner, by: StoreFixture.admin, at: StoreFixture.now)
            let day = Day(year: 2026, month: 3, day: 1)
            let lines = (0..<1_234).map { (StoreFixture.sale("T\($0)", "P-1", day, 100), partner.id) }
            let first = try await store.append(sales: lines, programID: program.id)
            #expect(first == FactImportCount(inserted: 1_234, alreadyPresent: 0))
            let second = try await store.append(sales: lines, programID: program.id)
            #expect(second == FactImportCount(inserted: 0, alreadyPresent: 1_234))
            let totals = try await store.factTotals(programID: program.id)
            #expect(totals.salesLines == 1_234 && totals.salesAmount == 123_400)
        }
    }

    @Test func aFailedTransactionLeavesTheDatabaseAsItWas() async throws {
        try await withStore { store in
            let program = StoreFixture.program()
            try await store.create(program, by: StoreFixture.admin, at: StoreFixture.now)
            let partner = StoreFixture.partner(program)
            try await store.create(partner, by: StoreFixture.admin, at: StoreFixture.now)
            let lines = (0..<10).map { (StoreFixture.sale("T\($0)", "P-1", Day(year: 2026, month: 3, day: 1), 100), partner.id) }
            struct Abort: Error {}
            await #expect(throws: Abort.self) {
                try await store.transaction { tx in
                    _ = try await tx.append(sales: lines, programID: program.id)
                    throw Abort()
                }
            }
            let value8 = try await store.factTotals(programID: program.id)
            #expect(value8.salesLines == 0)
        }
    }
}

/// The store's SQL for "who sees which goal" is `AccessRule.maySee`, for every state and side (DOMAIN §5.2).
@Suite("Goal visibility in SQL")
struct GoalVisibilityTests {
    @Test func theStoresDraftFilterAgreesWithTheAccessRuleForEveryStateAndSide() async throws {
        try await withStore { store in
            let (program, partner) = try await StoreFixture.programWithPartner(store)
            let period = Period(calendar: partner.calendar, kind: .quarter, fiscalYear: 2027, index: 2)
            let context = ImprovementContext(baseline: nil, bestAchievedTarget: nil, rule: ImprovementRule(), currency: .usd)
            let today = Day(year: 2026, month: 9, day: 1)
            func goal(by actor: Actor, draft: Bool) throws -> Goal {
                try Goal.propose(
                    GoalProposal(
                        partnerID: partner.id, period: period, metric: MetricCatalog.dealRegistrations, ownerSide: .partner, target: 10_00,
                        behaviour: "Register"),
                    context: context, by: actor, today: today, now: StoreFixture.now, asDraft: draft)
            }
            var goals: [Goal] = []
            for actor in [StoreFixture.cam, StoreFixture.partnerAdmin] {
                goals.append(try goal(by: actor, draft: true))
                var withdrawnDraft = try goal(by: actor, draft: true)
                try withdrawnDraft.withdraw(by: actor, now: StoreFixture.now)
                goals.append(withdrawnDraft)
                var sent = try goal(by: actor, draft: true)
                try sent.send(by: actor, now: StoreFixture.now)
                goals.append(sent)
                var withdrawnProposal = try goal(by: actor, draft: false)
                try withdrawnProposal.withdraw(by: actor, now: StoreFixture.now)
                goals.append(withdrawnProposal)
            }
            try await store.save(goals.map { ($0, "test") }, programID: program.id, by: StoreFixture.admin, at: StoreFixture.now)
            for audience in [Audience.side(.vendor), .side(.partner), .bothSides, .accord] {
                let seen = Set(try await store.goals(GoalQuery(seenBy: audience, partnerID: partner.id)).map(\.id))
                let expected = Set(goals.filter { AccessRule.maySee($0, as: audience) }.map(\.id))
                #expect(seen == expected, "\(audience)")
            }
            #expect(goals.filter { AccessRule.maySee($0, as: .side(.vendor)) }.count == 6, "2 of the partner's 4 never left its side")
        }
    }
}
