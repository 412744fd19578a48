import Foundation

@testable import AccordCore

/// The partner and users the notice and digest rules are tried on (issue 19).
enum NoticeFixtures {
    static let partner = Partner(
        id: Fixture.partnerID, programID: UUID(), name: "Globex", externalKey: "GX", businessModel: .reseller, region: "EMEA",
        channelManager: "Casey CAM", calendar: Fixture.calendar, tier: "Registered", stage: .established)

    static func user(_ name: String, _ role: Role, partner: UUID? = nil, email: String? = "x@example.com", disabled: Bool = false) -> User {
        User(
            id: UUID(), login: name.lowercased().replacingOccurrences(of: " ", with: "."), name: name, role: role, partnerID: partner,
            hasPassword: true, disabled: disabled, passwordChangedAt: nil, email: email.flatMap { try? EmailAddress($0) })
    }
}
