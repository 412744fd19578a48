import Foundation

/// The lengths a period can have (DOMAIN §2).
public enum PeriodKind: String, Codable, Sendable, CaseIterable {
    case year, half, quarter, month

    public var months: Int {
        switch self {
        case .year: 12
        case .half: 6
        case .quarter: 3
        case .month: 1
        }
    }

    public var countPerYear: Int { 12 / months }
}

/// A fiscal year, half, quarter or month of one calendar, with a half-open date range
/// and a label such as `FY2027 Q2` (DOMAIN §2).
public struct Period: Hashable, Codable, Sendable {
    public let calendar: FiscalCalendar
    public let kind: PeriodKind
    public let fiscalYear: Int
    /// 1-based position within the fiscal year (H1/H2, Q1–Q4, M01–M12; always 1 for a year).
    public let index: Int

    public init(calendar: FiscalCalendar, kind: PeriodKind, fiscalYear: Int, index: Int) {
        precondition((1...kind.countPerYear).contains(index), "period index out of range")
        self.calendar = calendar
        self.kind = kind
        self.fiscalYear = fiscalYear
        self.index = index
    }

    /// First day of the period (inclusive).
    public var start: Day {
        calendar.firstDay(ofFiscalYear: fiscalYear).firstOfMonth(addingMonths: (index - 1) * kind.months)
    }

    /// First day after the period (exclusive).
    public var end: Day { start.firstOfMonth(addingMonths: kind.months) }

    /// Last day of the period (inclusive): what people and the API are shown, never the exclusive end.
    public var lastDay: Day { end.advanced(by: -1) }

    /// The period's dates as people read them: "1 Jul – 30 Sep 2026", "1 Dec 2026 – 31 Mar 2027".
    public var dates: String {
        let (first, last) = (start.components, lastDay.components)
        let month = { (m: Int) in Day.monthAbbreviations[m - 1] }
        let from = first.year == last.year ? "\(first.day) \(month(first.month))" : "\(first.day) \(month(first.month)) \(first.year)"
        return "\(from) – \(last.day) \(month(last.month)) \(last.year)"
    }

    public var days: Int { start.distance(to: end) }

    public func contains(_ day: Day) -> Bool { day >= start && day < end }

    public var label: String {
        switch kind {
        case .year: "FY\(fiscalYear)"
        case .half: "FY\(fiscalYear) H\(index)"
        case .quarter: "FY\(fiscalYear) Q\(index)"
        case .month: "FY\(fiscalYear) M" + (index < 10 ? "0\(index)" : "\(index)")
        }
    }

    /// The same period one fiscal year earlier: where a sum baseline comes from (§5.1).
    public var oneYearEarlier: Period {
        Period(calendar: calendar, kind: kind, fiscalYear: fiscalYear - 1, index: index)
    }

    /// The next period of the same length: where a missed goal is carried (§5.3).
    public var next: Period {
        index == kind.countPerYear
            ? Period(calendar: calendar, kind: kind, fiscalYear: fiscalYear + 1, index: 1)
            : Period(calendar: calendar, kind: kind, fiscalYear: fiscalYear, index: index + 1)
    }

    public var previous: Period {
        index == 1
            ? Period(calendar: calendar, kind: kind, fiscalYear: fiscalYear - 1, index: kind.countPerYear)
            : Period(calendar: calendar, kind: kind, fiscalYear: fiscalYear, index: index - 1)
    }

    /// Parses a label produced by `label` in the given calendar. The period's days must all fall in `AcceptedDays`
    /// (one range for every date and period a user gives): with a July start, FY2000 begins in 1999 and is refused.
    public init(label: String, calendar: FiscalCalendar) throws(CalendarError) {
        let text = label.trimmingCharacters(in: .whitespaces).uppercased()
        let parts = text.split(separator: " ")
        guard parts.count == 1 || parts.count == 2, parts[0].hasPrefix("FY"), parts[0].count == 6,
            parts[0].dropFirst(2).utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let fy = Int(parts[0].dropFirst(2))
        else { throw .invalidPeriodLabel(label) }
        var kind = PeriodKind.year
        var index = 1
        if parts.count == 2 {
            let part = parts[1]
            switch part.first {
            case "H": kind = .half
            case "Q": kind = .quarter
            case "M": kind = .month
            default: throw .invalidPeriodLabel(label)
            }
            guard part.dropFirst().utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let number = Int(part.dropFirst()),
                (1...kind.countPerYear).contains(number), kind != .month || part.count == 3
            else { throw .invalidPeriodLabel(label) }
            index = number
        }
        guard AcceptedDays.containsFiscalYear(fy) else { throw .fiscalYearOutOfRange(label) }
        let period = Period(calendar: calendar, kind: kind, fiscalYear: fy, index: index)
        guard period.isAccepted else { throw .fiscalYearOutOfRange(label) }
        self = period
    }

    /// Whether every day of the period falls in `AcceptedDays`.
    public var isAccepted: Bool { AcceptedDays.contains(start) && AcceptedDays.contains(end.advanced(by: -1)) }
}

extension Period: CustomStringConvertible {
    public var description: String { label }
}
