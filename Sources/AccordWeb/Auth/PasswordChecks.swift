import NIOPosix
import Vapor

/// Password hashing off the event loops and away from the database's threads. bcrypt takes a quarter of a second
/// of CPU; on Vapor's shared thread pool, which SQLite also runs on, thirty sign-ins at once made every other
/// request wait behind them. Hashes run on a pool of their own, and no database connection is held meanwhile.
final class PasswordChecks: Sendable {
    let pool: NIOThreadPool

    init(threads: Int) {
        pool = NIOThreadPool(numberOfThreads: max(1, threads))
        pool.start()
    }

    func verify(_ password: String, against hash: String, with hasher: some PasswordHasher & Sendable) async throws -> Bool {
        try await pool.runIfActive { try hasher.verify(password, created: hash) }
    }

    func hash(_ password: String, with hasher: some PasswordHasher & Sendable) async throws -> String {
        try await pool.runIfActive { try hasher.hash(password) }
    }

    func shutdown() async throws { try await pool.shutdownGracefully() }
}

extension Request {
    /// Checks a password against a stored hash on the password pool.
    func verifyPassword(_ password: String, against hash: String) async throws -> Bool {
        try await application.passwordChecks.verify(password, against: hash, with: application.password)
    }

    /// Hashes a new password on the password pool.
    func hashPassword(_ password: String) async throws -> String {
        try await application.passwordChecks.hash(password, with: application.password)
    }
}

extension Application {
    private struct PasswordChecksKey: StorageKey { typealias Value = PasswordChecks }

    var passwordChecks: PasswordChecks {
        get {
            guard let checks = storage[PasswordChecksKey.self] else { fatalError("configure() sets up the password pool") }
            return checks
        }
        set {
            storage[PasswordChecksKey.self] = newValue
        }
    }
}

/// Stops the password pool with the application.
struct PasswordPoolShutdown: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        try? await application.passwordChecks.shutdown()
    }
}
