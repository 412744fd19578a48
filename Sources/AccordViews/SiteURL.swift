import Foundation

/// Every page path in one place; controllers route them and views link with them (ARCHITECTURE).
public enum SiteURL: Equatable, Sendable {
    case overview
    case partner(UUID, period: String? = nil)
    case stylesheet
    case api
    case login(next: String? = nil)
    case logout
    case password
    case invitation(String)

    public var path: String {
        switch self {
        case .overview: "/"
        case .partner(let id, let period):
            "/partners/\(id.uuidString.lowercased())"
                + (period.map { "?period=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? "")
        case .stylesheet: "/styles.css"
        case .api: "/api/v1"
        case .login(let next):
            "/login" + (next.map { "?next=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? "")
        case .logout: "/logout"
        case .password: "/account/password"
        case .invitation(let token): "/invitations/\(token)"
        }
    }
}
