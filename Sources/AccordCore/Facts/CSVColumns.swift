/// A CSV header read by name: where each of our columns is, with another system's column names mapped to ours
/// ("Invoice No" → transaction_id). Every required column must be there, none unknown or repeated.
public struct CSVHeader: Sendable {
    public let required: [String]
    public let optional: [String]
    /// The file's own names for our columns (ours → theirs), lower-cased.
    public let columnNames: [String: String]
    private var columns: [String: Int] = [:]

    public init(required: [String], optional: [String], columnNames: [String: String] = [:]) {
        self.required = required
        self.optional = optional
        self.columnNames = Dictionary(
            columnNames.map { ($0.key.lowercased(), $0.value.trimmingCharacters(in: .whitespaces).lowercased()) },
            uniquingKeysWith: { a, _ in a })
    }

    public var count: Int { columns.count }

    /// Checks a column mapping before any file is read: only our columns, each given a name.
    public func validateMapping() throws(RowError) {
        let known = required + optional
        for (ours, theirs) in columnNames {
            guard known.contains(ours) else {
                throw RowError(
                    line: 0, reason: "the mapping names '\(ours)', which is not a column; the columns are " + known.joined(separator: ", "))
            }
            guard !theirs.isEmpty else { throw RowError(line: 0, reason: "the mapping gives no file column for '\(ours)'") }
        }
    }

    public mutating func read(_ record: CSVReader.Record) throws(RowError) {
        var columns: [String: Int] = [:]
        let known = Set(required + optional)
        let ours = Dictionary(columnNames.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
        for (index, raw) in record.fields.enumerated() {
            let given = raw.trimmingCharacters(in: .whitespaces).lowercased()
            let name = ours[given] ?? given
            guard known.contains(name) else {
                throw RowError(
                    line: record.line, reason: "unknown column '\(raw)'; the columns are " + (required + optional).joined(separator: ", "))
            }
            guard columns[name] == nil else { throw RowError(line: record.line, reason: "column '\(name)' appears twice") }
            columns[name] = index
        }
        let missing = required.filter { columns[$0] == nil }.map { name in
            columnNames[name].map { "\(name) (mapped to '\($0)')" } ?? name
        }
        guard missing.isEmpty else {
            throw RowError(line: record.line, reason: "missing column\(missing.count == 1 ? "" : "s") " + missing.joined(separator: ", "))
        }
        self.columns = columns
    }

    /// A data row, checked to have as many fields as the header and no control or invisible characters in any
    /// field: every column of a fact or roster file is an id, a key or a one-line name.
    public func row(_ record: CSVReader.Record) throws(RowError) -> CSVRow {
        guard record.fields.count == columns.count else {
            throw RowError(
                line: record.line,
                reason: "has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s"), the header has \(columns.count)")
        }
        for (name, index) in columns {
            do { try TextRules.checkIdentifier(record.fields[index], field: name) } catch {
                throw RowError(line: record.line, reason: error.description)
            }
        }
        return CSVRow(record: record, columns: columns)
    }
}

/// One data row's fields by column name, with errors that name the row's line.
public struct CSVRow: Sendable {
    let record: CSVReader.Record
    let columns: [String: Int]

    public func optional(_ name: String) -> String {
        columns[name].map { record.fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
    }

    public func required(_ name: String) throws(RowError) -> String {
        let value = optional(name)
        guard !value.isEmpty else { throw error("\(name) is empty") }
        guard value.count <= 200 else { throw error("\(name) is longer than 200 characters") }
        return value
    }

    public func day(_ name: String = "date") throws(RowError) -> Day {
        let text = try required(name)
        do { return try AcceptedDays.day(text) } catch { throw self.error("\(name) \(error)") }
    }

    /// A whole number within `range`, or nil when the column is empty.
    public func integer(_ name: String, in range: ClosedRange<Int64>) throws(RowError) -> Int64? {
        let text = optional(name)
        guard !text.isEmpty else { return nil }
        guard let value = Int64(text), range.contains(value) else {
            throw error("\(name) '\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    public func error(_ reason: String) -> RowError { RowError(line: record.line, reason: reason) }
}
