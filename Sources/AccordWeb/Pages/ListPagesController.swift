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

        try await req.currentStandings(program.id)
        var standing = PartnerStandingQuery()
        standing.search = query.search
        standing.stage = LifecycleStage(rawValue: query.stage)
        standing.region = query.region.isEmpty ? nil : query.region
        standing.channelManager = query.channelManager.isEmpty ? nil : query.channelManager
        standing.tier = query.tier.isEmpty ? nil : query.tier
        standing.businessModel = BusinessModel(rawValue: query.businessModel)
        if query.status == "none" {
            standing.status = .some(nil)
        } else if let status = PacingStatus(rawValue: query.status) {
            standing.status = status
        }
        standing.sort = PartnerStandingQuery.Sort(rawValue: query.sort) ?? .name
        standing.descending = query.descending
        standing.limit = pageSize
        standing.offset = (query.page - 1) * pageSize
        let (today, now) = (req.clock.today, req.clock.now())
        var page = try await req.store.partnerStandings(programID: program.id, query: standing, today: today, now: now)
        // A page past the last shows the last.
        let pageCount = max(1, (page.total + pageSize - 1) / pageSize)
        if query.page > pageCount {
            query.page = pageCount
            standing.offset = (pageCount - 1) * pageSize
            page = try await req.store.partnerStandings(programID: program.id, query: standing, today: today, now: now)
        }
        let values = try await req.store.partnerFilterValues(programID: program.id)
        let model = PartnerListPage.Model(
            chrome: try await PageChromes.make(req), query: query, rows: page.rows.map(PagesController.row), total: page.total,
            pageSize: pageSize, regions: values.regions, channelManagers: values.channelManagers, tiers: values.tiers)
        return HTMLResponse.page(PartnerListPage.render(model))
    }

    @Sendable static func portfolio(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        guard let program = try await req.store.programs().first else { throw StoreError.notFound("a program") }
        try await req.currentStandings(program.id)
        let names = try await req.store.partnerFilterValues(programID: program.id).channelManagers
        let asked = try? req.query.get(String.self, at: "cam")
        let cam =
            asked.flatMap { names.contains($0) ? $0 : nil }
            ?? (viewer.role == .channelManager ? viewer.portfolio : names.first ?? viewer.name)
        var query = PartnerStandingQuery()
        query.channelManager = cam
        // A portfolio shows every partner of its channel manager.
        query.limit = Int(Int32.max)
        let rows = try await req.store.partnerStandings(programID: program.id, query: query, today: req.clock.today, now: req.clock.now())
        let model = PortfolioPage.Model(
            chrome: try await PageChromes.make(req), channelManager: cam, channelManagers: names, rows: rows.rows.map(PagesController.row))
        return HTMLResponse.page(PortfolioPage.render(model))
    }
}
