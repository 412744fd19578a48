import AccordCore
import Foundation
import PropertyBased
import Testing

@testable import AccordStore

/// The rollups the scorecards read are kept in step with the facts (DOMAIN §4, §6).
@Suite("§4 Rollups")
struct RollupTests {
    static let metrics = ["deal_registrations", "customer_satisfaction", "certified_engineers", "enablement_checklist"]

    /// A program with one partner, "P-1".
    static func programWithPartner(in store: AccordStore) async throws -> (Program, Partner) {
        let program = StoreFixture.program()
        try await store.create(program, by: StoreFixture.admin, at: StoreFixture.now)
        let partner = StoreFixture.partner(program)
        try await store.create(partner, by: StoreFixture.admin, at: StoreFixture.now)
        return (program, partner)
    }

    /// A fact drawn from one number: ids, partners, days, customers and subjects collide on purpose.
    static func fact(_ seed: Int, partners: [Partner]) -> (sale: StagedFact<SalesLine>?, activity: StagedFact<ActivityRecord>?) {
        var rest = seed
        func take(_ n: Int) -> Int {
            defer { rest /= n }
            return rest % n
        }
        let id = "F\(take(40))"
        let partner = partners[take(partners.count)]
        let day = Day(year: 2026, month: 3, day: 1 + take(20))
        let value = Int64(take(1_000))
        if take(2) == 0 {
            let sale = StoreFixture.sale(id, partner.externalKey, day, value, customer: "C\(take(5))")
            return (StagedFact(sale, partnerID: partner.id, line: seed % 1000), nil)
        }
        let metric = metrics[take(metrics.count)]
        let subject = metric == "enablement_checklist" ? ["portal_access", "sales_training"][take(2)] : "S\(take(3))"
        let record = StoreFixture.activity(id, partner.externalKey, day, metric, value, subject: subject)
        return (nil, StagedFact(record, partnerID: partner.id, line: seed % 1000))
    }

    @Test func rollupsEqualARecomputationFromTheFactsAfterRandomImports() async throws {
        await propertyCheck(count: 25, input: Gen.int(in: 0...Int(Int32.max)).array(of: 1...80), Gen.int(in: 1...5)) { seeds, runs in
            try await withStore { store in
                // setup
                let program = StoreFixture.program()
                try await store.create(program, by: StoreFixture.admin, at: StoreFixture.now)
                let partners = [StoreFixture.partner(program, key: "P-1"), StoreFixture.partner(program, key: "P-2")]
                for partner in partners { try await store.create(partner, by: StoreFixture.admin, at: StoreFixture.now) }
                // act: the facts arrive in several runs, some ids again
                let facts = seeds.map { Self.fact($0, partners: partners) }
                let perRun = max(1, facts.count / runs)
                for start in stride(from: 0, to: facts.count, by: perRun) {
                    let slice = facts[start..<min(start + perRun, facts.count)]
                    let run = ImportRun()
                    _ = try await store.append(sales: slice.compactMap(\.sale), programID: program.id, run: run)
                    _ = try await store.append(activities: slice.compactMap(\.activity), programID: program.id, run: run)
                }
                // validate
                let differences = try await store.rollupDifferences(programID: program.id)
                #expect(differences.isEmpty, "\(differences)")
            }
        }
    }

    @Test func aRebuildRepairsRollupsThatDrifted() async throws {
        try await withStore { store in
            // setup
            let (program, partner) = try await Self.programWithPartner(in: store)
            _ = try await store.append(
                sales: [(StoreFixture.sale("S1", "P-1", Day(year: 2026, month: 3, day: 1), 100_00), partner.id)], programID: program.id)
            try await store.sql.raw("UPDATE fact_day_rollups SET total = total + 1").run()
            let drifted = try await store.rollupDifferences(programID: program.id)
            #expect(drifted.map(\.table) == ["fact_day_rollups"])
            // act
            try await store.rebuildRollups(programID: program.id)
            // validate
            let after = try await store.rollupDifferences(programID: program.id)
            #expect(after.isEmpty)
        }
    }

    @Test func aCustomersFirstPurchaseIsTheEarliestDayWhateverOrderTheLinesArriveIn() async throws {
        try await withStore { store in
            // setup
            let (program, partner) = try await Self.programWithPartner(in: store)
            func firstDay() async throws -> Int32? {
                try await store.sql.raw(
                    "SELECT first_day FROM fact_first_seen WHERE partner_id = \(bind: partner.id) AND subject = 'C-1'"
                ).first()?.decode(column: "first_day", as: Int32.self)
            }
            // act and validate: one run per line, a later day, then an earlier one, then the same again
            var ids = 0
            func buy(on day: Int) async throws {
                ids += 1
                let line = StoreFixture.sale("S\(ids)", "P-1", Day(year: 2026, month: 3, day: day), 1_00, customer: "C-1")
                _ = try await store.append(sales: [(line, partner.id)], programID: program.id)
            }
            try await buy(on: 10)
            let tenth = Int32(Day(year: 2026, month: 3, day: 10).number)
            #expect(try await firstDay() == tenth)
            try await buy(on: 15)
            #expect(try await firstDay() == tenth)
            try await buy(on: 5)
            let fifth = Int32(Day(year: 2026, month: 3, day: 5).number)
            #expect(try await firstDay() == fifth)
            try await buy(on: 5)
            #expect(try await firstDay() == fifth)
            #expect(try await store.rollupDifferences(programID: program.id).isEmpty)
        }
    }

    @Test func anIdRepeatedInOneRunIsNamedWithTheLineItFirstAppearedOn() async throws {
        try await withStore { store in
            let (program, partner) = try await Self.programWithPartner(in: store)
            let day = Day(year: 2026, month: 3, day: 1)
            let before = try await store.append(
                sales: [StagedFact(StoreFixture.sale("OLD", "P-1", day, 1_00), partnerID: partner.id, line: 2)], programID: program.id,
                run: ImportRun())
            #expect(before.count.inserted == 1)
            // One run, two batches: an id of the first batch comes again, and one fact stored by another run.
            let run = ImportRun()
            let first = try await store.append(
                sales: [StagedFact(StoreFixture.sale("A", "P-1", day, 1_00), partnerID: partner.id, line: 2)], programID: program.id,
                run: run)
            let second = try await store.append(
                sales: [
                    StagedFact(StoreFixture.sale("A", "P-1", day, 9_00), partnerID: partner.id, line: 7),
                    StagedFact(StoreFixture.sale("OLD", "P-1", day, 1_00), partnerID: partner.id, line: 8),
                    StagedFact(StoreFixture.sale("B", "P-1", day, 2_00), partnerID: partner.id, line: 9),
                    StagedFact(StoreFixture.sale("B", "P-1", day, 2_00), partnerID: partner.id, line: 10),
                ], programID: program.id, run: run)
            #expect(first.count.inserted == 1)
            #expect(second.count == FactImportCount(inserted: 1, alreadyPresent: 1))
            #expect(
                Set(second.rowProblems) == [
                    RowError(line: 7, reason: "id 'A' already appears on line 2 of this file"),
                    RowError(line: 10, reason: "id 'B' already appears on line 9 of this file"),
                ])
        }
    }
}
