import Foundation

extension Notices {
    /// How many days ahead an action item's reminder comes: as many as a proposal's, which comes in the response
    /// window's last days (`Inbox.windows`).
    public static let reminderDays = Inbox.lapsingDays

    /// A reminder that a proposal lapses soon (§5.2), to the side it waits for. One per lapse: a counter-proposal
    /// starts a new window and may be reminded of again.
    public static func lapsing(
        goalID: UUID, lapsesAt: Date, metric: Metric, period: Period, target: Int64, currency: Currency, awaiting: Side,
        partner: Partner, users: [User]
    ) -> [Notice] {
        let day = Day(number: Int((lapsesAt.timeIntervalSince1970 / 86_400).rounded(.down))).readable
        let what = "\(metric.name), \(period.label) (\(period.dates)), target \(metric.format(target, currency: currency))"
        return unique(answerers(of: awaiting, for: partner, among: users)).map {
            Notice(
                kind: .proposalLapsing,
                eventKey: "remind/goal/\(goalID.uuidString.lowercased())/\(Figures.roundedDown(lapsesAt.timeIntervalSince1970))",
                recipient: $0,
                subject: "\(partner.name): a \(metric.name) proposal waits for your answer until \(day)",
                paragraphs: [
                    "A proposal to your side is still unanswered: \(what).",
                    "Unless it is answered by \(day), it is flagged as lapsed. Accept it, counter it or decline it with a reason.",
                ], path: "/goals/\(goalID.uuidString.lowercased())", linkLabel: "Answer on Accord")
        }
    }

    /// A reminder that an action item falls due soon (§11), to the users of its side who are its named owner. One per
    /// item and due day: a new due day is reminded of again.
    public static func actionItemDue(_ item: ActionItem, reviewID: UUID, partner: Partner, users: [User]) -> [Notice] {
        let owners = users.filter {
            !$0.disabled && $0.name == item.owner && $0.role.side == item.side
                && (item.side == .vendor || $0.partnerID == partner.id)
        }
        let recipients = owners.compactMap { user in user.email.map { Notice.Recipient(userID: user.id, name: user.name, email: $0) } }
        return unique(recipients).map {
            Notice(
                kind: .actionItemDue, eventKey: "remind/action/\(item.id.uuidString.lowercased())/\(item.due.iso)", recipient: $0,
                subject: "\(partner.name): “\(item.title)” is due on \(item.due.readable)",
                paragraphs: [
                    "An action item you own from the review with \(partner.name) is due on \(item.due.readable): \(item.title).",
                    "Mark it done on the review's page when it is, or drop it with the other side's agreement.",
                ], path: "/reviews/\(reviewID.uuidString.lowercased())", linkLabel: "Open the review")
        }
    }
}
