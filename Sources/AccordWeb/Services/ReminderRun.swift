import AccordCore
import AccordStore
import Foundation

/// Reminders (issue 19; DOMAIN §5.2, §11): a proposal in the last days of its response window, to the side it
/// waits for; an action item due within days, to its owner. Each is written once per event and recipient
/// (`Notices.lapsing`, `Notices.actionItemDue` name the event), so running again, on any instance, adds nothing.
struct ReminderRun {
    let store: AccordStore
    let publicURL: String
    let clock: AccordClock

    /// The reminders due now that are not in the outbox yet; written unless `write` is false (a dry run).
    func send(write: Bool = true) async throws -> [OutboxMessage] {
        let now = clock.now()
        let today = clock.today
        // Every user is read only when something is due: most passes find nothing.
        var loadedUsers: [User]?
        func users() async throws -> [User] {
            if let loadedUsers { return loadedUsers }
            let all = try await store.users()
            loadedUsers = all
            return all
        }
        var written: [OutboxMessage] = []
        for program in try await store.programs() {
            _ = try await store.bringStandings(programID: program.id, to: today)
            let metrics = Dictionary(uniqueKeysWithValues: try await store.metrics(of: program.id).map { ($0.key, $0) })
            var partners: [UUID: Partner] = [:]
            func partner(_ id: UUID) async throws -> Partner {
                if let known = partners[id] { return known }
                let loaded = try await store.partner(id)
                partners[id] = loaded
                return loaded
            }
            // The response window's last days, as the inbox lists them to chase (§5.2).
            let lapsingBefore = Inbox.windows(now: now, today: today, responseWindowDays: program.settings.responseWindowDays)
                .lapsingBefore
            var notices: [Notice] = []
            for standing in try await store.proposalsLapsing(programID: program.id, now: now, before: lapsingBefore) {
                guard let metric = metrics[standing.metricKey], let lapses = standing.lapsesAt, let awaiting = standing.awaitingSide
                else { continue }
                notices += Notices.lapsing(
                    goalID: standing.goalID, lapsesAt: lapses, metric: metric, period: standing.period, target: standing.target,
                    currency: program.currency, awaiting: awaiting, partner: try await partner(standing.partnerID), users: try await users()
                )
            }
            for due in try await store.actionItemsDue(
                programID: program.id, from: today, through: today.advanced(by: Notices.reminderDays))
            {
                notices += Notices.actionItemDue(
                    due.item, reviewID: due.reviewID, partner: try await partner(due.partnerID), users: try await users())
            }
            let known = try await store.outboxEvents(notices.map(\.eventKey))
            let fresh = notices.filter { !known.contains($0.eventKey) }
            let messages = try await Notifier(store: store, publicURL: publicURL).messages(fresh, at: now)
            if write { try await store.enqueueMessages(messages) }
            written += messages
        }
        return written
    }
}
