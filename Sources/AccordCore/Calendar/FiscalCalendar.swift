/// A fiscal calendar: the month its fiscal year starts (DOMAIN §2).
///
/// A fiscal year is named by the calendar year in which it ends: with a July start,
/// FY2027 runs 1 Jul 2026 – 30 Jun 2027; with a January start it is the calendar year.
public struct FiscalCalendar: Hashable, Codable, Sendable {
    public let startMonth: Int

    public init(startMonth: Int) throws(CalendarError) {
        guard (1...12).contains(startMonth) else { throw .invalidStartMonth(startMonth) }
        self.startMonth = startMonth
    }

    /// For values known to be valid (constants, stored rows that passed validation).
    public init(validStartMonth: Int) {
        precondition((1...12).contains(validStartMonth), "fiscal start month must be 1–12")
        startMonth = validStartMonth
    }

    public static let calendarYear = FiscalCalendar(validStartMonth: 1)

    public func fiscalYear(containing day: Day) -> Int {
        let c = day.components
        let startYear = c.month >= startMonth ? c.year : c.year - 1
        return startMonth == 1 ? startYear : startYear + 1
    }

    public func firstDay(ofFiscalYear fiscalYear: Int) -> Day {
        Day(year: startMonth == 1 ? fiscalYear : fiscalYear - 1, month: startMonth, day: 1)
    }

    public func period(_ kind: PeriodKind, containing day: Day) -> Period {
        let fy = fiscalYear(containing: day)
        let start = firstDay(ofFiscalYear: fy).components
        let c = day.components
        let monthOffset = (c.year * 12 + c.month) - (start.year * 12 + start.month)
        return Period(calendar: self, kind: kind, fiscalYear: fy, index: monthOffset / kind.months + 1)
    }

    /// All periods of one kind in a fiscal year, in order.
    public func periods(_ kind: PeriodKind, inFiscalYear fiscalYear: Int) -> [Period] {
        (1...kind.countPerYear).map { Period(calendar: self, kind: kind, fiscalYear: fiscalYear, index: $0) }
    }
}

public enum CalendarError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidStartMonth(Int)
    case invalidPeriodLabel(String)
    case fiscalYearOutOfRange(String)

    public var description: String {
        switch self {
        case .invalidStartMonth(let month): "fiscal year start month must be 1–12, not \(month)"
        case .invalidPeriodLabel(let label):
            "'\(label)' is not a period label (expected e.g. FY2027, FY2027 H1, FY2027 Q2, FY2027 M03)"
        case .fiscalYearOutOfRange(let label): "'\(label)' is outside FY\(AcceptedDays.firstYear)–FY\(AcceptedDays.lastYear)"
        }
    }
}
