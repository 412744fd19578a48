import Foundation

/// "Waiting for you" (issue 19; DOMAIN §5.2, §10, §11): whose items a user sees, which windows apply, and the order
/// that puts what needs action first. The store finds the items by these rules; it decides none of them.
public enum Inbox {
    /// Whose partners' items: a program admin's are the program's, a channel manager's their portfolio's, a partner
    /// user's their own partner's — never another's (§1).
    public enum Scope: Hashable, Sendable {
        case program
        case portfolio(String)
        case partner(UUID)
    }

    public static func scope(of viewer: Viewer) -> Scope {
        switch viewer.role {
        case .programAdmin: .program
        case .channelManager: .portfolio(viewer.portfolio)
        case .partnerAdmin, .partnerMember: viewer.partnerID.map(Scope.partner) ?? .partner(UUID())
        }
    }

    /// Which kinds a user is asked about: a partner member answers nothing for the partner (§1) and only owns items.
    public static func kinds(for viewer: Viewer) -> [InboxItem.Kind] { kinds(for: viewer.role) }

    public static func kinds(for role: Role) -> [InboxItem.Kind] {
        role.mayNegotiateGoals ? InboxItem.Kind.allCases : [.actionItem]
    }

    /// The windows the inbox looks through, as of `now` and `today`.
    public struct Windows: Hashable, Sendable {
        /// A proposal of the user's side that lapses before this moment is listed to chase (the window's last days).
        public let lapsingBefore: Date
        /// Declines since this moment are listed to decide on; older ones are history.
        public let declinedSince: Date
        /// Reviews due by this day are listed to hold: a review can be held from the last week of its period (§11).
        public let reviewsDueBy: Day
        /// Reviews that fell due before this day are long past holding in time; they stay on the partner's page.
        public let reviewsDueFrom: Day
    }

    /// The last days of the response window (§5.2): three, or the whole window when it is shorter.
    public static let lapsingDays = 3
    /// How long a decline waits for its proposer's decision in the inbox.
    public static let declineDays = 30

    public static func windows(now: Date, today: Day, responseWindowDays: Int) -> Windows {
        let lapsing = max(1, min(lapsingDays, responseWindowDays))
        return Windows(
            lapsingBefore: now.addingTimeInterval(Double(lapsing) * 86_400),
            declinedSince: now.addingTimeInterval(-Double(declineDays) * 86_400),
            reviewsDueBy: today.advanced(by: 7), reviewsDueFrom: today.advanced(by: -365))
    }

    /// What needs action first: overdue items, then the soonest due, answers before reminders, then by partner.
    public static func ranked(_ items: [InboxItem], now: Date) -> [InboxItem] {
        let order = Dictionary(uniqueKeysWithValues: InboxItem.Kind.allCases.enumerated().map { ($1, $0) })
        return items.sorted { a, b in
            let (ao, bo) = (a.isOverdue(now: now), b.isOverdue(now: now))
            if ao != bo { return ao }
            switch (a.due, b.due) {
            case (let x?, let y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if a.kind != b.kind { return order[a.kind, default: 0] < order[b.kind, default: 0] }
            if a.partnerName != b.partnerName { return a.partnerName < b.partnerName }
            return a.subjectID.uuidString < b.subjectID.uuidString
        }
    }
}
