import AccordStore
import NIOCore
import Vapor

/// The schedule of `accord serve` for what nobody's click causes (issue 19): every few minutes it writes the
/// reminders that came due and, on a program's digest day, that week's digests. Several instances may run it: a
/// reminder is one message per event and recipient, and a week's digest is claimed by one instance in the database.
enum NoticeSchedule {
    static func start(on app: Application, every interval: TimeAmount = .minutes(10)) {
        let task = app.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .seconds(20), delay: interval) { _ in
            app.eventLoopGroup.any().makeFutureWithTask {
                let store = AccordStore(database: app.db)
                do {
                    let reminders = try await ReminderRun(store: store, publicURL: app.publicURL, clock: app.clock).send()
                    if !reminders.isEmpty { app.logger.info("reminders: \(reminders.count) written to the outbox") }
                    for report in try await DigestRun(store: store, publicURL: app.publicURL, clock: app.clock).sendDue()
                    where !report.alreadySent && !report.notDue {
                        app.logger.info(
                            "digest: \(report.messages.count) for \(report.program.name), week of \(report.week.iso), written to the outbox"
                        )
                    }
                } catch {
                    app.logger.warning("reminders and digests: a pass failed; the next one retries: \(String(reflecting: error))")
                }
            }
        }
        app.lifecycle.use(Stop(task: task))
    }

    private struct Stop: LifecycleHandler {
        let task: RepeatedTask
        func shutdown(_ application: Application) { task.cancel() }
    }
}
