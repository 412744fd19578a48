import AccordCore
import FluentKit
import Foundation

/// Users, one-time password links, API tokens and sign-in failures. Secrets arrive already hashed.
extension AccordStore {
    public func createUser(
        login: String, name: String, role: Role, partnerID: UUID?, passwordHash: String?, email: EmailAddress? = nil, by actor: Actor,
        at now: Date
    ) async throws -> User {
        let login = try User.validate(login: login, name: name, role: role, partnerID: partnerID)
        if let partnerID { _ = try await partner(partnerID) }
        return try await transaction { store in
            let clash = try await UserModel.query(on: store.database).filter(\.$login == login).count()
            guard clash == 0 else { throw StoreError.duplicate("a user signing in as '\(login)'") }
            let model = UserModel()
            model.id = UUID()
            model.login = login
            model.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
            model.role = role.rawValue
            model.partnerID = partnerID
            model.passwordHash = passwordHash
            model.disabled = false
            model.createdAt = now
            model.passwordChangedAt = passwordHash == nil ? nil : now
            model.email = email?.text
            try await model.create(on: store.database)
            let user = try model.core()
            try await store.append(
                .change("create", of: "user", id: user.id.uuidString, before: nil as User?, after: user, by: actor, at: now))
            return user
        }
    }

    /// The users who may answer for a partner on either side: its own users, its channel manager by name, and the
    /// program admins (`Notices.answerers` chooses among them).
    public func users(answeringFor partner: Partner) async throws -> [User] {
        try await UserModel.query(on: database).group(.or) { or in
            or.filter(\.$partnerID == partner.id).filter(\.$role == Role.programAdmin.rawValue).group(.and) { and in
                and.filter(\.$role == Role.channelManager.rawValue).filter(\.$name == partner.channelManager)
            }
        }.all().map { try $0.core() }
    }

    public func users() async throws -> [User] {
        try await UserModel.query(on: database).sort(\.$login).all().map { try $0.core() }
    }

    public func user(_ id: UUID) async throws -> User {
        guard let model = try await UserModel.find(id, on: database) else { throw StoreError.notFound("user") }
        return try model.core()
    }

    /// The user and their password hash, for signing in.
    public func credentials(login: String) async throws -> (User, String?)? {
        guard let normalized = LoginName.normalized(login),
            let model = try await UserModel.query(on: database).filter(\.$login == normalized).first()
        else { return nil }
        return (try model.core(), model.passwordHash)
    }

    public func setPassword(userID: UUID, hash: String, by actor: Actor, at now: Date) async throws {
        try await transaction { store in
            guard let model = try await UserModel.find(userID, on: store.database) else { throw StoreError.notFound("user") }
            model.passwordHash = hash
            model.passwordChangedAt = now
            try await model.update(on: store.database)
            // The hash never enters the audit log.
            try await store.append(
                AuditEntry(at: now, actor: actor, entity: "user", entityID: userID.uuidString, action: "password", before: nil, after: nil))
        }
    }

    public func setDisabled(userID: UUID, _ disabled: Bool, by actor: Actor, at now: Date) async throws {
        try await transaction { store in
            guard let model = try await UserModel.find(userID, on: store.database) else { throw StoreError.notFound("user") }
            let before = try model.core()
            model.disabled = disabled
            try await model.update(on: store.database)
            try await store.append(
                .change(
                    disabled ? "disable" : "enable", of: "user", id: userID.uuidString, before: before, after: try model.core(), by: actor,
                    at: now))
        }
    }

    /// Where the user's messages go from now on; nil stops e-mail to them.
    public func setEmail(userID: UUID, _ email: EmailAddress?, by actor: Actor, at now: Date) async throws {
        try await transaction { store in
            guard let model = try await UserModel.find(userID, on: store.database) else { throw StoreError.notFound("user") }
            let before = try model.core()
            model.email = email?.text
            try await model.update(on: store.database)
            try await store.append(
                .change("email", of: "user", id: userID.uuidString, before: before, after: try model.core(), by: actor, at: now))
        }
    }

    // MARK: one-time password links

    public func createPasswordLink(userID: UUID, tokenHash: String, purpose: String, expiresAt: Date, at now: Date) async throws {
        let model = PasswordLinkModel()
        model.id = UUID()
        model.userID = userID
        model.tokenHash = tokenHash
        model.purpose = purpose
        model.createdAt = now
        model.expiresAt = expiresAt
        try await model.create(on: database)
    }

    /// The user a still-valid link belongs to, or nil for an unknown, used or expired link.
    public func userForPasswordLink(tokenHash: String, now: Date) async throws -> User? {
        guard let link = try await PasswordLinkModel.query(on: database).filter(\.$tokenHash == tokenHash).first(),
            link.usedAt == nil, link.expiresAt > now
        else { return nil }
        return try await user(link.userID)
    }

    /// Marks a link used; false when it was used (or expired) in the meantime.
    public func consumePasswordLink(tokenHash: String, now: Date) async throws -> Bool {
        guard let link = try await PasswordLinkModel.query(on: database).filter(\.$tokenHash == tokenHash).first(),
            link.usedAt == nil, link.expiresAt > now
        else { return false }
        link.usedAt = now
        try await link.update(on: database)
        return true
    }

    // MARK: API tokens

    public func createToken(name: String, tokenHash: String, role: Role, partnerID: UUID?, by actor: Actor, at now: Date) async throws
        -> APIToken
    {
        _ = try User.validate(login: "token", name: name, role: role, partnerID: partnerID)
        if let partnerID { _ = try await partner(partnerID) }
        let model = APITokenModel()
        model.id = UUID()
        model.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        model.tokenHash = tokenHash
        model.role = role.rawValue
        model.partnerID = partnerID
        model.createdBy = actor.name
        model.createdAt = now
        try await transaction { store in
            try await model.create(on: store.database)
            try await store.append(
                .change(
                    "create", of: "api_token", id: try model.requireID().uuidString, before: nil as APIToken?, after: try model.core(),
                    by: actor, at: now))
        }
        return try model.core()
    }

    public func tokens() async throws -> [APIToken] {
        try await APITokenModel.query(on: database).sort(\.$createdAt).all().map { try $0.core() }
    }

    /// A live token by its hash; records its use.
    public func liveToken(hash: String, at now: Date) async throws -> APIToken? {
        guard let model = try await APITokenModel.query(on: database).filter(\.$tokenHash == hash).first(), model.revokedAt == nil
        else { return nil }
        if model.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            model.lastUsedAt = now
            try await model.update(on: database)
        }
        return try model.core()
    }

    public func revokeToken(_ id: UUID, by actor: Actor, at now: Date) async throws {
        try await transaction { store in
            guard let model = try await APITokenModel.find(id, on: store.database) else { throw StoreError.notFound("token") }
            let before = try model.core()
            if model.revokedAt == nil { model.revokedAt = now }
            try await model.update(on: store.database)
            try await store.append(
                .change("revoke", of: "api_token", id: id.uuidString, before: before, after: try model.core(), by: actor, at: now))
        }
    }

    // MARK: sign-in throttling

    /// Reserves one password check for every key (the account, the address) at once, or none: a key whose failures
    /// plus checks in flight within its window already reach its limit refuses it. One atomic upsert per key inside
    /// one transaction, so simultaneous attempts cannot all pass a count they each read before the others wrote.
    /// A window that ended starts anew. Returns whether the check may go ahead.
    public func reserveSignInCheck(_ keys: [(key: String, limit: Int)], window: TimeInterval, now: Date) async throws -> Bool {
        let moment = now.timeIntervalSince1970
        let cutoff = moment - window
        do {
            try await transaction { store in
                // Windows that ended are forgotten (a write first, as every write transaction here begins).
                try await store.sql.raw(
                    "DELETE FROM sign_in_attempts WHERE window_start < \(bind: cutoff) AND pending = 0"
                ).run()
                for (key, limit) in keys {
                    let row = try await store.sql.raw(
                        """
                        INSERT INTO sign_in_attempts (key, window_start, failures, pending) VALUES (\(bind: key), \(bind: moment), 0, 1)
                        ON CONFLICT (key) DO UPDATE SET
                            failures = CASE WHEN sign_in_attempts.window_start < \(bind: cutoff) THEN 0 ELSE sign_in_attempts.failures END,
                            pending = CASE WHEN sign_in_attempts.window_start < \(bind: cutoff) THEN 1 ELSE sign_in_attempts.pending + 1 END,
                            window_start = CASE WHEN sign_in_attempts.window_start < \(bind: cutoff) THEN \(bind: moment)
                                ELSE sign_in_attempts.window_start END
                        WHERE sign_in_attempts.window_start < \(bind: cutoff)
                            OR sign_in_attempts.failures + sign_in_attempts.pending < \(bind: limit)
                        RETURNING key
                        """
                    ).first()
                    guard row != nil else { throw SignInRefused() }
                }
            }
            return true
        } catch is SignInRefused {
            return false
        }
    }

    /// Ends a reserved check: the checks in flight drop by one, a failure counts for every key, and a success clears
    /// the failures of `clearedOnSuccess` (the account: its owner got in).
    public func finishSignInCheck(_ keys: [String], failed: Bool, clearedOnSuccess: [String]) async throws {
        try await transaction { store in
            for key in keys {
                let cleared = !failed && clearedOnSuccess.contains(key)
                try await store.sql.raw(
                    """
                    UPDATE sign_in_attempts SET pending = CASE WHEN pending > 0 THEN pending - 1 ELSE 0 END,
                    failures = \(unsafeRaw: failed ? "failures + 1" : (cleared ? "0" : "failures")) WHERE key = \(bind: key)
                    """
                ).run()
            }
        }
    }
}

private struct SignInRefused: Error {}
