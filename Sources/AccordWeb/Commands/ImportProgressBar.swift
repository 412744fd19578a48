import AccordCore
import Foundation

/// What an import prints while it runs: a bar with rows/s and the time left on a terminal, plain lines
/// every few seconds when the output is a file or a pipe (CI logs, cron mail).
final class ImportProgressBar: @unchecked Sendable {
    private let totalBytes: Int?
    private let isTerminal: Bool
    private let write: @Sendable (String) -> Void
    private let started: Date
    private let lock = NSLock()
    private var lastShown: Date = .distantPast
    private var last = ImportProgress()

    init(totalBytes: Int?, isTerminal: Bool, now: Date = Date(), write: @escaping @Sendable (String) -> Void) {
        self.totalBytes = totalBytes
        self.isTerminal = isTerminal
        self.started = now
        self.write = write
    }

    /// Shows the progress, at most five times a second on a terminal and every five seconds otherwise.
    func show(_ progress: ImportProgress, now: Date = Date()) {
        lock.lock()
        defer { lock.unlock() }
        last = progress
        guard now.timeIntervalSince(lastShown) >= (isTerminal ? 0.2 : 5) else { return }
        lastShown = now
        let line = Self.line(progress, totalBytes: totalBytes, elapsed: now.timeIntervalSince(started), bar: isTerminal)
        write(isTerminal ? "\r\u{1B}[2K" + line : line + "\n")
    }

    /// The last line, complete, when the import has ended.
    func finish(now: Date = Date()) {
        lock.lock()
        defer { lock.unlock() }
        let line = Self.line(last, totalBytes: totalBytes, elapsed: now.timeIntervalSince(started), bar: isTerminal)
        write(isTerminal ? "\r\u{1B}[2K" + line + "\n" : line + "\n")
    }

    static func line(_ progress: ImportProgress, totalBytes: Int?, elapsed: TimeInterval, bar: Bool) -> String {
        let rate = elapsed > 0 ? Double(progress.rows) / elapsed : 0
        var parts: [String] = []
        if let totalBytes, totalBytes > 0 {
            let share = min(1, Double(progress.bytes) / Double(totalBytes))
            let percent = String(format: "%3.0f%%", share * 100)
            if bar {
                let width = 30
                let filled = Int((share * Double(width)).rounded(.down))
                parts.append("[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] " + percent)
            } else {
                parts.append(percent)
            }
            if share > 0 && share < 1 { parts.append("ETA " + duration(elapsed / share - elapsed)) }
        }
        parts.append("\(grouped(progress.rows)) rows")
        parts.append("\(grouped(Int(rate))) rows/s")
        if progress.problems > 0 { parts.append("\(grouped(progress.problems)) bad") }
        parts.append(duration(elapsed) + " elapsed")
        return parts.joined(separator: "  ")
    }

    static func duration(_ seconds: TimeInterval) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600
            ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
            : String(format: "%d:%02d", total / 60, total % 60)
    }

    static func grouped(_ number: Int) -> String {
        let digits = String(number)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }
}

/// The rows `--skip-invalid` left out, as CSV (`line,reason`), written as they are found.
final class RejectsFile: @unchecked Sendable {
    let path: String
    private let handle: FileHandle
    private let lock = NSLock()

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(CSVWriter.row(["line", "reason"]).utf8)),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw InputError("cannot write the rejects file \(path)") }
        handle.seekToEndOfFile()
        self.path = path
        self.handle = handle
    }

    func add(_ error: RowError) {
        lock.lock()
        defer { lock.unlock() }
        handle.write(Data(CSVWriter.row([String(error.line), error.reason]).utf8))
    }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        try? handle.close()
    }
}
