import AccordContract
import AccordViews
import Vapor

/// The API contract for the people and tools that integrate with Accord: the OpenAPI document as committed, and a
/// reference page read from it. Both are public: the contract holds no data.
enum ContractController {
    @Sendable static func document(req: Request) async throws -> Response {
        try req.onlyQuery([])
        guard !APIContract.yaml.isEmpty else { throw Abort(.serviceUnavailable, reason: "the API document is missing from this build") }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/yaml; charset=utf-8")
        headers.add(name: "Cache-Control", value: "public, max-age=300")
        return Response(status: .ok, headers: headers, body: .init(string: APIContract.yaml))
    }

    @Sendable static func reference(req: Request) async throws -> Response {
        let contract: APIContract
        switch APIContract.shipped {
        case .success(let read): contract = read
        case .failure(let error): throw Abort(.serviceUnavailable, reason: "the API document could not be read: \(error)")
        }
        return HTMLResponse.page(APIReferencePage.render(contract, chrome: try await PageChromes.make(req)))
    }
}
