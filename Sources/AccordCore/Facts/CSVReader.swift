/// An RFC 4180 CSV reader fed in chunks, so a file of any size streams through flat memory.
///
/// Handles a UTF-8 byte-order mark, CRLF or LF line ends, quoted fields with doubled quotes and
/// line breaks inside them. Each record carries the line number it starts on, for error messages.
public struct CSVReader: Sendable {
    public struct Record: Hashable, Sendable {
        public let line: Int
        public let fields: [String]
    }

    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        public let line: Int
        public let reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// Longest field accepted; a longer one is a broken file, not data.
    public static let maximumFieldBytes = 64 * 1024

    private var field: [UInt8] = []
    private var fields: [String] = []
    private var inQuotes = false
    private var quoteJustClosed = false
    private var afterCR = false
    private var atStartOfFile = true
    private var bomBytesSeen = 0
    private var line = 1
    private var recordLine = 1
    private var recordHasContent = false
    private var failure: Failure?

    public init() {}

    /// Consumes the next chunk of bytes and returns the records completed by it.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(Failure) -> [Record] {
        if let failure { throw failure }
        var records: [Record] = []
        for byte in bytes {
            if atStartOfFile {
                if bomBytesSeen == 0 && (byte == 0xFF || byte == 0xFE) {
                    throw fail(Failure(line: 1, reason: "the file is encoded as UTF-16; save it as UTF-8 (\"CSV UTF-8\")"))
                }
                let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
                if byte == bom[bomBytesSeen] {
                    bomBytesSeen += 1
                    if bomBytesSeen == 3 { atStartOfFile = false }
                    continue
                }
                atStartOfFile = false
                for b in bom.prefix(bomBytesSeen) { try consume(b, into: &records) }
            }
            try consume(byte, into: &records)
        }
        return records
    }

    /// Ends the input; returns the last record if the file does not end with a line break.
    public mutating func finish() throws(Failure) -> [Record] {
        if let failure { throw failure }
        if atStartOfFile && bomBytesSeen > 0 {
            atStartOfFile = false
            var records: [Record] = []
            for b in [UInt8]([0xEF, 0xBB, 0xBF]).prefix(bomBytesSeen) { try consume(b, into: &records) }
        }
        if inQuotes { throw fail(Failure(line: recordLine, reason: "a quoted field is not closed before the end of the file")) }
        guard recordHasContent || !fields.isEmpty || !field.isEmpty else { return [] }
        var records: [Record] = []
        try endRecord(into: &records)
        return records
    }

    private mutating func consume(_ byte: UInt8, into records: inout [Record]) throws(Failure) {
        let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        if afterCR {
            afterCR = false
            if byte == lf { return }
        }
        if inQuotes {
            if byte == quote {
                inQuotes = false
                quoteJustClosed = true
            } else {
                if byte == lf || byte == cr { line += 1 }
                if byte == cr { afterCR = true }
                try append(byte)
            }
            return
        }
        switch byte {
        case quote:
            if quoteJustClosed {
                // A doubled quote inside a quoted field stands for one quote.
                try append(quote)
                inQuotes = true
                quoteJustClosed = false
            } else if field.isEmpty {
                inQuotes = true
                recordHasContent = true
            } else {
                throw fail(Failure(line: line, reason: "a quote appears inside an unquoted field"))
            }
        case comma:
            try endField()
            recordHasContent = true
        case cr, lf:
            if byte == cr { afterCR = true }
            if recordHasContent || !field.isEmpty || !fields.isEmpty { try endRecord(into: &records) }
            line += 1
            recordLine = line
        default:
            if quoteJustClosed {
                throw fail(Failure(line: line, reason: "text follows the closing quote of a field"))
            }
            recordHasContent = true
            try append(byte)
        }
    }

    private mutating func append(_ byte: UInt8) throws(Failure) {
        guard field.count < CSVReader.maximumFieldBytes else {
            throw fail(Failure(line: recordLine, reason: "a field is longer than \(CSVReader.maximumFieldBytes / 1024) KiB"))
        }
        field.append(byte)
    }

    private mutating func endField() throws(Failure) {
        guard let text = String(validating: field, as: UTF8.self) else {
            throw fail(Failure(line: recordLine, reason: "the text is not valid UTF-8 (save the file as UTF-8)"))
        }
        fields.append(text)
        field.removeAll(keepingCapacity: true)
        quoteJustClosed = false
    }

    private mutating func endRecord(into records: inout [Record]) throws(Failure) {
        try endField()
        records.append(Record(line: recordLine, fields: fields))
        fields.removeAll(keepingCapacity: true)
        recordHasContent = false
    }

    private mutating func fail(_ failure: Failure) -> Failure {
        self.failure = failure
        return failure
    }
}
