import Foundation
import Testing

@testable import AccordCore

/// DOMAIN §1 — who sees and does what; and the account rules around it.
@Suite("§1 Roles and access")
struct AccessTests {
    let own = UUID()
    let other = UUID()

    func partner(_ id: UUID, cam: String) -> Partner {
        Partner(
            id: id, programID: UUID(), name: "P", externalKey: "K", businessModel: .msp, region: "EMEA", channelManager: cam,
            calendar: .calendarYear, tier: "Gold", stage: .established)
    }

    func viewer(_ role: Role, partner: UUID? = nil, name: String = "Casey CAM") -> Viewer {
        Viewer(userID: UUID(), name: name, role: role, partnerID: partner)
    }

    @Test func aPartnerUserReadsOnlyTheirOwnPartner() {
        for role in [Role.partnerAdmin, .partnerMember] {
            #expect(AccessRule.mayRead(partnerID: own, as: viewer(role, partner: own)))
            #expect(!AccessRule.mayRead(partnerID: other, as: viewer(role, partner: own)))
        }
        #expect(AccessRule.mayRead(partnerID: other, as: viewer(.channelManager)))
    }

    @Test func channelManagersChangeOnlyTheirPortfolio() {
        #expect(AccessRule.mayChange(partner(own, cam: "Casey CAM"), as: viewer(.channelManager)))
        #expect(!AccessRule.mayChange(partner(other, cam: "Olive CAM"), as: viewer(.channelManager)))
        #expect(AccessRule.mayChange(partner(other, cam: "Olive CAM"), as: viewer(.programAdmin)))
    }

    @Test func partnerAdminsChangeTheirOwnPartnerAndMembersNothing() {
        #expect(AccessRule.mayChange(partner(own, cam: "X"), as: viewer(.partnerAdmin, partner: own)))
        #expect(!AccessRule.mayChange(partner(other, cam: "X"), as: viewer(.partnerAdmin, partner: own)))
        #expect(!AccessRule.mayChange(partner(own, cam: "X"), as: viewer(.partnerMember, partner: own)))
    }

    @Test func internalPlanningFiguresAreForVendorStaffOnly() {
        #expect(AccessRule.maySeeInternalPlanning(viewer(.channelManager)))
        #expect(!AccessRule.maySeeInternalPlanning(viewer(.partnerAdmin, partner: own)))
        #expect(!AccessRule.maySeeInternalPlanning(viewer(.partnerMember, partner: own)))
    }

    @Test func partnerUsersBelongToExactlyOnePartnerAndVendorStaffToNone() throws {
        #expect(throws: User.Problem.partnerRoleNeedsPartner) {
            try User.validate(login: "pat", name: "Pat", role: .partnerAdmin, partnerID: nil)
        }
        #expect(throws: User.Problem.vendorRoleHasNoPartner) {
            try User.validate(login: "cam", name: "Cam", role: .channelManager, partnerID: own)
        }
        #expect(throws: User.Problem.invalidLogin) { try User.validate(login: "a b", name: "A", role: .programAdmin, partnerID: nil) }
        let login = try User.validate(login: " Pat@Example.com ", name: "Pat", role: .partnerMember, partnerID: own)
        #expect(login == "pat@example.com")
    }

    @Test func passwordsAreLongAndNotTheSignInNameOrACommonOne() throws {
        #expect(throws: PasswordPolicy.Problem.tooShort) { try PasswordPolicy.check("short", login: "pat") }
        #expect(throws: PasswordPolicy.Problem.sameAsLogin) { try PasswordPolicy.check("pat.partner", login: "Pat.Partner") }
        #expect(throws: PasswordPolicy.Problem.tooCommon) { try PasswordPolicy.check("Password123", login: "pat") }
        try PasswordPolicy.check("correct horse battery", login: "pat")
    }

    /// The store applies it (AccountSecurityTests.signInIsRateLimitedPerAccountAndPerAddress, and
    /// TrustHardeningTests.simultaneousSignInsCheckNoMoreWrongPasswordsThanTheLimit at once).
    @Test func signInIsThrottledPerAccountAndPerAddress() {
        let throttle = LoginThrottle()
        #expect(throttle.perAccount == 5 && throttle.perAddress == 20 && throttle.window == 15 * 60)
    }
}
