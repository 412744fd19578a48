import Foundation
import Testing

@testable import AccordCore

/// DOMAIN §3 — partners, their lifecycle and their capacity.
@Suite("§3 Partners")
struct PartnerTests {
    @Test func partnersMoveForwardOneStageAtATime() {
        #expect(LifecycleStage.recruited.canMove(to: .onboarding))
        #expect(LifecycleStage.onboarding.canMove(to: .developing))
        #expect(LifecycleStage.developing.canMove(to: .established))
        #expect(LifecycleStage.established.canMove(to: .declining))
        #expect(!LifecycleStage.recruited.canMove(to: .established))
        #expect(!LifecycleStage.established.canMove(to: .onboarding))
    }

    @Test func aDecliningPartnerCanRecoverAndAnyPartnerCanExitButNotReturn() {
        #expect(LifecycleStage.declining.canMove(to: .established))
        #expect(LifecycleStage.declining.canMove(to: .developing))
        for stage in LifecycleStage.allCases where stage != .exited { #expect(stage.canMove(to: .exited)) }
        for stage in LifecycleStage.allCases { #expect(!LifecycleStage.exited.canMove(to: stage)) }
    }

    @Test func stageChangesAreRecordedWithAReason() throws {
        let day = Day(year: 2026, month: 5, day: 1)
        #expect(throws: PartnerError.stageChangeNeedsReason) {
            try StageChange.make(from: .onboarding, to: .developing, on: day, by: "Casey", reason: "  ")
        }
        #expect(throws: PartnerError.stageChange(from: .recruited, to: .established)) {
            try StageChange.make(from: .recruited, to: .established, on: day, by: "Casey", reason: "fast")
        }
        let change = try StageChange.make(from: .onboarding, to: .developing, on: day, by: "Casey", reason: " First deals ")
        #expect(change.reason == "First deals" && change.by == "Casey" && change.on == day)
    }

    @Test func shareOfWalletIsVendorRevenueOverCompanyRevenue() throws {
        let profile = try CapacityProfile(
            asOf: Day(year: 2026, month: 1, day: 1), companyRevenue: 10_000_000_00, vendorRevenueTTM: 1_500_000_00,
            engineers: 20, certifiedEngineers: 5)
        #expect(profile.shareOfWallet == 0.15)
        #expect(profile.trainedShare == 0.25)
        let unknown = try CapacityProfile(
            asOf: Day(year: 2026, month: 1, day: 1), companyRevenue: 0, vendorRevenueTTM: 0, engineers: 0, certifiedEngineers: 0)
        #expect(unknown.shareOfWallet == nil && unknown.trainedShare == nil)
    }

    @Test func capacityProfilesMustBeConsistent() {
        let day = Day(year: 2026, month: 1, day: 1)
        #expect(throws: PartnerError.self) {
            try CapacityProfile(asOf: day, companyRevenue: 100, vendorRevenueTTM: 200, engineers: 1, certifiedEngineers: 0)
        }
        #expect(throws: PartnerError.self) {
            try CapacityProfile(asOf: day, companyRevenue: 100, vendorRevenueTTM: 10, engineers: 2, certifiedEngineers: 3)
        }
        #expect(throws: PartnerError.self) {
            try CapacityProfile(asOf: day, companyRevenue: -1, vendorRevenueTTM: 0, engineers: 0, certifiedEngineers: 0)
        }
    }

    @Test func partnerRecordsNeedANameAKeyAndARegion() throws {
        let partner = Partner(
            programID: UUID(), name: "Globex", externalKey: "GX-1", businessModel: .msp, region: "EMEA",
            channelManager: "Casey", calendar: .calendarYear, tier: "Gold", stage: .recruited)
        #expect(try partner.validated() == partner)
        var blank = partner
        blank.name = " "
        #expect(throws: PartnerError.emptyName) { try blank.validated() }
        var spaced = partner
        spaced.externalKey = " GX-1"
        #expect(throws: PartnerError.invalidExternalKey(" GX-1")) { try spaced.validated() }
    }
}
