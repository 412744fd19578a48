import AccordCore
import Foundation
import Vapor

/// Reading what a request sends, in one place and strictly (Standards: bad input gets a clear error): a body of
/// another content type is a 415, malformed JSON a 400, a field Accord does not know a 400 (never silently
/// ignored), a control character in any text a 422, a query value that cannot be read a 400.
extension Request {
    /// The JSON body of an API request as `T`.
    func json<T: Content>(_ type: T.Type) throws -> T {
        guard let value = try optionalJSON(T.self) else {
            throw InputError("the body is empty; send a JSON object", status: .badRequest)
        }
        return value
    }

    /// The JSON body as `T`, or nil when the request has no body at all (answers whose body is optional).
    func optionalJSON<T: Content>(_ type: T.Type) throws -> T? {
        guard let buffer = body.data, buffer.readableBytes > 0 else { return nil }
        guard let contentType = headers.contentType, contentType.type == "application", contentType.subType == "json" else {
            throw Abort(.unsupportedMediaType, reason: "Send the body as JSON, with 'Content-Type: application/json'.")
        }
        let raw: Any
        do { raw = try JSONSerialization.jsonObject(with: Data(buffer: buffer), options: [.fragmentsAllowed]) } catch {
            throw InputError("the body is not valid JSON", status: .badRequest)
        }
        try BodyFields.checkText(raw, path: [])
        let value = try content.decode(T.self)
        try BodyFields.checkKnown(raw, understood: try BodyFields.encoded(value), path: [])
        return value
    }

    /// The fields of a page's form post as `T` (URL-encoded, as browsers send them); text is checked as in JSON.
    func form<T: Content>(_ type: T.Type) throws -> T {
        // A form of buttons only (accept, withdraw) may arrive without a body.
        guard let buffer = body.data, buffer.readableBytes > 0 else { return try URLEncodedFormDecoder().decode(T.self, from: "") }
        guard let contentType = headers.contentType, contentType == .urlEncodedForm else {
            throw Abort(.unsupportedMediaType, reason: "This form is sent as application/x-www-form-urlencoded.")
        }
        let value = try content.decode(T.self)
        try BodyFields.checkText(try JSONSerialization.jsonObject(with: try BodyFields.encoder.encode(value)), path: [])
        return value
    }

    // MARK: query parameters

    /// The names of the query's parameters; a query that cannot be read (`%zz`) is a 400, never "no filters".
    func queryNames() throws -> [String] {
        guard let query = url.query, !query.isEmpty else { return [] }
        guard let items = URLComponents(string: "/?" + query)?.queryItems else {
            throw InputError("the query cannot be read (check its %-encoding)", field: "query", status: .badRequest)
        }
        return items.map(\.name)
    }

    /// Refuses a query parameter this address does not take: a filter that is not understood is never ignored.
    func onlyQuery(_ known: Set<String>) throws {
        let names = try queryNames()
        if let unknown = names.first(where: { !known.contains($0) }) {
            let list = known.sorted().joined(separator: ", ")
            throw InputError(
                known.isEmpty ? "this address takes no query parameters" : "is not a parameter here; the parameters are \(list)",
                field: unknown, status: .badRequest)
        }
    }

    /// A query parameter as text; nil when absent, 400 when it holds control characters.
    func queryText(_ name: String) throws -> String? {
        guard try queryNames().contains(name) else { return nil }
        // Named but empty (`?period=`): the query was read above, so there is nothing more to it.
        let text = query[String.self, at: name] ?? ""
        do { try TextRules.checkText(text, field: name) } catch { throw InputError(error.description, status: .badRequest) }
        return text
    }

    /// A UUID query parameter; nil when absent, 400 when it is not a UUID.
    func queryUUID(_ name: String) throws -> UUID? {
        guard let text = try queryText(name) else { return nil }
        guard let id = UUID(uuidString: text) else { throw InputError("'\(text)' is not an id", field: name, status: .badRequest) }
        return id
    }

    /// A whole-number query parameter within `range`; nil when absent, 400 otherwise.
    func queryInt(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = try queryText(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw InputError(
                "'\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)", field: name, status: .badRequest)
        }
        return value
    }

    /// A yes/no query parameter (`true`/`false`, `1`/`0`); nil when absent, 400 otherwise.
    func queryBool(_ name: String) throws -> Bool? {
        guard let text = try queryText(name) else { return nil }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw InputError("'\(text)' is not true or false", field: name, status: .badRequest)
        }
    }

    /// A period label query parameter (`FY2027 Q2`); nil when absent or empty, 400 when it is not a period label.
    /// The label's calendar is the caller's to apply: only its form and range are checked here.
    func queryPeriodLabel(_ name: String) throws -> String? {
        guard let text = try queryText(name), !text.isEmpty else { return nil }
        do { _ = try Period(label: text, calendar: .calendarYear) } catch {
            throw InputError(error.description, field: name, status: .badRequest)
        }
        return text
    }

    /// A day query parameter (`YYYY-MM-DD`, within `AcceptedDays`); nil when absent, 400 otherwise.
    func queryDay(_ name: String) throws -> Day? {
        guard let text = try queryText(name) else { return nil }
        do { return try AcceptedDays.day(text) } catch { throw InputError(error.description, field: name, status: .badRequest) }
    }
}

/// The checks every body goes through: the text it carries, and the fields it names.
enum BodyFields {
    /// Encodes a decoded body the way the API speaks (snake_case), to list the fields it understood.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func encoded(_ value: some Encodable) throws -> Any {
        try JSONSerialization.jsonObject(with: try encoder.encode(value), options: [.fragmentsAllowed])
    }

    /// Every string and key of a JSON value: no control characters but line breaks and tabs (TextRules).
    static func checkText(_ value: Any, path: [String]) throws {
        switch value {
        case let text as String:
            do { try TextRules.checkText(text, field: name(path)) } catch { throw InputError(error.description) }
        case let object as [String: Any]:
            for (key, member) in object {
                do { try TextRules.checkText(key, field: name(path) + " key") } catch { throw InputError(error.description) }
                try checkText(member, path: path + [key])
            }
        case let array as [Any]:
            for (index, member) in array.enumerated() { try checkText(member, path: path + ["[\(index)]"]) }
        default: return
        }
    }

    /// Refuses a field of `raw` that decoding did not take: one that is not in the body re-encoded from the value it
    /// decoded into. A field sent as null counts as absent. Names compare without case or underscores, so that a
    /// map's own keys (regions, solutions), which the key strategy also rewrites, read the same.
    static func checkKnown(_ raw: Any, understood: Any, path: [String]) throws {
        if let object = raw as? [String: Any], let known = understood as? [String: Any] {
            let knownKeys = Dictionary(known.map { (normalized($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
            for (key, member) in object where !(member is NSNull) {
                guard let match = knownKeys[normalized(key)] else {
                    let fields = known.keys.sorted().joined(separator: ", ")
                    throw InputError(
                        "is not a field Accord knows here; the fields are \(fields)", field: name(path + [key]), status: .badRequest)
                }
                try checkKnown(member, understood: match, path: path + [key])
            }
        } else if let array = raw as? [Any], let known = understood as? [Any], array.count == known.count {
            for (index, member) in array.enumerated() { try checkKnown(member, understood: known[index], path: path + ["[\(index)]"]) }
        }
    }

    static func normalized(_ key: String) -> String { key.lowercased().replacingOccurrences(of: "_", with: "") }

    static func name(_ path: [String]) -> String {
        path.isEmpty ? "the body" : path.reduce("") { $0.isEmpty || $1.hasPrefix("[") ? $0 + $1 : $0 + "." + $1 }
    }
}
