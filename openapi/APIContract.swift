import Foundation
import Yams

/// Accord's API contract, `openapi/openapi.yaml`: served as written, and read into operations and schemas for the
/// reference page and for the test that holds the registered routes to it (both directions).
public struct APIContract: Sendable {
    public struct Parameter: Sendable, Equatable {
        public let name: String
        public let location: String
        public let required: Bool
        public let type: String
        public let description: String
    }

    public struct Response: Sendable, Equatable {
        public let status: String
        public let description: String
        public let schema: String?
    }

    public struct Operation: Sendable, Equatable {
        /// Upper case, as HTTP writes it.
        public let method: String
        /// Relative to the server URL, `/api/v1`, with `{parameters}`.
        public let path: String
        public let id: String
        public let tag: String
        public let summary: String
        public let description: String
        public let parameters: [Parameter]
        /// Media type and schema of the body, when the operation takes one.
        public let body: (mediaType: String, schema: String, required: Bool)?
        public let responses: [Response]
        /// Needs no sign-in.
        public let isPublic: Bool

        public static func == (a: Operation, b: Operation) -> Bool { a.method == b.method && a.path == b.path }
    }

    public struct Property: Sendable, Equatable {
        public let name: String
        public let type: String
        public let required: Bool
        public let description: String
    }

    public struct Schema: Sendable, Equatable {
        public let name: String
        public let type: String
        public let description: String
        /// Nested inline objects are flattened with dotted names (`opportunity.size`).
        public let properties: [Property]
    }

    public struct Tag: Sendable, Equatable {
        public let name: String
        public let description: String
    }

    public let title: String
    public let version: String
    public let description: String
    public let basePath: String
    public let tags: [Tag]
    public let operations: [Operation]
    public let schemas: [Schema]

    /// The document exactly as committed.
    public static let yaml: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return "" }
        return text
    }()

    public struct Unreadable: Error, CustomStringConvertible {
        public let description: String
    }

    /// The committed document, read once.
    public static let shipped: Result<APIContract, Unreadable> = Result { try APIContract(yaml: yaml) }
        .mapError { $0 as? Unreadable ?? Unreadable(description: "\($0)") }

    public init(yaml text: String) throws {
        guard let root = try Yams.load(yaml: text) as? [String: Any] else { throw Unreadable(description: "not a YAML mapping") }
        let info = root["info"] as? [String: Any] ?? [:]
        title = info["title"] as? String ?? ""
        version = "\(info["version"] ?? "")"
        description = info["description"] as? String ?? ""
        basePath = ((root["servers"] as? [[String: Any]])?.first?["url"] as? String) ?? ""
        tags = (root["tags"] as? [[String: Any]] ?? []).map {
            Tag(name: $0["name"] as? String ?? "", description: $0["description"] as? String ?? "")
        }
        let components = root["components"] as? [String: Any] ?? [:]
        let reader = Reader(components: components)
        var operations: [Operation] = []
        for (path, value) in root["paths"] as? [String: Any] ?? [:] {
            guard let item = value as? [String: Any] else { continue }
            let shared = item["parameters"] as? [Any] ?? []
            for method in ["get", "put", "post", "delete", "patch", "head", "options"] {
                guard let op = item[method] as? [String: Any] else { continue }
                operations.append(reader.operation(op, method: method, path: path, shared: shared))
            }
        }
        self.operations = operations.sorted { ($0.path, $0.method) < ($1.path, $1.method) }
        schemas = (components["schemas"] as? [String: Any] ?? [:]).keys.sorted().compactMap { name in
            reader.schema(named: name)
        }
    }
}

/// Reads the parts of an OpenAPI 3.0 document the reference page shows, resolving `$ref`s into names.
private struct Reader {
    let components: [String: Any]

    func resolve(_ node: Any?) -> [String: Any] {
        guard let map = node as? [String: Any] else { return [:] }
        guard let ref = map["$ref"] as? String else { return map }
        let parts = ref.split(separator: "/").dropFirst(2).map(String.init)
        guard parts.count == 2, let section = components[parts[0]] as? [String: Any] else { return [:] }
        return section[parts[1]] as? [String: Any] ?? [:]
    }

    /// A schema as a reader would say it: `string (uuid)`, `Partner`, `array of Goal`, `one of: a, b`.
    func typeName(_ node: Any?) -> String {
        guard let map = node as? [String: Any] else { return "any" }
        if let ref = map["$ref"] as? String { return String(ref.split(separator: "/").last ?? "") }
        if let values = map["enum"] as? [Any] { return "one of: " + values.map { "\($0)" }.joined(separator: ", ") }
        if let choices = map["anyOf"] as? [Any] ?? map["oneOf"] as? [Any] {
            return choices.map(typeName).joined(separator: " or ")
        }
        let type = map["type"] as? String ?? "object"
        switch type {
        case "array": return "array of " + typeName(map["items"])
        case "object":
            if let values = map["additionalProperties"] { return "map of " + typeName(values) }
            return "object"
        default: return (map["format"] as? String).map { "\(type) (\($0))" } ?? type
        }
    }

    func properties(of node: [String: Any], prefix: String = "", depth: Int = 0) -> [APIContract.Property] {
        let required = Set(node["required"] as? [String] ?? [])
        let items = node["items"] as? [String: Any]
        let object = (node["type"] as? String == "array" ? items ?? [:] : node)
        guard let props = object["properties"] as? [String: Any] else { return [] }
        let objectRequired = object["required"] as? [String] ?? Array(required)
        return props.keys.sorted().flatMap { key -> [APIContract.Property] in
            let value = props[key] as? [String: Any] ?? [:]
            let here = APIContract.Property(
                name: prefix + key, type: typeName(value), required: objectRequired.contains(key),
                description: (value["description"] as? String ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
            let nested = value["$ref"] == nil && depth < 2 ? properties(of: value, prefix: prefix + key + ".", depth: depth + 1) : []
            return [here] + nested
        }
    }

    func schema(named name: String) -> APIContract.Schema? {
        guard let node = (components["schemas"] as? [String: Any])?[name] as? [String: Any] else { return nil }
        return APIContract.Schema(
            name: name, type: typeName(node), description: node["description"] as? String ?? "", properties: properties(of: node))
    }

    func operation(_ op: [String: Any], method: String, path: String, shared: [Any]) -> APIContract.Operation {
        let parameters = (shared + (op["parameters"] as? [Any] ?? [])).map(resolve).map {
            APIContract.Parameter(
                name: $0["name"] as? String ?? "", location: $0["in"] as? String ?? "", required: $0["required"] as? Bool ?? false,
                type: typeName($0["schema"]), description: $0["description"] as? String ?? "")
        }
        var body: (String, String, Bool)?
        if let request = op["requestBody"] as? [String: Any], let content = request["content"] as? [String: Any],
            let (mediaType, media) = content.first
        {
            body = (mediaType, typeName((media as? [String: Any])?["schema"]), request["required"] as? Bool ?? false)
        }
        let responses = (op["responses"] as? [String: Any] ?? [:]).map { status, value -> APIContract.Response in
            let response = resolve(value)
            let media = (response["content"] as? [String: Any])?.values.first as? [String: Any]
            return APIContract.Response(
                status: status, description: (response["description"] as? String ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                schema: media.map { typeName($0["schema"]) })
        }.sorted { $0.status < $1.status }
        return APIContract.Operation(
            method: method.uppercased(), path: path, id: op["operationId"] as? String ?? "",
            tag: (op["tags"] as? [String])?.first ?? "", summary: op["summary"] as? String ?? "",
            description: (op["description"] as? String ?? "").trimmingCharacters(in: .whitespacesAndNewlines), parameters: parameters,
            body: body, responses: responses, isPublic: (op["security"] as? [Any])?.isEmpty == true)
    }
}
