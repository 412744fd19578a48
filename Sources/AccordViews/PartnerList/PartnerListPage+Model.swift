import AccordCore
import Foundation

public enum PartnerListPage {
    /// Filters and sorting as the query string carries them; every field keeps what the user chose.
    public struct Query: Sendable, Equatable {
        public var search = ""
        public var stage = ""
        public var region = ""
        public var channelManager = ""
        public var tier = ""
        public var businessModel = ""
        public var status = ""
        public var sort = "name"
        public var descending = false
        public var page = 1

        public init() {}

        public var items: [(String, String)] {
            [
                ("q", search), ("stage", stage), ("region", region), ("cam", channelManager), ("tier", tier),
                ("model", businessModel), ("status", status), ("sort", sort == "name" ? "" : sort),
                ("dir", descending ? "desc" : ""), ("page", page > 1 ? String(page) : ""),
            ]
        }

        /// The same query with one thing changed.
        public func with(sort: String? = nil, page: Int? = nil) -> Query {
            var copy = self
            if let sort {
                copy.descending = copy.sort == sort ? !copy.descending : false
                copy.sort = sort
                copy.page = 1
            }
            if let page { copy.page = page }
            return copy
        }
    }

    public static let sortKeys: [(key: String, label: String)] = [
        ("name", "Partner"), ("stage", "Stage"), ("region", "Region"), ("cam", "Channel manager"), ("tier", "Tier"),
        ("status", "Pacing"), ("goals", "Goals"),
    ]

    public struct Model: Sendable {
        public let chrome: PageChrome
        public let query: Query
        public let rows: [OverviewPage.Model.Row]
        public let total: Int
        public let pageSize: Int
        public let regions: [String]
        public let channelManagers: [String]
        public let tiers: [String]

        public init(
            chrome: PageChrome, query: Query, rows: [OverviewPage.Model.Row], total: Int, pageSize: Int, regions: [String],
            channelManagers: [String], tiers: [String]
        ) {
            self.chrome = chrome
            self.query = query
            self.rows = rows
            self.total = total
            self.pageSize = pageSize
            self.regions = regions
            self.channelManagers = channelManagers
            self.tiers = tiers
        }

        public var pageCount: Int { max(1, (total + pageSize - 1) / pageSize) }
    }
}
