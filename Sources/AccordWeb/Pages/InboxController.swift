import AccordCore
import AccordStore
import AccordViews
import Vapor

/// `/inbox`: "Waiting for you", for every signed-in user.
enum InboxController {
    @Sendable static func page(req: Request) async throws -> Response {
        HTMLResponse.page(InboxPage.render(try await model(req)))
    }

    static func model(_ req: Request) async throws -> InboxPage.Model {
        let viewer = try req.viewer()
        let reading = InboxReading(req: req)
        let program = try await reading.program(for: viewer, requested: nil)
        let contents = try await reading.contents(for: viewer, in: program)
        let metrics = Dictionary(uniqueKeysWithValues: try await req.store.metrics(of: program.id).map { ($0.key, $0) })
        let scope: String =
            switch Inbox.scope(of: viewer) {
            case .program: program.name
            case .portfolio: "your portfolio"
            case .partner(let id): (try? await req.store.partner(id).name) ?? "your partner"
            }
        let shown = Dictionary(grouping: contents.items, by: \.kind).mapValues(\.count)
        return InboxPage.Model(
            chrome: try await PageChromes.make(req), scope: scope,
            lines: reading.lines(contents, program: program, metrics: metrics, side: viewer.side),
            counts: Inbox.kinds(for: viewer).map {
                InboxPage.Count(
                    label: InboxReading.label($0, side: viewer.side).tile, count: contents.counts[$0] ?? 0, shown: shown[$0] ?? 0)
            })
    }
}
