import Foundation

/// A day of the week, numbered as ISO 8601 does (Monday 1 … Sunday 7): the program's digest day (issue 19).
public enum Weekday: Int, Codable, Sendable, CaseIterable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public var name: String {
        switch self {
        case .monday: "Monday"
        case .tuesday: "Tuesday"
        case .wednesday: "Wednesday"
        case .thursday: "Thursday"
        case .friday: "Friday"
        case .saturday: "Saturday"
        case .sunday: "Sunday"
        }
    }

    /// Reads "monday", "Mon" or "1"; nil for anything else.
    public init?(text: String) {
        let lowered = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let number = Int(lowered), let day = Weekday(rawValue: number) {
            self = day
            return
        }
        guard lowered.count >= 3,
            let day = Weekday.allCases.first(where: { $0.name.lowercased().hasPrefix(lowered) || $0.name.lowercased() == lowered })
        else { return nil }
        self = day
    }
}

extension Day {
    /// The day of the week (1970-01-01, day 0, was a Thursday).
    public var weekday: Weekday {
        let offset = ((number + 3) % 7 + 7) % 7
        return Weekday(rawValue: offset + 1) ?? .monday
    }

    /// The latest `weekday` on or before this day.
    public func latest(_ weekday: Weekday) -> Day {
        advanced(by: -((self.weekday.rawValue - weekday.rawValue + 7) % 7))
    }
}
