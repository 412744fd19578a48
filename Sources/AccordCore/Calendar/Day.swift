import Foundation

/// A calendar date without a time zone: the unit every business rule works in (DOMAIN §2).
///
/// Stored as a day number since 1970-01-01 so that ranges, sorting and SQL comparisons
/// are plain integer arithmetic, identical on SQLite and PostgreSQL.
public struct Day: Hashable, Comparable, Sendable, Strideable {
    public let number: Int

    public init(number: Int) { self.number = number }

    /// Days-from-civil (H. Hinnant): exact for the proleptic Gregorian calendar.
    public init(year: Int, month: Int, day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        number = era * 146097 + doe - 719468
    }

    /// Parses `YYYY-MM-DD` (digits only: no sign, no spaces), rejecting impossible dates such as 2026-02-30.
    /// Input also has to fall in `AcceptedDays`.
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), d >= 1, d <= Day.daysIn(month: m, year: y)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = number + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var dayOfMonth: Int { components.day }

    /// English month abbreviations, January first, for dates written for people.
    public static let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The first moment of the day: business days are UTC days.
    public var midnightUTC: Date { Date(timeIntervalSince1970: Double(number) * 86_400) }

    /// The day as people read it: "30 Sep 2026".
    public var readable: String {
        let c = components
        return "\(c.day) \(Self.monthAbbreviations[c.month - 1]) \(c.year)"
    }

    public var iso: String {
        let c = components
        return String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
    }

    /// The first day of the month `months` after this day's month.
    public func firstOfMonth(addingMonths months: Int) -> Day {
        let c = components
        let total = c.year * 12 + (c.month - 1) + months
        return Day(year: total / 12, month: total % 12 + 1, day: 1)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.number < rhs.number }
    public func distance(to other: Day) -> Int { other.number - number }
    public func advanced(by n: Int) -> Day { Day(number: number + n) }
}

extension Day: Codable {
    /// Set in a decoder's `userInfo` for input from outside (the API): days must then fall in `AcceptedDays`.
    /// Stored records are decoded without it, so a record saved under an older rule still reads.
    public static let acceptedDaysOnly = CodingUserInfoKey(rawValue: "accord.acceptedDaysOnly")!

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a date (YYYY-MM-DD)"))
        }
        if decoder.userInfo[Day.acceptedDaysOnly] as? Bool == true, !AcceptedDays.contains(day) {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: DayProblem.outOfRange(text).description))
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

extension Day: CustomStringConvertible {
    public var description: String { iso }
}
