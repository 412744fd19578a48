import AccordCore
import AccordStore
import AccordViews
import Foundation

/// Turns what happened into outbox messages (issue 19): Core decides who hears what (`Notices`, `Digest`), each
/// user's choices drop what they asked not to get or hold it for their digest, and the views lay it out with links
/// to this site (`publicURL`).
struct Notifier {
    let store: AccordStore
    let publicURL: String

    func messages(
        for goal: Goal, action: String, by actor: Actor, partner: Partner, program: Program, metric: Metric, at now: Date
    ) async throws -> [OutboxMessage] {
        let users = try await store.users(answeringFor: partner)
        return try await messages(
            Notices.forGoal(
                goal, action: action, by: actor, metric: metric, partner: partner, currency: program.currency,
                responseWindowDays: program.settings.responseWindowDays, users: users), at: now)
    }

    func messages(for plan: JointPlan, action: String, by actor: Actor, partner: Partner, at now: Date) async throws -> [OutboxMessage] {
        let users = try await store.users(answeringFor: partner)
        return try await messages(Notices.forPlan(plan, action: action, by: actor, partner: partner, users: users), at: now)
    }

    /// The messages of these notices as their recipients chose: at once (pending), held for the digest, or none.
    func messages(_ notices: [Notice], at now: Date) async throws -> [OutboxMessage] {
        guard !notices.isEmpty else { return [] }
        let choices = try await store.noticePreferences(of: Array(Set(notices.map(\.recipient.userID))))
        return notices.compactMap { notice in
            let delivery = NoticeDelivery.effective(for: notice.kind, choices: choices[notice.recipient.userID] ?? [:])
            guard delivery != .never else { return nil }
            var message = self.message(notice, at: now)
            if delivery == .inDigest { message.status = .held }
            return message
        }
    }

    /// One notice as a message, with its links and its one-click unsubscribe.
    func message(_ notice: Notice, at now: Date) -> OutboxMessage {
        let token = Secrets.token(prefix: "unsub")
        let links = NoticeMail.Links(
            base: publicURL, answer: publicURL + notice.path, preferences: publicURL + SiteURL.notificationSettings.path,
            unsubscribe: publicURL + SiteURL.unsubscribe(token).path)
        return OutboxMessage(
            eventKey: notice.eventKey, userID: notice.recipient.userID, to: notice.recipient.email, kind: notice.kind,
            subject: notice.subject, text: NoticeMail.text(notice, links: links), html: NoticeMail.html(notice, links: links),
            unsubscribeToken: token, path: notice.path, createdAt: now)
    }
}
