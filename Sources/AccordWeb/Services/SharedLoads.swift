/// Requests that ask for the same program-wide figures while they are being computed share that one computation:
/// under load, sixty people opening the overview cost one load of the program, not sixty (docs/PERFORMANCE.md).
/// Nothing is kept once a load is done: the oldest answer a request can get is from a computation that was already
/// running when it arrived.
actor SharedLoads<Key: Hashable & Sendable, Value: Sendable> {
    private var running: [Key: Task<Value, any Error>] = [:]
    /// How many times a value was asked for, and how many loads that took.
    private(set) var asked = 0
    private(set) var loaded = 0

    func value(for key: Key, load: @escaping @Sendable () async throws -> Value) async throws -> Value {
        asked += 1
        if let task = running[key] { return try await task.value }
        // Not tied to the first request: if that one is cancelled, the others still get their answer.
        let task = Task { try await load() }
        running[key] = task
        loaded += 1
        defer { running[key] = nil }
        return try await task.value
    }
}
