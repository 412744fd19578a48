import AccordCore
import FluentKit
import Foundation
import SQLKit

/// Which partners a program-wide list shows, in which order, which page (the partner list, the portfolio, the
/// overview's lists): filtered, sorted and paged in SQL over the maintained standings.
public struct PartnerStandingQuery: Sendable {
    public enum Sort: String, Sendable, CaseIterable {
        case name, stage, region, channelManager = "cam", tier, status, goals
    }

    public var search: String?
    public var stage: LifecycleStage?
    public var region: String?
    public var channelManager: String?
    public var tier: String?
    public var businessModel: BusinessModel?
    /// Partners whose worst live goal has this status; `.some(nil)`: partners with no live goal.
    public var status: PacingStatus??
    /// Only partners on the attention list (`PartnerAttention.needsAttention`).
    public var needingAttention = false
    public var sort: Sort = .name
    public var descending = false
    public var offset = 0
    public var limit = 25

    public init() {}
}

/// A partner with what lists show about its current quarter (in its own calendar) and what needs attention.
public struct PartnerStanding: Sendable {
    public let partner: Partner
    /// The partner's current quarter.
    public let quarter: Period
    public let goalsInQuarter: Int
    public let committedGoals: Int
    public let attention: PartnerAttention
}

/// How a program's partners stand, counted in SQL for the overview's tiles.
public struct PartnerStandingCounts: Sendable, Equatable {
    public var partners = 0
    public var byWorstStatus: [PacingStatus: Int] = [:]
    public var byStage: [LifecycleStage: Int] = [:]
    public var needingAttention = 0
}

extension AccordStore {
    /// One page of partners as `query` asks, with the number of partners that match.
    public func partnerStandings(programID: UUID, query: PartnerStandingQuery, today: Day, now: Date) async throws
        -> (rows: [PartnerStanding], total: Int)
    {
        let base = partnerRows(programID: programID, today: today, now: now)
        let filter = filterClause(query)
        let total =
            try await sql.raw("SELECT COUNT(*) AS n FROM (" + base + ") listed WHERE " + filter).first()?
            .decode(column: "n", as: Int.self) ?? 0
        let direction = query.descending ? "DESC" : "ASC"
        let order: String =
            switch query.sort {
            case .name: "LOWER(name) \(direction), name \(direction)"
            case .stage: "stage_order \(direction), LOWER(name)"
            case .region: "region \(direction), LOWER(name)"
            case .channelManager: "channel_manager \(direction), LOWER(name)"
            case .tier: "tier \(direction), LOWER(name)"
            case .status: "COALESCE(worst, 9) \(direction), LOWER(name)"
            case .goals: "goals \(direction), LOWER(name)"
            }
        let rows = try await sql.raw(
            "SELECT * FROM (" + base + ") listed WHERE " + filter
                + " ORDER BY \(unsafeRaw: order), id LIMIT \(unsafeRaw: String(max(0, query.limit))) OFFSET \(unsafeRaw: String(max(0, query.offset)))"
        ).all()
        let quarters = Self.currentQuarters(today)
        return (
            try rows.map { row in
                let model = try PartnerModel(row: row)
                let partner = try model.core()
                let worst = try row.decode(column: "worst", as: Int?.self).flatMap { rank in
                    PacingStatus.allCases.first { $0.attentionRank == rank }
                }
                return PartnerStanding(
                    partner: partner, quarter: quarters[partner.calendar.startMonth - 1],
                    goalsInQuarter: try row.decode(column: "goals", as: Int.self),
                    committedGoals: try row.decode(column: "committed", as: Int.self),
                    attention: PartnerAttention(
                        worstStatus: worst, lapsedProposals: try row.decode(column: "lapsed", as: Int.self),
                        carriedForward: try row.decode(column: "carried", as: Int.self),
                        overdueReviews: try row.decode(column: "overdue", as: Int.self)))
            }, total
        )
    }

    /// Partners counted by their worst status, by stage, and those needing attention.
    public func partnerStandingCounts(programID: UUID, today: Day, now: Date) async throws -> PartnerStandingCounts {
        let base = partnerRows(programID: programID, today: today, now: now)
        var counts = PartnerStandingCounts()
        let rows = try await sql.raw(
            "SELECT worst, stage, " + Self.attentionCondition + " AS attention, COUNT(*) AS n FROM (" + base
                + ") listed GROUP BY worst, stage, " + Self.attentionCondition
        ).all()
        for row in rows {
            let n = try row.decode(column: "n", as: Int.self)
            counts.partners += n
            if let rank = try row.decode(column: "worst", as: Int?.self),
                let status = PacingStatus.allCases.first(where: { $0.attentionRank == rank })
            {
                counts.byWorstStatus[status, default: 0] += n
            }
            if let stage = LifecycleStage(rawValue: try row.decode(column: "stage", as: String.self)) {
                counts.byStage[stage, default: 0] += n
            }
            if try row.decode(column: "attention", as: Int.self) != 0 { counts.needingAttention += n }
        }
        return counts
    }

    /// The distinct values a list's filters offer.
    public func partnerFilterValues(programID: UUID) async throws -> (regions: [String], channelManagers: [String], tiers: [String]) {
        func distinct(_ column: String) async throws -> [String] {
            try await sql.raw(
                "SELECT DISTINCT \(ident: column) AS value FROM partners WHERE program_id = \(bind: programID) ORDER BY \(ident: column)"
            ).all().map { try $0.decode(column: "value", as: String.self) }
        }
        return (try await distinct("region"), try await distinct("channel_manager"), try await distinct("tier"))
    }

    /// How many partners each region has (the regions partners name, and so the regions a seasonality profile can pace).
    public func partnerCountsByRegion(programID: UUID) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await sql.raw(
            "SELECT region, COUNT(*) AS n FROM partners WHERE program_id = \(bind: programID) GROUP BY region"
        ).all() {
            counts[try row.decode(column: "region", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    /// Goals of the program by status, as `audience` may see them.
    public func goalCounts(programID: UUID, seenBy audience: Audience) async throws -> [GoalStatus: Int] {
        var counts: [GoalStatus: Int] = [:]
        let rows = try await sql.raw(
            "SELECT goal_status, draft_of, COUNT(*) AS n FROM goal_standings WHERE program_id = \(bind: programID) GROUP BY goal_status, draft_of"
        ).all()
        for row in rows {
            let draftOf = try row.decode(column: "draft_of", as: String?.self).flatMap(Side.init(rawValue:))
            guard AccessRule.maySee(unsentDraftOf: draftOf, as: audience),
                let status = GoalStatus(rawValue: try row.decode(column: "goal_status", as: String.self))
            else { continue }
            counts[status, default: 0] += try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    /// Attainment of the active goals in each partner's current quarter, counted per bucket (`lower..<upper`).
    public func activeAttainmentCounts(programID: UUID, today: Day, buckets: [(lower: Double, upper: Double)]) async throws -> [Int] {
        var columns: [SQLQueryString] = []
        for (index, bucket) in buckets.enumerated() {
            var condition: SQLQueryString =
                "COALESCE(g.attainment, 0) >= \(bind: bucket.lower.isFinite ? bucket.lower : -Double.greatestFiniteMagnitude)"
            if bucket.upper.isFinite { condition = condition + " AND COALESCE(g.attainment, 0) < \(bind: bucket.upper)" }
            columns.append("SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END) AS b\(unsafeRaw: String(index))")
        }
        guard !columns.isEmpty else { return [] }
        let row = try await sql.raw(
            "SELECT " + columns.joined(separator: ", ") + " FROM goal_standings g JOIN partners p ON p.id = g.partner_id"
                + " WHERE g.program_id = \(bind: programID) AND g.goal_status = 'active' AND g.quarter_start = "
                + currentQuarterStart("p.fiscal_start_month", today: today)
        ).first()
        return try buckets.indices.map { try row?.decode(column: "b\($0)", as: Int?.self) ?? 0 }
    }

    /// The stored standings of the goals in each partner's quarter (its own calendar) that contains `day`, as the
    /// vendor may see them.
    public func quarterStandings(programID: UUID, containing day: Day) async throws -> [GoalStanding] {
        try await sql.raw(
            "SELECT g.* FROM goal_standings g JOIN partners p ON p.id = g.partner_id WHERE g.program_id = \(bind: programID)"
                + " AND (g.draft_of IS NULL OR g.draft_of = 'vendor') AND g.quarter_start = "
                + currentQuarterStart("p.fiscal_start_month", today: day) + " ORDER BY g.partner_id, g.period_start, g.goal_id"
        ).all().map { try Self.standing(from: $0) }
    }

    // MARK: the rows, in SQL

    /// `PartnerAttention.needsAttention`, in SQL over the rows of `partnerRows` (a test holds the two equal).
    static let attentionCondition: SQLQueryString =
        "(CASE WHEN COALESCE(worst, 9) = \(unsafeRaw: String(PacingStatus.behind.attentionRank)) OR lapsed > 0 OR carried > 0 OR overdue > 0 THEN 1 ELSE 0 END)"

    /// Each partner's current quarter in its own calendar, by the month its year starts (January first).
    static func currentQuarters(_ today: Day) -> [Period] {
        (1...12).map { FiscalCalendar(validStartMonth: $0).period(.quarter, containing: today) }
    }

    /// The first day of the current quarter of a partner whose year starts in the month `column` holds.
    func currentQuarterStart(_ column: String, today: Day) -> SQLQueryString {
        var expression: SQLQueryString = "(CASE \(unsafeRaw: column)"
        for (index, quarter) in Self.currentQuarters(today).enumerated() {
            expression = expression + " WHEN \(unsafeRaw: String(index + 1)) THEN \(bind: Int32(quarter.start.number))"
        }
        return expression + " END)"
    }

    /// Every partner of the program with its current quarter's goals counted and what needs attention: the goals the
    /// vendor may see (no partner draft), `Goal.isLapsed` and `Review.flaggedFrom` compared with now and today.
    private func partnerRows(programID: UUID, today: Day, now: Date) -> SQLQueryString {
        let vendorSees: SQLQueryString = "(g.draft_of IS NULL OR g.draft_of = 'vendor')"
        let committed = GoalStatus.allCases.filter(\.isCommitted).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let live = GoalStatus.allCases.filter { !$0.isFinal }.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        var stageOrder: SQLQueryString = "(CASE p.stage"
        for (index, stage) in LifecycleStage.allCases.enumerated() {
            stageOrder = stageOrder + " WHEN \(bind: stage.rawValue) THEN \(unsafeRaw: String(index))"
        }
        stageOrder = stageOrder + " END)"
        return "SELECT p.*, " + stageOrder
            + " AS stage_order, COALESCE(q.goals, 0) AS goals, COALESCE(q.committed, 0) AS committed, q.worst AS worst,"
            + " COALESCE(a.lapsed, 0) AS lapsed, COALESCE(a.carried, 0) AS carried, COALESCE(r.overdue, 0) AS overdue"
            + " FROM partners p LEFT JOIN ("
            + "SELECT g.partner_id, COUNT(*) AS goals, SUM(CASE WHEN g.goal_status IN (\(unsafeRaw: committed)) THEN 1 ELSE 0 END) AS committed,"
            + " MIN(g.attention_rank) AS worst FROM goal_standings g JOIN partners gp ON gp.id = g.partner_id"
            + " WHERE g.program_id = \(bind: programID) AND " + vendorSees + " AND g.quarter_start = "
            + currentQuarterStart("gp.fiscal_start_month", today: today)
            + " GROUP BY g.partner_id) q ON q.partner_id = p.id LEFT JOIN ("
            + "SELECT g.partner_id, SUM(CASE WHEN g.lapses_at < \(bind: now) THEN 1 ELSE 0 END) AS lapsed,"
            + " SUM(CASE WHEN g.carried_forward AND g.goal_status IN (\(unsafeRaw: live)) THEN 1 ELSE 0 END) AS carried"
            + " FROM goal_standings g WHERE g.program_id = \(bind: programID) AND " + vendorSees
            + " AND g.goal_status IN (\(unsafeRaw: live)) AND (g.lapses_at IS NOT NULL OR g.carried_forward)"
            + " GROUP BY g.partner_id) a ON a.partner_id = p.id LEFT JOIN ("
            + "SELECT rv.partner_id, COUNT(*) AS overdue FROM reviews rv JOIN partners rp ON rp.id = rv.partner_id"
            + " WHERE rp.program_id = \(bind: programID) AND rv.flagged_from <= \(bind: Int32(today.number)) GROUP BY rv.partner_id"
            + ") r ON r.partner_id = p.id WHERE p.program_id = \(bind: programID)"
    }

    private func filterClause(_ query: PartnerStandingQuery) -> SQLQueryString {
        var clause: SQLQueryString = "1 = 1"
        if let search = query.search?.trimmingCharacters(in: .whitespaces).lowercased(), !search.isEmpty {
            let pattern =
                "%"
                + search.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            clause =
                clause + " AND (LOWER(name) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(external_key) LIKE \(bind: pattern) ESCAPE '\\')"
        }
        if let stage = query.stage { clause = clause + " AND stage = \(bind: stage.rawValue)" }
        if let region = query.region { clause = clause + " AND region = \(bind: region)" }
        if let cam = query.channelManager { clause = clause + " AND channel_manager = \(bind: cam)" }
        if let tier = query.tier { clause = clause + " AND tier = \(bind: tier)" }
        if let model = query.businessModel { clause = clause + " AND business_model = \(bind: model.rawValue)" }
        if let status = query.status {
            clause = clause + (status.map { " AND worst = \(bind: $0.attentionRank)" } ?? " AND worst IS NULL")
        }
        if query.needingAttention { clause = clause + " AND " + Self.attentionCondition + " = 1" }
        return clause
    }
}
