import Foundation

/// Rules for passwords and sign-in attempts (issue: accounts, roles and partner isolation).
public enum PasswordPolicy {
    public static let minimumLength = 10

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case tooShort
        case tooLong
        case sameAsLogin
        case tooCommon

        public var description: String {
            switch self {
            case .tooShort: "A password needs at least \(PasswordPolicy.minimumLength) characters."
            case .tooLong: "A password can have at most 128 characters."
            case .sameAsLogin: "A password cannot be the sign-in name."
            case .tooCommon: "That password is too common; choose another."
            }
        }
    }

    static let common: Set<String> = [
        "password123", "1234567890", "qwertyuiop", "password1234", "letmein123", "welcome123", "accord1234",
        "iloveyou12", "0123456789", "administrator",
    ]

    public static func check(_ password: String, login: String) throws(Problem) {
        guard password.count >= minimumLength else { throw .tooShort }
        guard password.count <= 128 else { throw .tooLong }
        guard password.lowercased() != login.lowercased() else { throw .sameAsLogin }
        guard !common.contains(password.lowercased()) else { throw .tooCommon }
    }
}

/// Sign-in throttling: too many recent failures for one account or from one address block further tries. A check
/// may go ahead while failures plus checks in flight stay below the limit within the window; the store applies that
/// atomically, in one statement per key (`AccordStore.reserveSignInCheck`), since a count read first and written
/// later lets simultaneous attempts all pass.
public struct LoginThrottle: Sendable, Equatable {
    public var perAccount: Int
    public var perAddress: Int
    /// Seconds the failures are counted over.
    public var window: TimeInterval

    public init(perAccount: Int = 5, perAddress: Int = 20, window: TimeInterval = 15 * 60) {
        self.perAccount = perAccount
        self.perAddress = perAddress
        self.window = window
    }
}

/// Sign-in names: lowercase, 3–100 characters, no spaces (an email address works).
public enum LoginName {
    public static func normalized(_ raw: String) -> String? {
        let login = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard (3...100).contains(login.count), !login.contains(where: { $0.isWhitespace }),
            (try? TextRules.checkIdentifier(login, field: "login")) != nil
        else { return nil }
        return login
    }
}
