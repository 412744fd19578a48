import AccordCore
import Foundation
import Testing

@testable import AccordStore

/// The scorecard query computes each aggregation of DOMAIN §4 in SQL.
@Suite("§4 Actuals in SQL")
struct ActualsQueryTests {
    func seeded(_ body: (AccordStore, Program, Partner) async throws -> Void) async throws {
        try await withStore { store in
            let program = StoreFixture.program()
            try await store.create(program, by: StoreFixture.admin, at: StoreFixture.now)
            let partner = StoreFixture.partner(program)
            let other = StoreFixture.partner(program, key: "P-2")
            try await store.create(partner, by: StoreFixture.admin, at: StoreFixture.now)
            try await store.create(other, by: StoreFixture.admin, at: StoreFixture.now)
            let d = { (m: Int, day: Int) in Day(year: 2026, month: m, day: day) }
            _ = try await store.append(
                sales: [
                    (StoreFixture.sale("S1", "P-1", d(1, 10), 100_00, customer: "Old"), partner.id),
                    (StoreFixture.sale("S2", "P-1", d(4, 10), 200_00, customer: "Old"), partner.id),
                    (StoreFixture.sale("S3", "P-1", d(5, 10), 300_00, customer: "New"), partner.id),
                    (StoreFixture.sale("S4", "P-1", d(6, 10), 50_00, customer: "New"), partner.id),
                    (StoreFixture.sale("S5", "P-2", d(5, 10), 999_00, customer: "Other"), other.id),
                ], programID: program.id)
            _ = try await store.append(
                activities: [
                    (StoreFixture.activity("A1", "P-1", d(4, 1), "customer_satisfaction", 8_00), partner.id),
                    (StoreFixture.activity("A2", "P-1", d(4, 2), "customer_satisfaction", 9_00), partner.id),
                    (StoreFixture.activity("A3", "P-1", d(4, 3), "customer_satisfaction", 9_00), partner.id),
                    (StoreFixture.activity("A4", "P-1", d(2, 1), "certified_engineers", 3_00), partner.id),
                    (StoreFixture.activity("A5", "P-1", d(5, 1), "certified_engineers", 5_00), partner.id),
                    (StoreFixture.activity("A6", "P-1", d(3, 1), "enablement_checklist", 1_00, subject: "portal_access"), partner.id),
                    (StoreFixture.activity("A7", "P-1", d(3, 2), "enablement_checklist", 1_00, subject: "portal_access"), partner.id),
                    (StoreFixture.activity("A8", "P-1", d(5, 2), "enablement_checklist", 1_00, subject: "sales_training"), partner.id),
                    (StoreFixture.activity("A9", "P-1", d(5, 3), "deal_registrations", 1_00), partner.id),
                    (StoreFixture.activity("A10", "P-1", d(5, 4), "deal_registrations", 2_00), partner.id),
                ], programID: program.id)
            try await body(store, program, partner)
        }
    }

    /// April–June 2026 (calendar-year Q2).
    let q2 = Period(calendar: .calendarYear, kind: .quarter, fiscalYear: 2026, index: 2)

    func actual(_ store: AccordStore, _ program: Program, _ partner: Partner, _ metric: Metric) async throws -> Int64? {
        let request = ActualRequest(partnerID: partner.id, metric: metric, period: q2)
        return try await store.actuals([request], programID: program.id, checklistItems: program.settings.checklistItems)[request]
    }

    @Test func revenueIsTheSumOfSalesInThePeriod() async throws {
        try await seeded { store, program, partner in
            let value1 = try await actual(store, program, partner, MetricCatalog.revenue)
            #expect(value1 == 550_00)
        }
    }

    @Test func newCustomersAreThoseFirstBuyingInThePeriod() async throws {
        try await seeded { store, program, partner in
            let value2 = try await actual(store, program, partner, MetricCatalog.newCustomers)
            #expect(value2 == 1_00)
        }
    }

    @Test func averagesAreExactAndRounded() async throws {
        try await seeded { store, program, partner in
            // (8 + 9 + 9) / 3 = 8.666… → 8.67
            let value3 = try await actual(store, program, partner, MetricCatalog.customerSatisfaction)
            #expect(value3 == 8_67)
        }
    }

    @Test func latestValueIsTheLastRecordedBeforePeriodEnd() async throws {
        try await seeded { store, program, partner in
            let value4 = try await actual(store, program, partner, MetricCatalog.certifiedEngineers)
            #expect(value4 == 5_00)
        }
    }

    @Test func checklistCompletionCountsDistinctItemsDoneByPeriodEnd() async throws {
        try await seeded { store, program, partner in
            // 2 of 8 default items.
            let value5 = try await actual(store, program, partner, MetricCatalog.enablementChecklist)
            #expect(value5 == 25_00)
        }
    }

    @Test func activitySumsAddValues() async throws {
        try await seeded { store, program, partner in
            let value6 = try await actual(store, program, partner, MetricCatalog.dealRegistrations)
            #expect(value6 == 3_00)
            let value7 = try await actual(store, program, partner, MetricCatalog.marketingCampaigns)
            #expect(value7 == nil)
        }
    }

    @Test func baselineHistoryComesFromTheDatabase() async throws {
        try await seeded { store, program, partner in
            let next = q2.next.next.next.next  // 2027 Q2: prior-year period is 2026 Q2
            let history = try await store.baselineHistory(
                partnerID: partner.id, metric: MetricCatalog.revenue, period: next, programID: program.id,
                checklistItems: program.settings.checklistItems)
            #expect(history.priorYearActual == 550_00 && history.hasHistoryBeforePriorYearEnd)
            let engineers = try await store.baselineHistory(
                partnerID: partner.id, metric: MetricCatalog.certifiedEngineers, period: next, programID: program.id,
                checklistItems: program.settings.checklistItems)
            #expect(engineers.bestEver == 5_00)
            let none = try await store.baselineHistory(
                partnerID: partner.id, metric: MetricCatalog.leadsPassed, period: next, programID: program.id,
                checklistItems: program.settings.checklistItems)
            #expect(none.baseline(for: MetricCatalog.leadsPassed, period: next, today: next.start) == nil)
        }
    }
}
