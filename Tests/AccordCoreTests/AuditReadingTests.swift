import Foundation
import Testing

@testable import AccordCore

/// DOMAIN §14 — the audit log says who changed what, when, before → after and why, in the program's terms.
@Suite("§14 Audit in the program's terms")
struct AuditReadingTests {
    @Test func anAuditEntryReadsAsTheFieldsItChangedWithAmountsInTheMetricsUnit() throws {
        let before = try Fixture.agreed()
        var after = before
        try after.lowerTarget(
            to: 110_000_00, reason: "Budget freeze", metric: MetricCatalog.revenue, currency: .usd, by: Fixture.admin, now: Fixture.now)
        let entry = AuditEntry.change(
            "lower", of: "goal", id: after.id.uuidString, before: before, after: after, by: Fixture.admin, at: Fixture.now,
            reason: "Budget freeze")
        let changes = AuditReading.changes(of: entry, currency: .usd, metrics: [MetricCatalog.revenue.key: MetricCatalog.revenue])
        #expect(changes.map(\.description) == ["Target: $120,000.00 → $110,000.00"])
        #expect(AuditReading.goalChanges(of: entry, currency: .usd, metrics: [MetricCatalog.revenue.key: MetricCatalog.revenue]) == changes)
        // Other entries filed under a goal (its benefit terms) are not the goal's record: its page reads nothing of them.
        let terms = AuditEntry(
            at: Fixture.now, actor: Fixture.admin, entity: "goal", entityID: after.id.uuidString, action: "set_benefits", before: nil,
            after: #"{"consequences":[{"amount":500000}]}"#)
        #expect(AuditReading.goalChanges(of: terms, currency: .usd, metrics: [:]).isEmpty)
        let created = AuditEntry.change(
            "propose", of: "goal", id: after.id.uuidString, before: nil as Goal?, after: try Fixture.proposed(), by: Fixture.cam,
            at: Fixture.now)
        let first = AuditReading.changes(of: created, currency: .usd, metrics: [MetricCatalog.revenue.key: MetricCatalog.revenue])
        #expect(first.map(\.description).contains("Goal: Revenue, FY2027 Q2 (1 Oct – 31 Dec 2026)"))
        #expect(first.map(\.description).contains("Baseline: $100,000.00"))
        #expect(first.map(\.description).contains("Target: $120,000.00"))
    }

    @Test func aProgramsSettingsAndOtherRecordsReadByTheirFields() throws {
        let before = Program(name: "Northwind", currency: .usd, calendar: .calendarYear)
        var after = before
        try after.settings.setSeasonality(
            program: .flatByDays, regions: ["APAC": try SeasonalityProfile(monthlyWeights: Array(repeating: 1, count: 11) + [2])],
            solutions: [:])
        after.settings.responseWindowDays = 21
        let entry = AuditEntry.change("update", of: "program", id: "p", before: before, after: after, by: Fixture.admin, at: Fixture.now)
        let changes = AuditReading.changes(of: entry, currency: .usd, metrics: [:]).map(\.description)
        #expect(changes.contains("Response window: 14 days → 21 days"))
        #expect(changes.contains { $0.hasPrefix("Seasonality (region APAC): none → Jan 1, Feb 1") && $0.hasSuffix("Dec 2") })
        let other = AuditEntry(
            at: Fixture.now, actor: Fixture.admin, entity: "review", entityID: "r", action: "hold", before: #"{"notes":"a","items":[1]}"#,
            after: #"{"notes":"b","items":[1,2]}"#)
        #expect(AuditReading.changes(of: other, currency: .usd, metrics: [:]).map(\.description) == ["items[2]: 2", "notes: a → b"])
    }
}
