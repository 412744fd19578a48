import AccordStore
import NIOCore
import Vapor

/// The daily tick of `accord serve`: every hour it brings each program's maintained goal progress to today, so the
/// first page of a new day finds it current (pages also do it when they find it a day behind). Several instances
/// may tick at once: each refresh locks the program's standings, and the second finds them current.
enum StandingsTick {
    static func start(on app: Application) {
        let task = app.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .seconds(1), delay: .hours(1)) { _ in
            app.eventLoopGroup.any().makeFutureWithTask {
                let store = AccordStore(database: app.db)
                let today = app.clock.today
                do {
                    for program in try await store.programs() {
                        _ = try await app.standingsRefreshes.value(for: StandingsKey(programID: program.id, today: today)) {
                            try await store.bringStandings(programID: program.id, to: today)
                        }
                    }
                } catch {
                    app.logger.warning("The daily refresh of goal progress failed; pages will retry: \(String(reflecting: error))")
                }
            }
        }
        app.lifecycle.use(StopTick(task: task))
    }

    private struct StopTick: LifecycleHandler {
        let task: RepeatedTask
        func shutdown(_ application: Application) { task.cancel() }
    }
}
