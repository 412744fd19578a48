import AccordCore
import AccordStore
import AccordViews
import Foundation

/// Turns a goal change into its outbox messages (issue 19): Core decides who hears what (`Notices`), each user's
/// choices drop what they asked not to get, and the views lay it out with links to this site (`publicURL`).
struct Notifier {
    let store: AccordStore
    let publicURL: String

    func messages(
        for goal: Goal, action: String, by actor: Actor, partner: Partner, program: Program, metric: Metric, at now: Date
    ) async throws -> [OutboxMessage] {
        let users = try await store.users(answeringFor: partner)
        let notices = Notices.forGoal(
            goal, action: action, by: actor, metric: metric, partner: partner, currency: program.currency,
            responseWindowDays: program.settings.responseWindowDays, users: users)
        guard !notices.isEmpty else { return [] }
        let choices = try await store.noticePreferences(of: notices.map(\.recipient.userID))
        return notices.filter { (choices[$0.recipient.userID]?[$0.kind] ?? .standard) == .immediately }.map { notice in
            let token = Secrets.token(prefix: "unsub")
            let link = publicURL + notice.path
            let preferences = publicURL + SiteURL.notificationSettings.path
            let unsubscribe = publicURL + SiteURL.unsubscribe(token).path
            return OutboxMessage(
                eventKey: notice.eventKey, userID: notice.recipient.userID, to: notice.recipient.email, kind: notice.kind,
                subject: notice.subject,
                text: NoticeMail.text(notice, link: link, preferences: preferences, unsubscribe: unsubscribe),
                html: NoticeMail.html(notice, link: link, preferences: preferences, unsubscribe: unsubscribe), unsubscribeToken: token,
                createdAt: now)
        }
    }
}
