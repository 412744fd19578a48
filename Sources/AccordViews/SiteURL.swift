import Foundation

/// Every page path in one place; controllers route them and views link with them (ARCHITECTURE).
public enum SiteURL: Sendable {
    case overview
    case partner(UUID, period: String? = nil)
    case stylesheet
    case api
    case apiReference
    case openAPIDocument
    case partners(query: [(String, String)] = [])
    case goal(UUID, done: String? = nil)
    case newGoal(partner: UUID, prefill: [(String, String)] = [])
    case goalAction(UUID, String)
    case portfolio(String? = nil)
    case importFacts
    case plan(UUID)
    case planAction(UUID, String)
    case review(UUID)
    case newPlan(partner: UUID)
    case editPlan(UUID)
    case login(next: String? = nil)
    case logout
    case password
    case invitation(String)
    case recognition
    case partnerRecognition(UUID)
    case segments(period: String? = nil)
    case coverage(period: String? = nil)
    case setPlan
    case tiers
    case tierReview
    case tierDecision(UUID, String)
    case channelManagers
    case seasonality
    case actionItem(review: UUID, item: UUID)
    case loweredTargets(csv: Bool = false)
    case inbox
    case notificationSettings
    case digestDay
    case unsubscribe(String)

    public var path: String {
        switch self {
        case .overview: "/"
        case .partner(let id, let period):
            "/partners/\(id.uuidString.lowercased())"
                + (period.map { "?period=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? "")
        case .stylesheet: "/styles.css"
        case .api: "/api/v1"
        case .apiReference: "/docs/api"
        case .openAPIDocument: "/api/v1/openapi.yaml"
        case .login(let next):
            "/login" + (next.map { "?next=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? "")
        case .partners(let query): "/partners" + SiteURL.queryString(query)
        case .goal(let id, let done): "/goals/\(id.uuidString.lowercased())" + SiteURL.queryString(done.map { [("done", $0)] } ?? [])
        case .newGoal(let partner, let prefill): "/partners/\(partner.uuidString.lowercased())/goals/new" + SiteURL.queryString(prefill)
        case .goalAction(let id, let action): "/goals/\(id.uuidString.lowercased())/\(action)"
        case .portfolio(let name): "/portfolio" + SiteURL.queryString(name.map { [("cam", $0)] } ?? [])
        case .importFacts: "/import"
        case .plan(let id): "/plans/\(id.uuidString.lowercased())"
        case .planAction(let id, let action): "/plans/\(id.uuidString.lowercased())/\(action)"
        case .review(let id): "/reviews/\(id.uuidString.lowercased())"
        case .newPlan(let partner): "/partners/\(partner.uuidString.lowercased())/plans/new"
        case .editPlan(let id): "/plans/\(id.uuidString.lowercased())/edit"
        case .logout: "/logout"
        case .password: "/account/password"
        case .invitation(let token): "/invitations/\(token)"
        case .recognition: "/recognition"
        case .partnerRecognition(let id): "/partners/\(id.uuidString.lowercased())/recognition"
        case .segments(let period): "/segments" + SiteURL.queryString(period.map { [("period", $0)] } ?? [])
        case .coverage(let period): "/coverage" + SiteURL.queryString(period.map { [("period", $0)] } ?? [])
        case .setPlan: "/coverage/plan"
        case .tiers: "/tiers"
        case .tierReview: "/tiers/review"
        case .tierDecision(let id, let decision): "/tiers/recommendations/\(id.uuidString.lowercased())/\(decision)"
        case .channelManagers: "/channel-managers"
        case .seasonality: "/settings/seasonality"
        case .actionItem(let review, let item): "/reviews/\(review.uuidString.lowercased())/action-items/\(item.uuidString.lowercased())"
        case .loweredTargets(let csv): csv ? "/lowered-targets.csv" : "/lowered-targets"
        case .inbox: "/inbox"
        case .notificationSettings: "/account/notifications"
        case .digestDay: "/settings/digest-day"
        case .unsubscribe(let token): "/unsubscribe/\(token)"
        }
    }
}

extension SiteURL {
    /// The characters a query value keeps as they are (RFC 3986's unreserved), so `on_track` reads as itself.
    static let unreserved = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: "\u{21}"..."\u{7E}"))
        .union(CharacterSet(charactersIn: "-._~"))

    /// `?a=1&b=2`, percent-encoded; empty values are left out.
    static func queryString(_ items: [(String, String)]) -> String {
        let parts = items.filter { !$0.1.isEmpty }.map { key, value in
            key + "=" + (value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "")
        }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }
}
