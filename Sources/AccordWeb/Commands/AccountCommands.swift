import AccordCore
import AccordStore
import Foundation
import Vapor

/// The operator acting from the command line, for the audit log.
let operatorActor = Actor(name: "accord CLI (\(ProcessInfo.processInfo.environment["USER"] ?? "operator"))", role: .programAdmin)

/// `accord user create|invite|reset|list|disable|enable`.
struct UserCommands: AsyncCommandGroup {
    var help: String { "Manages users: create, invite, reset, list, disable, enable, email." }
    var commands: [String: any AnyAsyncCommand] {
        [
            "create": CreateUser(), "invite": LinkUser(purpose: .invitation), "reset": LinkUser(purpose: .reset), "list": ListUsers(),
            "disable": DisableUser(disabled: true), "enable": DisableUser(disabled: false), "email": SetEmail(),
        ]
    }

    struct CreateUser: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "login", help: "sign-in name, e.g. an email address") var login: String
            @Option(name: "name", help: "the person's name") var name: String?
            @Option(name: "role", help: "program_admin, channel_manager, partner_admin or partner_member") var role: String?
            @Option(name: "partner", help: "external key of the partner (partner roles)") var partner: String?
            @Option(name: "password", help: "set a password now instead of printing an invitation link") var password: String?
            @Option(name: "email", help: "where the user's messages go (name@example.com)") var email: String?
        }

        var help: String { "Creates a user and prints a one-time link to set the password." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            let store = AccordStore(database: app.db)
            guard let roleText = signature.role, let role = Role(rawValue: roleText) else {
                throw InputError("--role is one of " + Role.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let email = try signature.email.map { text throws in try EmailAddress(text) }
            var partnerID: UUID?
            if let key = signature.partner { partnerID = try await partnerIDForKey(key, store: store) }
            var hash: String?
            if let password = signature.password {
                try PasswordPolicy.check(password, login: signature.login)
                hash = try app.password.hash(password)
            }
            let user = try await store.createUser(
                login: signature.login, name: signature.name ?? signature.login, role: role, partnerID: partnerID, passwordHash: hash,
                email: email, by: operatorActor, at: app.clock.now())
            context.console.info("Created \(user.login) (\(role.label)).")
            if hash == nil { try await LinkUser.printLink(for: user, purpose: .invitation, context: context) }
        }
    }

    enum LinkPurpose: String { case invitation, reset }

    struct LinkUser: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "login", help: "the user's sign-in name") var login: String
        }

        let purpose: LinkPurpose
        var help: String {
            purpose == .invitation ? "Prints a new invitation link (valid 7 days)." : "Prints a password reset link (valid 24 hours)."
        }

        func run(using context: CommandContext, signature: Signature) async throws {
            guard let (user, _) = try await AccordStore(database: context.application.db).credentials(login: signature.login) else {
                throw InputError("no user signs in as '\(signature.login)'")
            }
            try await Self.printLink(for: user, purpose: purpose, context: context)
        }

        static func printLink(for user: User, purpose: LinkPurpose, context: CommandContext) async throws {
            let app = context.application
            let token = Secrets.token(prefix: "link")
            let now = app.clock.now()
            let lifetime: TimeInterval = purpose == .invitation ? 7 * 86_400 : 86_400
            try await AccordStore(database: app.db).createPasswordLink(
                userID: user.id, tokenHash: Secrets.hash(token), purpose: purpose.rawValue, expiresAt: now.addingTimeInterval(lifetime),
                at: now)
            context.console.info("One-time link for \(user.login) (\(purpose == .invitation ? "valid 7 days" : "valid 24 hours")):")
            context.console.output("\(app.publicURL)/invitations/\(token)".consoleText())
        }
    }

    struct ListUsers: AsyncCommand {
        struct Signature: CommandSignature {}
        var help: String { "Lists users." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let store = AccordStore(database: context.application.db)
            for user in try await store.users() {
                var partner = ""
                if let id = user.partnerID { partner = try await store.partner(id).externalKey }
                let state = user.disabled ? "disabled" : (user.hasPassword ? "active" : "invited")
                context.console.output(
                    "\(user.login)\t\(user.name)\t\(user.role.rawValue)\t\(partner)\t\(state)\t\(user.email?.text ?? "-")".consoleText())
            }
        }
    }

    struct SetEmail: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "login", help: "the user's sign-in name") var login: String
            @Argument(name: "address", help: "the address (name@example.com), or 'none' to stop e-mail") var address: String
        }

        var help: String { "Sets where a user's messages go." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let store = AccordStore(database: context.application.db)
            guard let (user, _) = try await store.credentials(login: signature.login) else {
                throw InputError("no user signs in as '\(signature.login)'")
            }
            let email = signature.address == "none" ? nil : try EmailAddress(signature.address)
            try await store.setEmail(userID: user.id, email, by: operatorActor, at: context.application.clock.now())
            context.console.info("\(user.login): " + (email.map { "messages go to \($0)." } ?? "no e-mail."))
        }
    }

    struct DisableUser: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "login", help: "the user's sign-in name") var login: String
        }

        let disabled: Bool
        var help: String { disabled ? "Disables a user (their sessions end at once)." : "Enables a disabled user." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let store = AccordStore(database: context.application.db)
            guard let (user, _) = try await store.credentials(login: signature.login) else {
                throw InputError("no user signs in as '\(signature.login)'")
            }
            try await store.setDisabled(userID: user.id, disabled, by: operatorActor, at: context.application.clock.now())
            context.console.info("\(user.login) is \(disabled ? "disabled" : "enabled").")
        }
    }
}

/// `accord token create|revoke|list`: API tokens for integrations.
struct TokenCommands: AsyncCommandGroup {
    var help: String { "Manages API tokens: create, revoke, list." }
    var commands: [String: any AnyAsyncCommand] { ["create": CreateToken(), "revoke": RevokeToken(), "list": ListTokens()] }

    struct CreateToken: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "name", help: "what the token is for, e.g. crm-sync") var name: String
            @Option(name: "role", help: "program_admin, channel_manager, partner_admin or partner_member") var role: String?
            @Option(name: "partner", help: "external key of the partner (partner roles)") var partner: String?
        }

        var help: String { "Creates an API token and prints it once." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            let store = AccordStore(database: app.db)
            guard let roleText = signature.role, let role = Role(rawValue: roleText) else {
                throw InputError("--role is one of " + Role.allCases.map(\.rawValue).joined(separator: ", "))
            }
            var partnerID: UUID?
            if let key = signature.partner { partnerID = try await partnerIDForKey(key, store: store) }
            let secret = Secrets.token(prefix: "acc")
            let token = try await store.createToken(
                name: signature.name, tokenHash: Secrets.hash(secret), role: role, partnerID: partnerID, by: operatorActor,
                at: app.clock.now())
            context.console.info("Token \(token.id) (\(role.label)). It is shown once; send it as 'Authorization: Bearer …':")
            context.console.output(secret.consoleText())
        }
    }

    struct RevokeToken: AsyncCommand {
        struct Signature: CommandSignature {
            @Argument(name: "id", help: "the token's id (see `accord token list`)") var id: String
        }

        var help: String { "Revokes an API token at once." }

        func run(using context: CommandContext, signature: Signature) async throws {
            guard let id = UUID(uuidString: signature.id) else { throw InputError("'\(signature.id)' is not a token id") }
            try await AccordStore(database: context.application.db).revokeToken(id, by: operatorActor, at: context.application.clock.now())
            context.console.info("Revoked token \(id).")
        }
    }

    struct ListTokens: AsyncCommand {
        struct Signature: CommandSignature {}
        var help: String { "Lists API tokens (never their secrets)." }

        func run(using context: CommandContext, signature: Signature) async throws {
            for token in try await AccordStore(database: context.application.db).tokens() {
                let state = token.revokedAt.map { "revoked \($0)" } ?? "live"
                context.console.output("\(token.id)\t\(token.name)\t\(token.role.rawValue)\t\(state)".consoleText())
            }
        }
    }
}

private func partnerIDForKey(_ key: String, store: AccordStore) async throws -> UUID {
    let programID = try await resolveProgram(nil, store: store)
    guard let id = try await store.partnerIDsByKey(in: programID)[key] else { throw InputError("no partner has the external key '\(key)'") }
    return id
}
