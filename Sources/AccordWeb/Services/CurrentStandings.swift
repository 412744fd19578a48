import AccordCore
import AccordStore
import Foundation
import Vapor

/// Which program's standings a refresh brings to which day (the clock can differ between apps, e.g. in tests).
struct StandingsKey: Hashable, Sendable {
    let programID: UUID
    let today: Day
}

extension Application {
    private struct StandingsRefreshesKey: StorageKey { typealias Value = SharedLoads<StandingsKey, Bool> }

    /// Refreshes of the maintained standings in progress, shared by the requests that arrive while one runs.
    var standingsRefreshes: SharedLoads<StandingsKey, Bool> {
        get {
            guard let loads = storage[StandingsRefreshesKey.self] else {
                preconditionFailure("configure(_:options:) sets standingsRefreshes")
            }
            return loads
        }
        set { storage[StandingsRefreshesKey.self] = newValue }
    }
}

extension Request {
    /// Brings the program's maintained goal progress to today before a page reads it: the day moving on changes
    /// expected-to-date and pacing (ARCHITECTURE, the main data path). Once a day, shared by the requests that
    /// arrive meanwhile; otherwise one read.
    func currentStandings(_ programID: UUID) async throws {
        let (store, today) = (store, clock.today)
        do {
            _ = try await application.standingsRefreshes.value(for: StandingsKey(programID: programID, today: today)) {
                try await store.bringStandings(programID: programID, to: today)
            }
        } catch  where DatabaseHealth.isConflict(error) {
            // An import or a close holds the program's lock: the page shows the standings as of their day rather than
            // wait; the hourly tick or a later page brings them to today.
            logger.info("goal progress not brought to \(today.iso) yet: the program is busy")
        }
    }
}
