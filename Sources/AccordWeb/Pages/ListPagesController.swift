import AccordCore
import AccordStore
import AccordViews
import Vapor

/// The partner list (search, filters, sorting, pages) and a channel manager's portfolio.
enum ListPagesController {
    static let pageSize = 25

    @Sendable static func partners(req: Request) async throws -> Response {
        guard let program = try await req.store.programs().first else { throw StoreError.notFound("a program") }
        var query = PartnerListPage.Query()
        let get = { (name: String) in (try? req.query.get(String.self, at: name)) ?? "" }
        query.search = get("q")
        query.stage = get("stage")
        query.region = get("region")
        query.channelManager = get("cam")
        query.tier = get("tier")
        query.businessModel = get("model")
        query.status = get("status")
        query.sort = PartnerListPage.sortKeys.contains { $0.key == get("sort") } ? get("sort") : "name"
        query.descending = get("dir") == "desc"
        query.page = max(1, Int(get("page")) ?? 1)

        let all = try await PagesController.rows(req, programID: program.id)
        let needle = query.search.lowercased().trimmingCharacters(in: .whitespaces)
        var rows = all.filter { row in
            (needle.isEmpty || row.name.lowercased().contains(needle) || row.externalKey.lowercased().contains(needle))
                && (query.stage.isEmpty || row.stage.rawValue == query.stage)
                && (query.region.isEmpty || row.region == query.region)
                && (query.channelManager.isEmpty || row.channelManager == query.channelManager)
                && (query.tier.isEmpty || row.tier == query.tier)
                && (query.businessModel.isEmpty || row.businessModelKey == query.businessModel)
                && (query.status.isEmpty || (query.status == "none" ? row.worstStatus == nil : row.worstStatus?.rawValue == query.status))
        }
        rows.sort { a, b in
            let order: Bool
            switch query.sort {
            case "stage": order = a.stage == b.stage ? a.name < b.name : a.stage < b.stage
            case "region": order = (a.region, a.name) < (b.region, b.name)
            case "cam": order = (a.channelManager, a.name) < (b.channelManager, b.name)
            case "tier": order = (a.tier, a.name) < (b.tier, b.name)
            case "status": order = (statusRank(a.worstStatus), a.name) < (statusRank(b.worstStatus), b.name)
            case "goals": order = (a.goalsInPeriod, a.name) < (b.goalsInPeriod, b.name)
            default: order = a.name.localizedCaseInsensitiveCompare(b.name) == .orderedAscending
            }
            return query.descending ? !order : order
        }
        let total = rows.count
        let pageCount = max(1, (total + pageSize - 1) / pageSize)
        query.page = min(query.page, pageCount)
        let slice = Array(rows.dropFirst((query.page - 1) * pageSize).prefix(pageSize))
        let model = PartnerListPage.Model(
            chrome: try await PageChromes.make(req), query: query, rows: slice, total: total, pageSize: pageSize,
            regions: Array(Set(all.map(\.region))).sorted(), channelManagers: Array(Set(all.map(\.channelManager))).sorted(),
            tiers: Array(Set(all.map(\.tier))).sorted())
        return HTMLResponse.page(PartnerListPage.render(model))
    }

    /// Behind first: the partners that need attention sort to the top.
    static func statusRank(_ status: PacingStatus?) -> Int {
        switch status {
        case .behind: 0
        case .atRisk: 1
        case .onTrack: 2
        case .achieved: 3
        case .notStarted: 4
        case nil: 5
        }
    }

    @Sendable static func portfolio(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        guard let program = try await req.store.programs().first else { throw StoreError.notFound("a program") }
        let all = try await PagesController.rows(req, programID: program.id)
        let names = Array(Set(all.map(\.channelManager))).sorted()
        let asked = try? req.query.get(String.self, at: "cam")
        let cam =
            asked.flatMap { names.contains($0) ? $0 : nil }
            ?? (viewer.role == .channelManager ? viewer.portfolio : names.first ?? viewer.name)
        let model = PortfolioPage.Model(
            chrome: try await PageChromes.make(req), channelManager: cam, channelManagers: names,
            rows: all.filter { $0.channelManager == cam })
        return HTMLResponse.page(PortfolioPage.render(model))
    }
}
