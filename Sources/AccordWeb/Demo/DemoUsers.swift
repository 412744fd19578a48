import AccordCore
import AccordStore
import Foundation

/// Demo accounts of every role. Their passwords are printed by `serve --demo`; they exist only in a demo database.
enum DemoUsers {
    struct Account {
        let login: String
        let name: String
        let role: Role
        /// External key of the partner a partner user belongs to.
        let partnerKey: String?
        let password: String
    }

    static let accounts: [Account] = [
        Account(login: "admin", name: DemoCast.admin.name, role: .programAdmin, partnerKey: nil, password: "accord-demo-admin"),
        Account(login: "ana.ruiz", name: "Ana Ruiz", role: .channelManager, partnerKey: nil, password: "accord-demo-cam"),
        Account(login: "ben.okafor", name: "Ben Okafor", role: .channelManager, partnerKey: nil, password: "accord-demo-cam"),
        Account(login: "chloe.martin", name: "Chloé Martin", role: .channelManager, partnerKey: nil, password: "accord-demo-cam"),
        Account(login: "dev.patel", name: "Dev Patel", role: .channelManager, partnerKey: nil, password: "accord-demo-cam"),
        Account(login: "dana.reyes", name: "Dana Reyes", role: .partnerAdmin, partnerKey: "NW-1004", password: "accord-demo-partner"),
        Account(login: "sam.ortiz", name: "Sam Ortiz", role: .partnerMember, partnerKey: "NW-1004", password: "accord-demo-member"),
        Account(login: "lee.chen", name: "Lee Chen", role: .partnerAdmin, partnerKey: "NW-1002", password: "accord-demo-partner"),
    ]

    /// The partner admin who answers for a demo partner in the demo's goal history.
    static func contact(for partner: Partner) -> Actor {
        if let account = accounts.first(where: { $0.partnerKey == partner.externalKey && $0.role == .partnerAdmin }) {
            return Actor(name: account.name, role: .partnerAdmin)
        }
        return Actor(name: "Partner admin at \(partner.name)", role: .partnerAdmin)
    }

    static func create(in store: AccordStore, programID: UUID, hash: (String) async throws -> String, at now: Date) async throws {
        let keys = try await store.partnerIDsByKey(in: programID)
        for account in accounts {
            _ = try await store.createUser(
                login: account.login, name: account.name, role: account.role, partnerID: account.partnerKey.flatMap { keys[$0] },
                passwordHash: try await hash(account.password),
                // Addresses on a reserved domain: with a relay configured, the demo's messages can go nowhere real.
                email: try EmailAddress(account.login + "@demo.example"), by: DemoCast.admin, at: now)
        }
    }

    /// What `serve --demo` prints so a newcomer can sign in.
    static var signInHelp: String {
        (["Demo sign-ins (sign-in name / password):"]
            + accounts.map { account in
                "  \(account.login.padding(toLength: 13, withPad: " ", startingAt: 0)) \(account.password.padding(toLength: 22, withPad: " ", startingAt: 0)) \(account.role.label)"
                    + (account.partnerKey.map { " of partner \($0)" } ?? "")
            }).joined(separator: "\n")
    }
}
