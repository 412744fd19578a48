import AccordCore
import AccordStore
import Foundation
import Vapor

/// Maps every failure to a status and a message a person can act on: rule violations are 4xx,
/// never 500 (Standards: bad input gets a clear error). Unknown errors are logged and hidden.
enum ErrorMapping {
    struct Mapped {
        let status: HTTPResponseStatus
        let reason: String
        /// Row-level problems of an import.
        var rows: [RowError] = []
        /// Headers the error carries (`Allow` of a 405).
        var headers: HTTPHeaders = [:]
    }

    static func map(_ error: any Error) -> Mapped? {
        if DatabaseHealth.isConflict(error) {
            let reason =
                (error as? StoreError)?.description
                ?? "Someone else changed this at the same moment; reload it and try again."
            return Mapped(status: .conflict, reason: reason)
        }
        if DatabaseHealth.isDuplicateKey(error) {
            return Mapped(status: .conflict, reason: "A record with the same key already exists (perhaps created at the same moment).")
        }
        if DatabaseHealth.isUnavailable(error) {
            AccordMetrics.databaseUnavailable.increment()
            return Mapped(
                status: .serviceUnavailable, reason: "The database cannot be reached right now. Try again in a few seconds.",
                headers: ["Retry-After": "5"])
        }
        switch error {
        case let error as GoalRuleError:
            // Lowering is a program admin's right (§5.3): anyone else is refused, not told their input was wrong.
            return Mapped(status: error == .overrideNeedsAdmin ? .forbidden : .unprocessableEntity, reason: error.description)
        case let error as ImportFailure: return Mapped(status: .unprocessableEntity, reason: error.description, rows: error.rows)
        case let error as StoreError:
            switch error {
            case .notFound: return Mapped(status: .notFound, reason: error.description)
            case .duplicate, .conflict: return Mapped(status: .conflict, reason: error.description)
            case .corrupt: return nil
            }
        case let error as CalendarError: return Mapped(status: .unprocessableEntity, reason: error.description)
        case let error as PartnerError: return Mapped(status: .unprocessableEntity, reason: error.description)
        case let error as MetricDefinitionError: return Mapped(status: .unprocessableEntity, reason: error.description)
        case let error as SeasonalityError: return Mapped(status: .unprocessableEntity, reason: error.description)
        case let error as InputError: return Mapped(status: error.status, reason: error.description)
        case let error as BackupError: return Mapped(status: .unprocessableEntity, reason: error.description)
        case let error as JointPlan.Problem: return Mapped(status: .unprocessableEntity, reason: error.description)
        case let error as TierError: return Mapped(status: .unprocessableEntity, reason: error.description)
        case let error as Review.Problem: return Mapped(status: error.httpStatus, reason: error.description)
        case let error as User.Problem: return Mapped(status: .unprocessableEntity, reason: error.description)
        case let error as PasswordPolicy.Problem: return Mapped(status: .unprocessableEntity, reason: error.description)
        case let error as DecodingError: return Mapped(status: .badRequest, reason: describe(error))
        case let error as RowError: return Mapped(status: .unprocessableEntity, reason: error.description, rows: [error])
        case let error as TextRules.Problem: return Mapped(status: .unprocessableEntity, reason: error.description)
        case let error as FigureInputError: return Mapped(status: .unprocessableEntity, reason: error.description)
        case let error as DayProblem: return Mapped(status: .unprocessableEntity, reason: error.description)
        case let error as any AbortError: return Mapped(status: error.status, reason: error.reason, headers: error.headers)
        default:
            // MultipartKit's parser errors are private types: a body that claims to be multipart and is not one.
            if String(reflecting: type(of: error)).contains("Multipart") {
                return Mapped(status: .badRequest, reason: "the multipart body could not be read")
            }
            return nil
        }
    }

    static func describe(_ error: DecodingError) -> String {
        // Field names as the API writes them (snake_case), not as Swift spells the properties.
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? snakeCase($0.stringValue) }
            return keys.isEmpty ? "the body" : keys.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "\(parent == "the body" ? "" : parent + ".")\(key.stringValue) is required"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)) has the wrong type"
        case .dataCorrupted(let context):
            // The JSON itself was read before decoding (Request.json): what is corrupt here is a value.
            return context.codingPath.isEmpty
                ? "a value of the body could not be read (\(context.debugDescription))" : "\(path(context)): \(context.debugDescription)"
        @unknown default: return "the body could not be read"
        }
    }

    static func snakeCase(_ key: String) -> String {
        var out = ""
        for character in key {
            if character.isUppercase, !out.isEmpty { out.append("_") }
            out += character.lowercased()
        }
        return out
    }
}

/// A request that is understood but not acceptable, with the field it is about.
struct InputError: Error, CustomStringConvertible {
    let status: HTTPResponseStatus
    let field: String?
    let message: String

    init(_ message: String, field: String? = nil, status: HTTPResponseStatus = .unprocessableEntity) {
        self.status = status
        self.field = field
        self.message = message
    }

    var description: String { field.map { "\($0): \(message)" } ?? message }
}

/// Answers errors as JSON under /api and on the operations endpoints, and as an HTML page elsewhere.
struct AccordErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let mapped: ErrorMapping.Mapped
            if let known = ErrorMapping.map(error) {
                mapped = known
            } else {
                request.logger.report(error: error)
                mapped = ErrorMapping.Mapped(status: .internalServerError, reason: "Something went wrong on our side; it has been logged.")
            }
            // Machines read the API and the operations endpoints (probes, scrapers): they get JSON.
            if request.url.path.hasPrefix("/api/") || ["/healthz", "/readyz", "/metrics"].contains(request.url.path) {
                let body = ErrorBody(
                    error: .init(status: Int(mapped.status.code), reason: mapped.reason, rows: mapped.rows.isEmpty ? nil : mapped.rows))
                let response = Response(status: mapped.status, headers: mapped.headers)
                try response.content.encode(body, as: .json)
                return response
            }
            let page = HTMLResponse.page(
                ErrorPageRenderer.render(status: Int(mapped.status.code), message: mapped.reason), status: mapped.status)
            for (name, value) in mapped.headers { page.headers.replaceOrAdd(name: name, value: value) }
            return page
        }
    }
}

struct ErrorBody: Content {
    struct Detail: Codable {
        let status: Int
        let reason: String
        let rows: [RowError]?
    }

    let error: Detail
}

extension Review.Problem {
    /// An item that is not there is a 404, one the viewer may not close a 403, one already closed a 409.
    var httpStatus: HTTPResponseStatus {
        switch self {
        case .noSuchActionItem: .notFound
        case .notTheOwner: .forbidden
        case .actionItemClosed: .conflict
        case .needsBothSides, .alreadyHeld, .heldBeforeThePeriodEnded, .notAClosingStatus: .unprocessableEntity
        }
    }
}
