import PropertyBased
import Testing

@testable import AccordCore

/// DOMAIN §4 facts, and the Standards' rule that a bad row is reported with its line and reason.
@Suite("§4 Facts from CSV")
struct FactImportTests {
    func records(_ text: String) throws -> [CSVReader.Record] {
        var reader = CSVReader()
        return try reader.feed(Array(text.utf8)) + reader.finish()
    }

    @Test func csvReaderHandlesQuotesLineBreaksCRLFAndBOM() throws {
        let text = "\u{FEFF}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n1,,3"
        let rows = try records(text)
        #expect(rows.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["1", "", "3"]])
        #expect(rows.map(\.line) == [1, 2, 4])
    }

    @Test func csvRecordsDoNotDependOnHowTheBytesAreChunked() async throws {
        let text = "id,name\r\n1,\"Ac,me\"\n2,\"multi\r\nline\"\n3,plain\n\n4,last"
        let whole = try records(text)
        await propertyCheck(input: Gen.int(in: 1...7)) { size in
            var reader = CSVReader()
            var out: [CSVReader.Record] = []
            let bytes = Array(text.utf8)
            var index = 0
            while index < bytes.count {
                out += try reader.feed(bytes[index..<min(index + size, bytes.count)])
                index += size
            }
            out += try reader.finish()
            #expect(out == whole)
        }
    }

    @Test func unclosedQuoteIsReportedWithItsLine() {
        #expect(throws: CSVReader.Failure(line: 2, reason: "a quoted field is not closed before the end of the file")) {
            try records("a,b\n\"open,2\n")
        }
        #expect(throws: CSVReader.Failure.self) { try records("a,b\nx\"y,2\n") }
        #expect(throws: CSVReader.Failure(line: 2, reason: "the text is not valid UTF-8 (save the file as UTF-8)")) {
            var reader = CSVReader()
            _ = try reader.feed([0x61, 0x0A, 0xFF, 0xFE, 0x0A])
        }
    }

    func salesParser() -> FactRowParser {
        FactRowParser(kind: .sales, currency: .usd, metrics: MetricCatalog.all, checklistItems: ProgramSettings.defaultChecklist)
    }

    @Test func salesRowsAreValidatedWithTheirLineNumber() throws {
        var parser = salesParser()
        let rows = try records(
            """
            transaction_id,partner_key,date,amount,currency,customer,solution,region
            T1,P-1,2026-03-01,1200.50,USD,Globex,Firewall,EMEA
            T2,P-1,2026-02-30,5,USD,Globex,,EMEA
            T3,P-1,2026-03-02,-5,USD,Globex,,EMEA
            T4,P-1,2026-03-02,5,GBP,Globex,,EMEA
            T5,P-1,2026-03-02,5,USD,Globex
            T6,P-1,2026-03-02,99999999999,USD,Globex,,EMEA
            """)
        try parser.readHeader(rows[0])
        let first = try parser.salesLine(rows[1])
        #expect(first.amount.minorUnits == 120_050 && first.day == Day(year: 2026, month: 3, day: 1))
        let expected: [(Int, String)] = [
            (3, "date '2026-02-30' is not a date"), (4, "negative"),
            (5, "differs from the program currency USD"), (6, "has 6 fields, the header has 8"), (7, "larger than"),
        ]
        for (row, (line, reason)) in zip(rows.dropFirst(2), expected) {
            let error = #expect(throws: RowError.self) { try parser.salesLine(row) }
            #expect(error?.line == line)
            #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
        }
    }

    @Test func aColumnMappingReadsAnotherSystemsColumnNames() throws {
        var parser = FactRowParser(
            kind: .sales, currency: .usd, metrics: MetricCatalog.all, checklistItems: [],
            columnNames: ["transaction_id": "Invoice No", "amount": "net_value", "date": "invoice_date"])
        let rows = try records("Invoice No,partner_key,invoice_date,net_value,currency,customer\nI-7,P-1,2026-03-01,12.50,USD,Globex\n")
        try parser.readHeader(rows[0])
        let line = try parser.salesLine(rows[1])
        #expect(line.id == "I-7" && line.amount.minorUnits == 12_50)
        var unmapped = FactRowParser(
            kind: .sales, currency: .usd, metrics: MetricCatalog.all, checklistItems: [], columnNames: ["amount": "net_value"])
        let plain = try records("transaction_id,partner_key,date,currency,customer\n")
        #expect(throws: RowError(line: 1, reason: "missing column amount (mapped to 'net_value')")) { try unmapped.readHeader(plain[0]) }
        #expect(throws: RowError.self) { try FactRowParser.validate(columnNames: ["colour": "x"], for: .sales) }
    }

    @Test func headersMustNameEveryRequiredColumnOnce() throws {
        var parser = salesParser()
        let missing = try records("transaction_id,partner_key,date,amount,currency\n")
        #expect(throws: RowError(line: 1, reason: "missing column customer")) { try parser.readHeader(missing[0]) }
        let twice = try records("transaction_id,transaction_id\n")
        #expect(throws: RowError(line: 1, reason: "column 'transaction_id' appears twice")) { try parser.readHeader(twice[0]) }
        let unknown = try records("transaction_id,colour\n")
        #expect(throws: RowError.self) { try parser.readHeader(unknown[0]) }
    }

    @Test func activityRowsNameAnActivityMetricAndAValidValue() throws {
        var parser = FactRowParser(
            kind: .activities, currency: .usd, metrics: MetricCatalog.all, checklistItems: ProgramSettings.defaultChecklist)
        let rows = try records(
            """
            activity_id,partner_key,date,metric,value,subject
            A1,P-1,2026-03-01,deal_registrations,,Globex
            A2,P-1,2026-03-01,customer_satisfaction,8.5,
            A3,P-1,2026-03-01,enablement_checklist,,sales_training
            A4,P-1,2026-03-01,revenue,5,
            A5,P-1,2026-03-01,enablement_checklist,,cooking_class
            A6,P-1,2026-03-01,customer_satisfaction,,
            A7,P-1,2026-03-01,certified_engineers_pct,120,
            """)
        try parser.readHeader(rows[0])
        #expect(try parser.activity(rows[1]).value == Metric.oneUnit)
        #expect(try parser.activity(rows[2]).value == 8_50)
        #expect(try parser.activity(rows[3]).subject == "sales_training")
        for (row, line) in zip(rows.dropFirst(4), 5...8) {
            let error = #expect(throws: RowError.self) { try parser.activity(row) }
            #expect(error?.line == line)
        }
    }
}
