import Fluent
import NIOConcurrencyHelpers
import Vapor

/// Sessions in the database, written only when a request changed their data (ARCHITECTURE: a request that changes
/// nothing writes nothing). Vapor's sessions middleware saves a session on every request that carries one; this
/// driver remembers what it read and lets the save through only when the data differs. The idle stamp changes at
/// most once a minute (`SessionAuthenticator`), so a signed-in reader costs one write a minute, not one a request.
struct SessionRecords: SessionDriver {
    let stored: any SessionDriver

    private struct ReadKey: StorageKey { typealias Value = SessionData }

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        counted(request)
        return stored.createSession(data, for: request)
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        stored.readSession(sessionID, for: request).map { data in
            request.storage[ReadKey.self] = data
            return data
        }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        if let read = request.storage[ReadKey.self], read == data { return request.eventLoop.makeSucceededFuture(sessionID) }
        counted(request)
        return stored.updateSession(sessionID, to: data, for: request)
    }

    private func counted(_ request: Request) {
        AccordMetrics.sessionWrites.increment()
        request.application.sessionWrites.withLockedValue { $0 += 1 }
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        stored.deleteSession(sessionID, for: request)
    }
}

extension Application {
    private struct SessionWritesKey: StorageKey { typealias Value = NIOLockedValueBox<Int> }

    /// Session records this app created or changed: what `/metrics` counts for the process, per app (tests run many).
    var sessionWrites: NIOLockedValueBox<Int> {
        if let count = storage[SessionWritesKey.self] { return count }
        let count = NIOLockedValueBox(0)
        storage[SessionWritesKey.self] = count
        return count
    }
}
