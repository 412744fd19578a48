import AccordCore
import FluentKit
import Foundation
import SQLKit

/// One actual to compute: a metric for a partner over `start..<end` (DOMAIN §4, §6).
public struct ActualRequest: Hashable, Sendable {
    public let partnerID: UUID
    public let metric: Metric
    public let start: Day
    public let end: Day

    public init(partnerID: UUID, metric: Metric, start: Day, end: Day) {
        self.partnerID = partnerID
        self.metric = metric
        self.start = start
        self.end = end
    }

    public init(partnerID: UUID, metric: Metric, period: Period) {
        self.init(partnerID: partnerID, metric: metric, start: period.start, end: period.end)
    }
}

/// A baseline to compute: a partner's metric for a period (DOMAIN §5.1).
public struct BaselineRequest: Hashable, Sendable {
    public let partnerID: UUID
    public let metric: Metric
    public let period: Period

    public init(partnerID: UUID, metric: Metric, period: Period) {
        self.partnerID = partnerID
        self.metric = metric
        self.period = period
    }
}

extension AccordStore {
    /// Actuals computed in SQL, grouped by partner, one statement per metric and date range
    /// (the scorecard query: no raw fact rows are loaded into Swift).
    ///
    /// A missing key means the facts yield no value (e.g. an average over no records).
    public func actuals(_ requests: [ActualRequest], programID: UUID, checklistItems: [String]) async throws
        -> [ActualRequest: Int64]
    {
        var result: [ActualRequest: Int64] = [:]
        let groups = Dictionary(grouping: requests) { GroupKey(metric: $0.metric, start: $0.start, end: $0.end) }
        for (key, members) in groups {
            let partners = Array(Set(members.map(\.partnerID)))
            let values = try await values(of: key, partners: partners, programID: programID, checklistItems: checklistItems)
            for request in members { if let value = values[request.partnerID] { result[request] = value } }
        }
        return result
    }

    struct GroupKey: Hashable {
        let metric: Metric
        let start: Day
        let end: Day
    }

    /// Lists above this size query the whole program instead of an IN list.
    static let partnerListLimit = 400

    private func values(of key: GroupKey, partners: [UUID], programID: UUID, checklistItems: [String]) async throws
        -> [UUID: Int64]
    {
        let start = Int32(key.start.number)
        let end = Int32(key.end.number)
        let partnerFilter: SQLQueryString =
            partners.count <= Self.partnerListLimit
            ? " AND partner_id IN (\(binds: partners))" : ""
        let metric = key.metric
        let query: SQLQueryString
        let source = Self.rollupSource(metric)
        switch (metric.source, metric.aggregation) {
        case (.salesAmount, _), (.activity, .sum):
            query = """
                SELECT partner_id, CAST(SUM(total) AS BIGINT) AS value FROM fact_day_rollups
                WHERE program_id = \(bind: programID) AND source = \(bind: source)
                AND day >= \(bind: start) AND day < \(bind: end)\(partnerFilter)
                GROUP BY partner_id
                """
        case (.salesNewCustomers, _):
            // A new customer's first purchase with the partner falls in the range.
            query = """
                SELECT partner_id, COUNT(*) * 100 AS value FROM fact_first_seen
                WHERE program_id = \(bind: programID) AND source = \(bind: source)
                AND first_day >= \(bind: start) AND first_day < \(bind: end)\(partnerFilter)
                GROUP BY partner_id
                """
        case (.activity, .distinctCount):
            query = """
                SELECT partner_id, COUNT(DISTINCT subject) * 100 AS value FROM fact_subject_days
                WHERE program_id = \(bind: programID) AND source = \(bind: source)
                AND day >= \(bind: start) AND day < \(bind: end)\(partnerFilter)
                GROUP BY partner_id
                """
        case (.activity, .average):
            // Sum and count, divided in Swift: exact, and the same on both databases.
            let rows = try await sql.raw(
                """
                SELECT partner_id, CAST(SUM(total) AS BIGINT) AS total, CAST(SUM(records) AS BIGINT) AS n FROM fact_day_rollups
                WHERE program_id = \(bind: programID) AND source = \(bind: source)
                AND day >= \(bind: start) AND day < \(bind: end)\(partnerFilter)
                GROUP BY partner_id
                """
            ).all()
            var values: [UUID: Int64] = [:]
            for row in rows {
                let total = try row.decode(column: "total", as: Int64.self)
                let n = try row.decode(column: "n", as: Int64.self)
                if n > 0 { values[try row.decode(column: "partner_id", as: UUID.self)] = Self.roundedDivision(total, n) }
            }
            return values
        case (.activity, .latest):
            query = """
                SELECT partner_id, latest_value AS value FROM (
                    SELECT partner_id, latest_value, ROW_NUMBER() OVER (PARTITION BY partner_id ORDER BY day DESC) AS rn
                    FROM fact_day_rollups
                    WHERE program_id = \(bind: programID) AND source = \(bind: source) AND day < \(bind: end)\(partnerFilter)
                ) latest WHERE rn = 1
                """
        case (.activity, .checklist):
            guard !checklistItems.isEmpty else { return [:] }
            let rows = try await sql.raw(
                """
                SELECT partner_id, COUNT(*) AS done FROM fact_first_seen
                WHERE program_id = \(bind: programID) AND source = \(bind: source) AND first_day < \(bind: end)
                AND subject IN (\(binds: checklistItems))\(partnerFilter)
                GROUP BY partner_id
                """
            ).all()
            var values: [UUID: Int64] = [:]
            for row in rows {
                let done = try row.decode(column: "done", as: Int64.self)
                values[try row.decode(column: "partner_id", as: UUID.self)] = Self.roundedDivision(
                    Figures.multiply(done, 100_00), Int64(checklistItems.count))
            }
            return values
        }
        var values: [UUID: Int64] = [:]
        for row in try await sql.raw(query).all() {
            values[try row.decode(column: "partner_id", as: UUID.self)] = try row.decode(column: "value", as: Int64.self)
        }
        if partners.count > Self.partnerListLimit {
            let wanted = Set(partners)
            values = values.filter { wanted.contains($0.key) }
        }
        return values
    }

    /// The rollup source a metric reads (see FactRollups).
    static func rollupSource(_ metric: Metric) -> String {
        switch metric.source {
        case .salesAmount: FactRollups.salesSource
        case .salesNewCustomers: FactRollups.customerSource
        case .activity: metric.key
        }
    }

    /// Integer division rounded half away from zero (Core's checked `Figures.divideRounded`; callers divide by a
    /// positive count).
    static func roundedDivision(_ a: Int64, _ b: Int64) -> Int64 { Figures.divideRounded(a, b) ?? 0 }

    /// The history a baseline needs (DOMAIN §5.1).
    public func baselineHistory(partnerID: UUID, metric: Metric, period: Period, programID: UUID, checklistItems: [String])
        async throws -> BaselineHistory
    {
        let request = BaselineRequest(partnerID: partnerID, metric: metric, period: period)
        return try await baselineHistories([request], programID: programID, checklistItems: checklistItems)[request]!
    }

    /// The histories many baselines need, with the prior-year actuals of all of them in one batch.
    public func baselineHistories(_ requests: [BaselineRequest], programID: UUID, checklistItems: [String])
        async throws -> [BaselineRequest: BaselineHistory]
    {
        let prior = { (r: BaselineRequest) in ActualRequest(partnerID: r.partnerID, metric: r.metric, period: r.period.oneYearEarlier) }
        let priorActuals = try await actuals(requests.map(prior), programID: programID, checklistItems: checklistItems)
        var histories: [BaselineRequest: BaselineHistory] = [:]
        for request in Set(requests) {
            let (partnerID, metric, period) = (request.partnerID, request.metric, request.period)
            let hasHistory = try await hasFacts(
                partnerID: partnerID, metric: metric, before: period.oneYearEarlier.end, programID: programID)
            var bestEver: Int64?
            switch metric.aggregation {
            case .latest:
                let function = metric.direction == .higherIsBetter ? "MAX" : "MIN"
                bestEver = try await sql.raw(
                    """
                    SELECT \(unsafeRaw: function)(latest_value) AS best FROM fact_day_rollups
                    WHERE program_id = \(bind: programID) AND partner_id = \(bind: partnerID)
                    AND source = \(bind: metric.key) AND day < \(bind: Int32(period.start.number))
                    """
                ).first()?.decode(column: "best", as: Int64?.self)
            case .checklist:
                // Completion only grows, so the best ever is the completion when the period starts.
                bestEver = try await actuals(
                    [ActualRequest(partnerID: partnerID, metric: metric, start: period.start, end: period.start)],
                    programID: programID, checklistItems: checklistItems
                ).values.first
            case .sum, .distinctCount, .average:
                bestEver = nil
            }
            histories[request] = BaselineHistory(
                priorYearActual: priorActuals[prior(request)], hasHistoryBeforePriorYearEnd: hasHistory, bestEver: bestEver)
        }
        return histories
    }

    private func hasFacts(partnerID: UUID, metric: Metric, before end: Day, programID: UUID) async throws -> Bool {
        let row = try await sql.raw(
            """
            SELECT 1 AS found FROM fact_day_rollups WHERE program_id = \(bind: programID) AND partner_id = \(bind: partnerID)
            AND source = \(bind: metric.source == .activity ? metric.key : FactRollups.salesSource)
            AND day < \(bind: Int32(end.number)) LIMIT 1
            """
        ).first()
        return row != nil
    }

    /// The actual as it stood at the end of each day that changed it during the period, and where it started:
    /// the line a goal's chart draws (sums accumulate, levels move; DOMAIN §6).
    public func progressSeries(partnerID: UUID, metric: Metric, period: Period, programID: UUID, checklistItems: [String])
        async throws -> (start: Int64, points: [(Day, Int64)])
    {
        let start = Int32(period.start.number)
        let end = Int32(period.end.number)
        func running(_ query: SQLQueryString, from initial: Int64 = 0) async throws -> [(Day, Int64)] {
            var total = initial
            return try await sql.raw(query).all().map { row in
                total = Figures.add(total, try row.decode(column: "value", as: Int64.self))
                return (Day(number: Int(try row.decode(column: "day", as: Int32.self))), total)
            }
        }
        let source = Self.rollupSource(metric)
        let partner: SQLQueryString = "program_id = \(bind: programID) AND partner_id = \(bind: partnerID) AND source = \(bind: source)"
        switch (metric.source, metric.aggregation) {
        case (.salesAmount, _), (.activity, .sum):
            return (
                0,
                try await running(
                    "SELECT day, total AS value FROM fact_day_rollups WHERE " + partner
                        + " AND day >= \(bind: start) AND day < \(bind: end) ORDER BY day")
            )
        case (.salesNewCustomers, _):
            return (
                0,
                try await running(
                    "SELECT first_day AS day, COUNT(*) * 100 AS value FROM fact_first_seen WHERE " + partner
                        + " AND first_day >= \(bind: start) AND first_day < \(bind: end) GROUP BY first_day ORDER BY first_day")
            )
        case (.activity, .distinctCount):
            return (
                0,
                try await running(
                    "SELECT first_day AS day, COUNT(*) * 100 AS value FROM (SELECT subject, MIN(day) AS first_day FROM fact_subject_days WHERE "
                        + partner + " AND day >= \(bind: start) AND day < \(bind: end) GROUP BY subject) firsts"
                        + " GROUP BY first_day ORDER BY first_day")
            )
        case (.activity, .checklist):
            guard !checklistItems.isEmpty else { return (0, []) }
            let items = Int64(checklistItems.count)
            let rows = try await sql.raw(
                "SELECT first_day AS day, COUNT(*) AS done FROM fact_first_seen WHERE " + partner
                    + " AND first_day < \(bind: end) AND subject IN (\(binds: checklistItems)) GROUP BY first_day ORDER BY first_day"
            ).all()
            var done: Int64 = 0
            var initial: Int64 = 0
            var points: [(Day, Int64)] = []
            for row in rows {
                done = Figures.add(done, try row.decode(column: "done", as: Int64.self))
                let day = Int32(try row.decode(column: "day", as: Int32.self))
                let value = Self.roundedDivision(Figures.multiply(done, 100_00), items)
                if day < start { initial = value } else { points.append((Day(number: Int(day)), value)) }
            }
            return (initial, points)
        case (.activity, .average):
            var total: Int64 = 0
            var count: Int64 = 0
            let rows = try await sql.raw(
                "SELECT day, total, records AS n FROM fact_day_rollups WHERE " + partner
                    + " AND day >= \(bind: start) AND day < \(bind: end) ORDER BY day"
            ).all()
            let points = try rows.map { row -> (Day, Int64) in
                total = Figures.add(total, try row.decode(column: "total", as: Int64.self))
                count = Figures.add(count, try row.decode(column: "n", as: Int64.self))
                return (Day(number: Int(try row.decode(column: "day", as: Int32.self))), Self.roundedDivision(total, count))
            }
            return (points.first?.1 ?? 0, points)
        case (.activity, .latest):
            let rows = try await sql.raw(
                "SELECT day, latest_value AS value FROM fact_day_rollups WHERE " + partner
                    + " AND day < \(bind: end) ORDER BY day"
            ).all()
            var initial: Int64 = 0
            var byDay: [(Day, Int64)] = []
            for row in rows {
                let day = Int32(try row.decode(column: "day", as: Int32.self))
                let value = try row.decode(column: "value", as: Int64.self)
                if day < start { initial = value } else { byDay.append((Day(number: Int(day)), value)) }
            }
            return (initial, byDay)
        }
    }
}
