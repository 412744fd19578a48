import Vapor

/// A streamed request body (a CSV import), read chunk by chunk by one task — hence `@unchecked Sendable`.
///
/// When the import is refused part-way (a bad field, a bad row), the answer is ready before the client has sent
/// everything. A client that sends its whole body before reading would then wait forever on a connection nobody
/// reads, so the rest is read and dropped first, up to `drainLimit`; beyond that the server's idle timeout closes
/// the connection (docs/RELIABILITY.md lists both).
final class UploadBody: AsyncSequence, @unchecked Sendable {
    typealias Element = [UInt8]

    /// The most of a refused upload that is read and dropped so that its client can take the answer.
    static let drainLimit = 256 * 1024 * 1024

    private var body: Request.Body.AsyncIterator
    private var ended = false

    init(_ req: Request) { body = req.body.makeAsyncIterator() }

    func next() async throws -> [UInt8]? {
        guard !ended, let buffer = try await body.next() else {
            ended = true
            return nil
        }
        return Array(buffer: buffer)
    }

    /// Reads and drops what the client still sends, up to `limit` bytes.
    func drain(limit: Int = UploadBody.drainLimit) async {
        var dropped = 0
        while !ended, dropped < limit {
            guard let buffer = try? await body.next() else {
                ended = true
                return
            }
            dropped += buffer.readableBytes
        }
    }

    /// Runs an import over the body; when it fails before the end, the rest is drained before the answer goes out.
    func reading<T>(_ work: (UploadBody) async throws -> T) async throws -> T {
        do { return try await work(self) } catch {
            await drain()
            throw error
        }
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let upload: UploadBody
        mutating func next() async throws -> [UInt8]? { try await upload.next() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(upload: self) }
}
