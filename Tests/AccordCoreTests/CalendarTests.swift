import PropertyBased
import Testing

@testable import AccordCore

/// DOMAIN §2 — calendars and rhythms.
@Suite("§2 Calendars and periods")
struct CalendarTests {
    @Test func fiscalYearIsNamedByTheYearItEnds() throws {
        let july = try FiscalCalendar(startMonth: 7)
        #expect(july.fiscalYear(containing: Day(year: 2026, month: 7, day: 1)) == 2027)
        #expect(july.fiscalYear(containing: Day(year: 2027, month: 6, day: 30)) == 2027)
        #expect(july.fiscalYear(containing: Day(year: 2026, month: 6, day: 30)) == 2026)
        let fy2027 = Period(calendar: july, kind: .year, fiscalYear: 2027, index: 1)
        #expect(fy2027.start == Day(year: 2026, month: 7, day: 1))
        #expect(fy2027.end == Day(year: 2027, month: 7, day: 1))
    }

    @Test func januaryStartMakesTheFiscalYearTheCalendarYear() {
        let calendar = FiscalCalendar.calendarYear
        #expect(calendar.fiscalYear(containing: Day(year: 2026, month: 1, day: 1)) == 2026)
        #expect(calendar.fiscalYear(containing: Day(year: 2026, month: 12, day: 31)) == 2026)
    }

    @Test func startMonthOutsideOneToTwelveIsRejected() {
        #expect(throws: CalendarError.invalidStartMonth(13)) { try FiscalCalendar(startMonth: 13) }
        #expect(throws: CalendarError.invalidStartMonth(0)) { try FiscalCalendar(startMonth: 0) }
    }

    @Test func periodsHaveHalfOpenRangesAndLabels() throws {
        let july = try FiscalCalendar(startMonth: 7)
        let q2 = Period(calendar: july, kind: .quarter, fiscalYear: 2027, index: 2)
        #expect(q2.label == "FY2027 Q2")
        #expect(q2.start == Day(year: 2026, month: 10, day: 1))
        #expect(q2.end == Day(year: 2027, month: 1, day: 1))
        #expect(q2.contains(q2.start) && !q2.contains(q2.end))
        #expect(Period(calendar: july, kind: .half, fiscalYear: 2027, index: 1).label == "FY2027 H1")
        #expect(Period(calendar: july, kind: .month, fiscalYear: 2027, index: 3).label == "FY2027 M03")
        #expect(Period(calendar: july, kind: .month, fiscalYear: 2027, index: 3).start == Day(year: 2026, month: 9, day: 1))
    }

    @Test func monthsOfAFiscalYearTileItExactlyForEveryStartMonth() async {
        await propertyCheck(input: Gen.int(in: 1...12), Gen.int(in: 1990...2100)) { startMonth, fiscalYear in
            let calendar = FiscalCalendar(validStartMonth: startMonth)
            let year = Period(calendar: calendar, kind: .year, fiscalYear: fiscalYear, index: 1)
            for kind in PeriodKind.allCases {
                let periods = calendar.periods(kind, inFiscalYear: fiscalYear)
                #expect(periods.first?.start == year.start)
                #expect(periods.last?.end == year.end)
                for (a, b) in zip(periods, periods.dropFirst()) { #expect(a.end == b.start) }
                #expect(periods.map(\.days).reduce(0, +) == year.days)
            }
        }
    }

    @Test func theDayIsInThePeriodFoundForIt() async {
        // Days of FY2001–FY2099, whose labels are within the accepted range whatever the start month.
        await propertyCheck(input: Gen.int(in: 1...12), Gen.int(in: 11_323...47_480)) { startMonth, number in
            let calendar = FiscalCalendar(validStartMonth: startMonth)
            let day = Day(number: number)
            for kind in PeriodKind.allCases {
                let period = calendar.period(kind, containing: day)
                #expect(period.contains(day))
                #expect(period.next.start == period.end)
                #expect(period.previous.end == period.start)
            }
        }
    }

    @Test func periodLabelsRoundTrip() async {
        // Days of 2001–2099, whose fiscal years are within the accepted range whatever the start month.
        await propertyCheck(input: Gen.int(in: 1...12), Gen.int(in: 0...36_158)) { startMonth, offset in
            let calendar = FiscalCalendar(validStartMonth: startMonth)
            let day = Day(year: 2001, month: 1, day: 1).advanced(by: offset)
            for kind in PeriodKind.allCases {
                let period = calendar.period(kind, containing: day)
                #expect((try? Period(label: period.label, calendar: calendar)) == period)
            }
        }
    }

    @Test func malformedPeriodLabelsAreRejected() {
        for label in ["", "FY27", "FY2027 Q5", "FY2027 M3", "2027 Q1", "FY2027 X1", "FY2027 H3"] {
            #expect(throws: CalendarError.invalidPeriodLabel(label)) { try Period(label: label, calendar: .calendarYear) }
        }
    }

    @Test func daysRoundTripThroughTheCivilCalendar() async {
        await propertyCheck(input: Gen.int(in: -100_000...100_000)) { number in
            let day = Day(number: number)
            let c = day.components
            #expect(Day(year: c.year, month: c.month, day: c.day) == day)
            #expect(Day(iso: day.iso) == day || c.year < 0 || c.year > 9999)
        }
    }

    @Test func impossibleDatesDoNotParse() {
        #expect(Day(iso: "2026-02-29") == nil)
        #expect(Day(iso: "2028-02-29") != nil)
        #expect(Day(iso: "2026-13-01") == nil)
        #expect(Day(iso: "2026-1-01") == nil)
        #expect(Day(iso: "26-01-01") == nil)
    }

    @Test func aPeriodIsShownByItsFirstAndLastDaysNeverItsExclusiveEnd() throws {
        let q1 = Period(calendar: FiscalCalendar(validStartMonth: 7), kind: .quarter, fiscalYear: 2027, index: 1)
        #expect(q1.end == Day(year: 2026, month: 10, day: 1))
        #expect(q1.lastDay == Day(year: 2026, month: 9, day: 30))
        #expect(q1.dates == "1 Jul – 30 Sep 2026")
        let year = Period(calendar: try FiscalCalendar(startMonth: 2), kind: .year, fiscalYear: 2027, index: 1)
        #expect(year.dates == "1 Feb 2026 – 31 Jan 2027")
    }

    @Test func partnerPeriodIsShownInTheVendorCalendarWithDayShares() throws {
        let partner = try FiscalCalendar(startMonth: 4)
        let vendor = try FiscalCalendar(startMonth: 2)
        // Partner FY2027 Q1 = Apr–Jun 2026; vendor quarters start Feb, May, Aug, Nov.
        let q1 = Period(calendar: partner, kind: .quarter, fiscalYear: 2027, index: 1)
        let shares = VendorOverlap.shares(of: q1, in: vendor)
        #expect(shares.map(\.period.label) == ["FY2027 Q1", "FY2027 Q2"])
        #expect(shares.map(\.days) == [30, 61])
        #expect(
            VendorOverlap.describe(q1, in: vendor) == "FY2027 Q1 (1 Apr – 30 Jun 2026) = Vendor FY2027 Q1 (33 %) + FY2027 Q2 (67 %)")
    }

    @Test func vendorSharesAddUpToTheWholePeriod() async {
        await propertyCheck(input: Gen.int(in: 1...12), Gen.int(in: 1...12), Gen.int(in: 10_000...30_000)) {
            partnerStart, vendorStart, number in
            let partner = FiscalCalendar(validStartMonth: partnerStart)
            let vendor = FiscalCalendar(validStartMonth: vendorStart)
            for kind in PeriodKind.allCases {
                let period = partner.period(kind, containing: Day(number: number))
                let shares = VendorOverlap.shares(of: period, in: vendor)
                #expect(shares.map(\.days).reduce(0, +) == period.days)
                #expect(abs(shares.map(\.share).reduce(0, +) - 1) < 1e-9)
                #expect(shares.count <= 2)
            }
        }
    }
}
