import AccordCore
import Foundation
import Vapor

/// The one source of "now" and "today" (ARCHITECTURE: an injected clock), so tests and the demo pin dates.
public struct AccordClock: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    public static let system = AccordClock { Date() }

    /// A clock stopped at a fixed instant.
    public static func fixed(_ date: Date) -> AccordClock { AccordClock { date } }

    /// `ACCORD_TODAY=YYYY-MM-DD` pins the date (noon UTC) for demos and checks; otherwise the system clock.
    public static func fromEnvironment(_ environment: [String: String]) -> AccordClock {
        guard let text = environment["ACCORD_TODAY"], let day = Day(iso: text) else { return .system }
        return .fixed(day.noonUTC)
    }

    /// Business dates are UTC days.
    public var today: Day { Day(date: now()) }
}

extension Day {
    public init(date: Date) {
        self.init(number: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    public var noonUTC: Date { Date(timeIntervalSince1970: Double(number) * 86_400 + 43_200) }
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = AccordClock }

    public var clock: AccordClock {
        get { storage[ClockKey.self] ?? .system }
        set { storage[ClockKey.self] = newValue }
    }
}
