import MultipartKit
import Vapor

/// A `multipart/form-data` upload read as it arrives: the small fields sent before the file are collected, then the
/// file's bytes are handed on chunk by chunk, so a large CSV from the browser is never held whole. Forms put their
/// fields before the file input, and browsers send parts in that order.
///
/// One task reads it from start to end (the import), hence `@unchecked Sendable`.
final class StreamedUpload: @unchecked Sendable {
    private var body: Request.Body.AsyncIterator
    private let parser: MultipartParser
    private var headers: [String: String] = [:]
    private var fieldBytes: [UInt8] = []
    private var fileBytes: [UInt8] = []
    private(set) var fields: [String: String] = [:]
    private(set) var fileStarted = false
    private var fileEnded = false
    private var bodyEnded = false
    /// Bytes of the file handed on so far.
    private(set) var fileSize = 0
    static let fieldLimit = 64 * 1024

    init(_ req: Request) throws {
        guard req.headers.contentType?.type == "multipart", let boundary = req.headers.contentType?.parameters["boundary"],
            !boundary.isEmpty
        else { throw Abort(.unsupportedMediaType, reason: "send the file as multipart/form-data") }
        body = req.body.makeAsyncIterator()
        parser = MultipartParser(boundary: boundary)
        parser.onHeader = { [unowned self] name, value in headers[name.lowercased()] = value }
        parser.onBody = { [unowned self] buffer in
            if isFilePart {
                fileStarted = true
                fileBytes += buffer.readableBytesView
            } else if fieldBytes.count < Self.fieldLimit {
                fieldBytes += buffer.readableBytesView.prefix(Self.fieldLimit - fieldBytes.count)
            }
        }
        parser.onPartComplete = { [unowned self] in
            if isFilePart {
                fileStarted = true
                fileEnded = true
            } else if let name = partName, !fileStarted {
                // Only fields before the file count, however the body happens to be chunked.
                fields[name] = String(decoding: fieldBytes, as: UTF8.self)
            }
            headers = [:]
            fieldBytes = []
        }
    }

    private var disposition: String { headers["content-disposition"] ?? "" }
    private var isFilePart: Bool { disposition.contains("filename=") }
    private var partName: String? {
        guard let range = disposition.range(of: "name=\"") else { return nil }
        return String(disposition[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Reads one more piece of the body into the parser; false at its end.
    private func pull() async throws -> Bool {
        guard !bodyEnded, let chunk = try await body.next() else {
            bodyEnded = true
            return false
        }
        do { try parser.execute(chunk) } catch { throw Abort(.badRequest, reason: "the upload is not valid multipart/form-data") }
        return true
    }

    /// Reads up to the start of the file (or the end of the body); the fields sent before it are then in `fields`.
    func readFields() async throws {
        while !fileStarted, try await pull() {}
    }

    /// No file was chosen, or it holds nothing (browsers send an empty part for an empty file input).
    var fileIsMissing: Bool { !fileStarted || (fileEnded && fileBytes.isEmpty && fileSize == 0) }

    /// The file's next bytes, nil after its last.
    func nextFileChunk() async throws -> [UInt8]? {
        while fileBytes.isEmpty, !fileEnded {
            guard try await pull() else { throw Abort(.badRequest, reason: "the upload ended before the file did") }
        }
        guard !fileBytes.isEmpty else { return nil }
        defer { fileBytes = [] }
        fileSize += fileBytes.count
        return fileBytes
    }

    /// Reads and drops what the client still sends, up to `UploadBody.drainLimit` bytes (see `UploadBody`).
    func drain() async {
        var dropped = 0
        while !bodyEnded, dropped < UploadBody.drainLimit {
            guard let chunk = try? await body.next() else {
                bodyEnded = true
                return
            }
            dropped += chunk.readableBytes
        }
    }

    /// The file, as the importers read files.
    var file: FileChunks { FileChunks(upload: self) }

    struct FileChunks: AsyncSequence, Sendable {
        typealias Element = [UInt8]
        let upload: StreamedUpload

        struct AsyncIterator: AsyncIteratorProtocol {
            let upload: StreamedUpload
            mutating func next() async throws -> [UInt8]? { try await upload.nextFileChunk() }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(upload: upload) }
    }
}
