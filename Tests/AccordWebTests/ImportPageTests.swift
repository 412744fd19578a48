import AccordCore
import AccordStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// The browser's import page reads the upload as it arrives (DOMAIN §4; issue: large files streamed, not buffered).
@Suite("Import page upload")
struct ImportPageTests {
    static let boundary = "----accord-test-boundary"

    static func multipart(fields: [(String, String)], file: String?) -> ByteBuffer {
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        if let file {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"facts.csv\"\r\n"
            body += "Content-Type: text/csv\r\n\r\n\(file)\r\n"
        }
        body += "--\(boundary)--\r\n"
        return ByteBuffer(string: body)
    }

    static func upload(_ browser: inout Browser, _ body: ByteBuffer) async throws -> TestingHTTPResponse {
        let form = try await browser.get("/import")
        return try await browser.send(
            .POST, "/import?_csrf=\(Browser.csrf(in: form))", body: body,
            contentType: HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary]))
    }

    @Test func aLargeUploadIsImportedRowByRowAndOnlyOnce() async throws {
        try await withAccord { app in
            _ = try await World.make(app)
            var browser = try await signedIn(app, "vera", name: "Vera Vendor", role: .programAdmin)
            // 20,000 rows (about 1 MB): well past one read of the body, so rows cross chunk boundaries.
            let rows = (1...20_000).map {
                "PG\($0),GX-1,2026-10-\(String(format: "%02d", $0 % 28 + 1)),\($0 % 900 + 100).25,USD,Customer \($0 % 50)"
            }
            let csv = "transaction_id,partner_key,date,amount,currency,customer\n" + rows.joined(separator: "\n") + "\n"
            let first = try await Self.upload(&browser, Self.multipart(fields: [("kind", "sales")], file: csv))
            #expect(first.status == .ok)
            #expect(first.body.string.contains("Imported 20000 new sales rows; 0 were already there."))
            let again = try await Self.upload(&browser, Self.multipart(fields: [("kind", "sales")], file: csv))
            #expect(again.status == .ok)
            #expect(again.body.string.contains("Imported 0 new sales rows; 20000 were already there."))
            let store = AccordStore(database: app.db)
            let differences = try await store.rollupDifferences(programID: try await store.programs()[0].id)
            #expect(differences.isEmpty)
        }
    }

    @Test func aBadRowRefusesTheUploadUnlessTheSkipBoxWasTicked() async throws {
        try await withAccord { app in
            _ = try await World.make(app)
            var browser = try await signedIn(app, "vera", name: "Vera Vendor", role: .programAdmin)
            let csv =
                "transaction_id,partner_key,date,amount,currency,customer\nPB1,GX-1,2026-10-02,10.00,USD,A\nPB2,GX-1,2026-13-02,5,USD,B\n"
            let refused = try await Self.upload(&browser, Self.multipart(fields: [("kind", "sales")], file: csv))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains(#"<td class="num">3</td><td>date '2026-13-02' is not a date"#))
            let skipped = try await Self.upload(&browser, Self.multipart(fields: [("kind", "sales"), ("skip_invalid", "1")], file: csv))
            #expect(skipped.status == .ok)
            #expect(skipped.body.string.contains("Imported 1 new sales row;") && skipped.body.string.contains(#"<td class="num">3</td>"#))
            let missing = try await Self.upload(&browser, Self.multipart(fields: [("kind", "sales")], file: nil))
            #expect(missing.status == .unprocessableEntity && missing.body.string.contains("Choose a CSV file"))
            let empty = try await Self.upload(&browser, Self.multipart(fields: [("kind", "sales")], file: ""))
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("Choose a CSV file"))
            // A client that sends the kind after the file: refused, not read as the default kind.
            var kindLast = Self.multipart(fields: [], file: csv)
            kindLast = ByteBuffer(
                string: kindLast.getString(at: 0, length: kindLast.readableBytes)!.replacingOccurrences(
                    of: "--\(Self.boundary)--",
                    with: "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nsales\r\n--\(Self.boundary)--"))
            let store = AccordStore(database: app.db)
            let programID = try await store.programs()[0].id
            let before = try await store.factTotals(programID: programID)
            let late = try await Self.upload(&browser, kindLast)
            #expect(late.status == .unprocessableEntity && late.body.string.contains("before the file itself; nothing was imported"))
            let after = try await store.factTotals(programID: programID)
            #expect(after.salesLines == before.salesLines && after.activities == before.activities)
            let form = try await browser.get("/import")
            let notMultipart = try await browser.post("/import", form: ["_csrf": Browser.csrf(in: form), "kind": "sales"])
            #expect(notMultipart.status == .unsupportedMediaType)
        }
    }
}
