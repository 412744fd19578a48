import Foundation

/// The one range of dates Accord accepts from people, files and integrations: facts, capacity profiles, stage
/// changes, milestones, due dates, and the periods of goals and plans (Standards: bound values at input).
public enum AcceptedDays {
    public static let firstYear = 2000
    public static let lastYear = 2100
    public static let first = Day(year: firstYear, month: 1, day: 1)
    public static let last = Day(year: lastYear, month: 12, day: 31)

    /// How the range reads in messages.
    public static let label = "2000–2100"

    public static func contains(_ day: Day) -> Bool { day >= first && day <= last }

    /// Fiscal years are named by the calendar year they end in: FY2000 through FY2100.
    public static func containsFiscalYear(_ year: Int) -> Bool { (firstYear...lastYear).contains(year) }

    /// Parses `YYYY-MM-DD` within the range, or says precisely what is wrong.
    public static func day(_ text: some StringProtocol) throws(DayProblem) -> Day {
        guard let day = Day(iso: text) else { throw .notADate(String(text)) }
        guard contains(day) else { throw .outOfRange(String(text)) }
        return day
    }

    /// Checks a day that arrived already parsed.
    public static func check(_ day: Day) throws(DayProblem) {
        guard contains(day) else { throw .outOfRange(day.iso) }
    }
}

public enum DayProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case notADate(String)
    case outOfRange(String)

    public var description: String {
        switch self {
        case .notADate(let text): "'\(text)' is not a date (YYYY-MM-DD)"
        case .outOfRange(let text): "\(text) is outside \(AcceptedDays.label)"
        }
    }
}
