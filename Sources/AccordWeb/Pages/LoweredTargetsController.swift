import AccordCore
import AccordStore
import AccordViews
import Foundation
import Vapor

/// The "targets lowered this year" report and its CSV (DOMAIN §5.3), for vendor staff.
enum LoweredTargetsController {
    /// Lines a page shows; the CSV holds them all.
    static let shownLines = 1_000

    @Sendable static func page(req: Request) async throws -> Response {
        let program = try await req.program(nil)
        let cam = try req.queryText("cam")
        let report = try await LoweredTargetsReport.load(
            store: req.store, program: program, today: req.clock.today, channelManager: cam, limit: shownLines)
        return HTMLResponse.page(
            LoweredTargetsPage.render(
                .init(chrome: try await PageChromes.make(req), year: report.yearLabel, rows: report.rows, channelManager: cam)))
    }

    @Sendable static func csv(req: Request) async throws -> Response {
        let program = try await req.program(nil)
        let report = try await LoweredTargetsReport.load(
            store: req.store, program: program, today: req.clock.today, channelManager: try req.queryText("cam"))
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(
            .attachment, filename: "lowered-targets-\(report.year.label.replacingOccurrences(of: " ", with: "-")).csv")
        return Response(status: .ok, headers: headers, body: .init(string: report.csv))
    }
}
