import Foundation
import Testing

@testable import AccordCore

/// The input and visibility rules of issue 16, in Core where they are decided once.
@Suite("Input and visibility rules")
struct InputRuleTests {
    @Test func signInFollowsNextOnlyToAPathOfThisSite() {
        for bad in [
            nil, "", "evil.example", "//evil.example", "/\t/evil.example", "/\\evil.example", "/%09/x\\y", "/a\u{0}b", "/a b", "/ü",
            "https://evil.example", "\\\\evil.example", "/\r\nSet-Cookie: x=1", String(repeating: "/a", count: 1_100),
        ] {
            #expect(LocalRedirect.path(bad) == nil, "\(String(describing: bad).debugDescription)")
        }
        for good in ["/", "/partners", "/partners?stage=developing&page=2", "/goals/1b2c%2F", "/%09/evil.example"] {
            #expect(LocalRedirect.path(good) == good, "\(good)")
        }
    }

    @Test func idsAndKeysArePrintableAndTextHasNoControlCharactersButLineBreaksAndTabs() {
        for bad in ["BAD-22\u{0}", "a\tb", "a\nb", "\u{1B}[31m", "x\u{7F}", "zero\u{200B}width", "rtl\u{202E}", "\u{85}"] {
            #expect(throws: TextRules.Problem.self, "\(bad.debugDescription)") { try TextRules.checkIdentifier(bad, field: "id") }
        }
        for good in ["GX-1", "Initech GmbH", "Zürich", "東京", "=HYPERLINK(\"x\")", "a b"] {
            #expect(throws: Never.self) { try TextRules.checkIdentifier(good, field: "id") }
        }
        for bad in ["\u{0}", "bell\u{7}", "esc\u{1B}", "cr\ronly", "end\r", "\u{7F}"] {
            #expect(throws: TextRules.Problem.self, "\(bad.debugDescription)") { try TextRules.checkText(bad, field: "behaviour") }
        }
        for good in ["Two lines\nof text", "tab\tseparated", "windows\r\nline", "plain"] {
            #expect(throws: Never.self) { try TextRules.checkText(good, field: "behaviour") }
        }
        #expect(
            throws: TextRules.Problem.controlCharacter(field: "behaviour", position: 2)
        ) { try TextRules.checkText("a\u{0}", field: "behaviour") }
    }

    @Test func everyDateAndPeriodAUserGivesFallsIn2000To2100() throws {
        #expect(Day(iso: "+999-01-01") == nil && Day(iso: "-999-01-01") == nil && Day(iso: " 2026-01-01") == nil)
        for text in ["0000-01-01", "9999-12-31", "1999-12-31", "2101-01-01"] {
            #expect(throws: DayProblem.outOfRange(text)) { try AcceptedDays.day(text) }
        }
        #expect(throws: DayProblem.notADate("2026-02-30")) { try AcceptedDays.day("2026-02-30") }
        #expect(try AcceptedDays.day("2000-01-01") == AcceptedDays.first)
        #expect(try AcceptedDays.day("2100-12-31") == AcceptedDays.last)
        for label in ["FY9999 Q4", "FY1999", "FY2101 H1"] {
            #expect(throws: CalendarError.fiscalYearOutOfRange(label)) { try Period(label: label, calendar: .calendarYear) }
        }
        #expect(throws: CalendarError.invalidPeriodLabel("FY+999")) { try Period(label: "FY+999", calendar: .calendarYear) }
        #expect(throws: CalendarError.invalidPeriodLabel("FY2027 Q+1")) { try Period(label: "FY2027 Q+1", calendar: .calendarYear) }
        #expect(try Period(label: "FY2100 Q4", calendar: .calendarYear).label == "FY2100 Q4")
        let decoder = JSONDecoder()
        decoder.userInfo[Day.acceptedDaysOnly] = true
        #expect(throws: DecodingError.self) { try decoder.decode([Day].self, from: Data(#"["9999-12-31"]"#.utf8)) }
        #expect(try JSONDecoder().decode([Day].self, from: Data(#"["9999-12-31"]"#.utf8)).count == 1, "stored records still read")
    }

    @Test func aDraftIsSeenOnlyByTheSideThatWroteItUntilItIsSent() throws {
        let vendorDraft = try Fixture.draft(by: Fixture.cam)
        let partnerDraft = try Fixture.draft(by: Fixture.partnerAdmin)
        #expect(AccessRule.maySee(vendorDraft, as: .side(.vendor)) && !AccessRule.maySee(vendorDraft, as: .side(.partner)))
        #expect(AccessRule.maySee(partnerDraft, as: .side(.partner)) && !AccessRule.maySee(partnerDraft, as: .side(.vendor)))
        #expect(!AccessRule.maySee(vendorDraft, as: .bothSides) && AccessRule.maySee(vendorDraft, as: .accord))
        var sent = vendorDraft
        try sent.send(by: Fixture.cam, now: Fixture.now)
        for audience in [Audience.side(.vendor), .side(.partner), .bothSides, .accord] { #expect(AccessRule.maySee(sent, as: audience)) }
    }

    @Test func partnerUsersRecordTheirOwnActivitiesButNeverTheVendorsCommitments() {
        let member = Viewer(userID: UUID(), name: "Mo", role: .partnerMember, partnerID: UUID())
        let cam = Viewer(userID: UUID(), name: "Casey", role: .channelManager, partnerID: nil)
        for metric in MetricCatalog.all where metric.source == .activity {
            let vendorCommitment = metric.category == .vendorCommitment
            #expect(AccessRule.mayRecord(metric, as: member) == !vendorCommitment, "\(metric.key)")
            #expect(AccessRule.mayRecord(metric, as: cam))
        }
    }

    @Test func everyCSVCellIsQuotedWhereNeededAndNeverRunsAsAFormula() {
        #expect(CSVWriter.row(["a", "b,c", "say \"hi\"", "two\nlines"]) == "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n")
        #expect(CSVWriter.cell("=HYPERLINK(\"http://evil.example\"),X") == "\"'=HYPERLINK(\"\"http://evil.example\"\"),X\"")
        for formula in ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            #expect(CSVWriter.cell(formula).hasPrefix("'") || CSVWriter.cell(formula).hasPrefix("\"'"))
        }
        for number in ["-12.50", "+3", "0.25", "-7"] { #expect(CSVWriter.cell(number) == number) }
        #expect(CSVWriter.cell("") == "" && CSVWriter.cell("plain") == "plain")
    }
}

/// One range for periods too: a period is accepted only when all its days are (issue 16, item 12).
@Suite("Accepted periods")
struct AcceptedPeriodTests {
    @Test func aPeriodIsAcceptedOnlyWhenEveryOneOfItsDaysIs() throws {
        let july = FiscalCalendar(validStartMonth: 7)
        #expect(throws: CalendarError.fiscalYearOutOfRange("FY2000")) { try Period(label: "FY2000", calendar: july) }
        #expect(throws: CalendarError.fiscalYearOutOfRange("FY2000 Q1")) { try Period(label: "FY2000 Q1", calendar: july) }
        #expect(try Period(label: "FY2000 Q3", calendar: july).start == Day(year: 2000, month: 1, day: 1))
        #expect(try Period(label: "FY2100", calendar: july).end == Day(year: 2100, month: 7, day: 1))
        #expect(try Period(label: "FY2000", calendar: .calendarYear).isAccepted)
    }

    @Test func aPlanSpansOnlyAcceptedFiscalYears() {
        let content = { (first: Int, years: Int) in
            JointPlanContent(
                why: "Grow together", firstFiscalYear: first, horizonYears: years,
                opportunity: .init(segment: "Mid-market", size: 1_000_00, intendedShare: 0.1),
                responsibilities: [
                    .init(side: .vendor, description: "Leads", owner: "Casey"), .init(side: .partner, description: "Sell", owner: "Pat"),
                ],
                participants: [], cadence: .quarterly, objectives: [], milestones: [])
        }
        #expect(throws: JointPlanContent.Problem.fiscalYear(2104)) { try content(2100, 5).validated() }
        #expect(throws: JointPlanContent.Problem.fiscalYear(2000)) { try content(2000, 2).validated() }
        #expect(throws: Never.self) { try content(2096, 5).validated() }
    }
}
