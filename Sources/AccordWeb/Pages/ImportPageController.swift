import AccordCore
import AccordStore
import AccordViews
import Vapor

/// Uploading facts from the browser: the same importer as the CLI and the API, fed as the upload arrives.
enum ImportPageController {
    static func kinds(for viewer: Viewer) -> [(String, String)] {
        (AccessRule.mayManagePartners(viewer) ? [("sales", "Sales lines")] : []) + [("activities", "Activity records")]
    }

    @Sendable static func form(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        return HTMLResponse.page(
            ImportPage.render(
                .init(
                    chrome: try await PageChromes.make(req), kinds: kinds(for: viewer), selectedKind: kinds(for: viewer)[0].0,
                    skipInvalid: false, outcome: nil, error: nil)))
    }

    @Sendable static func upload(req: Request) async throws -> Response {
        let upload = try StreamedUpload(req)
        // Whatever refuses the upload once its reading began, the rest is read first so the browser takes the answer
        // (an upload not read at all Vapor drains itself).
        do { return try await answer(req, upload) } catch {
            await upload.drain()
            throw error
        }
    }

    static func answer(_ req: Request, _ upload: StreamedUpload) async throws -> Response {
        let viewer = try req.viewer()
        try await upload.readFields()
        let kindText = upload.fields["kind"] ?? kinds(for: viewer)[0].0
        let skip = upload.fields["skip_invalid"] == "1"
        func page(_ outcome: ImportPage.Outcome?, error: String?, status: HTTPStatus) async throws -> Response {
            // A refusal before the end of the upload: the rest is read first, so the browser can take the answer.
            if status != .ok { await upload.drain() }
            return HTMLResponse.page(
                ImportPage.render(
                    .init(
                        chrome: try await PageChromes.make(req), kinds: kinds(for: viewer), selectedKind: kindText, skipInvalid: skip,
                        outcome: outcome, error: error)),
                status: status)
        }
        // The upload is read as it arrives: a kind sent after the file would come too late to read its rows.
        guard upload.fields["kind"] != nil || upload.fileIsMissing else {
            return try await page(
                nil, error: "Say what the file holds (the kind field) before the file itself; nothing was imported.",
                status: .unprocessableEntity)
        }
        guard let kind = FactRowParser.Kind(rawValue: kindText), kinds(for: viewer).contains(where: { $0.0 == kindText }) else {
            return try await page(nil, error: "Your role cannot import \(kindText).", status: .forbidden)
        }
        guard !upload.fileIsMissing else {
            return try await page(nil, error: "Choose a CSV file to upload.", status: .unprocessableEntity)
        }
        let program = try await req.program(nil)
        do {
            let report = try await FactImporter(
                store: req.store, programID: program.id, kind: kind, onlyPartner: try req.readablePartner(), recordedBy: viewer,
                options: CSVImportRun(skipInvalid: skip)
            ).run(chunks: upload.file)
            return try await page(
                .imported(
                    kind: kind.rawValue, inserted: report.inserted, alreadyPresent: report.alreadyPresent, rejected: report.rejected,
                    rejectedCount: report.rejectedCount),
                error: nil, status: .ok)
        } catch let failure as ImportFailure {
            return try await page(
                .refused(kind: kind.rawValue, rows: failure.rows, total: failure.total), error: nil, status: .unprocessableEntity)
        }
    }
}
