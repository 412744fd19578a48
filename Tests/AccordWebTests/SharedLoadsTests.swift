import Testing

@testable import AccordWeb

/// Program-wide figures asked for by many requests at once are computed once (docs/PERFORMANCE.md).
@Suite("Shared loads")
struct SharedLoadsTests {
    @Test func requestsArrivingDuringALoadShareItAndTheNextRequestLoadsAfresh() async throws {
        let loads = SharedLoads<Int, Int>()
        // The load waits until all sixteen requests have asked, so every one of them arrives while it runs.
        let answers = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    try await loads.value(for: 1) {
                        while await loads.asked < 16 { try await Task.sleep(for: .milliseconds(5)) }
                        return 42
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers == Array(repeating: 42, count: 16))
        #expect(await loads.loaded == 1)
        // Nothing is kept: a later request loads again, and another key is another load.
        #expect(try await loads.value(for: 1) { 43 } == 43)
        #expect(try await loads.value(for: 2) { 7 } == 7)
        #expect(await loads.loaded == 3)
    }

    @Test func aFailedLoadFailsItsWaitersAndTheNextRequestTriesAgain() async throws {
        struct Unavailable: Error {}
        let loads = SharedLoads<Int, Int>()
        await #expect(throws: Unavailable.self) { try await loads.value(for: 1) { throw Unavailable() } }
        #expect(try await loads.value(for: 1) { 5 } == 5)
    }
}
