import AccordCore
import FluentKit
import Foundation
import SQLKit

/// A stored standing that differs from a recomputation (`accord check-scorecard`).
public struct StandingDifference: Sendable, CustomStringConvertible {
    public let goalID: UUID
    public let stored: GoalStanding?
    public let expected: GoalStanding?

    public var description: String {
        switch (stored, expected) {
        case (nil, _): "goal \(goalID): no stored progress"
        case (_, nil): "goal \(goalID): stored progress for a goal that has none"
        case (let stored?, let expected?):
            "goal \(goalID): stored actual \(stored.actual.map(String.init) ?? "none"), status \(stored.figures.pacing.status.rawValue) "
                + "as of \(stored.asOf.iso); recomputed \(expected.actual.map(String.init) ?? "none"), "
                + "\(expected.figures.pacing.status.rawValue) as of \(expected.asOf.iso)"
        }
    }
}

extension AccordStore {
    // MARK: computing progress (DOMAIN §6)

    /// Progress of goals from their terms and the rollups: a closed goal keeps its closing actual, a running one reads
    /// its period's actual. The one place pages, the API, the maintained standings and their check get it from.
    public func progress(of goals: [Goal], program: Program, metrics: [String: Metric], asOf: Day) async throws -> [GoalProgress] {
        let requests = goals.compactMap { goal in
            goal.closingActual == nil
                ? metrics[goal.metricKey].map { ActualRequest(partnerID: goal.partnerID, metric: $0, period: goal.period) } : nil
        }
        let actuals = try await actuals(requests, programID: program.id, checklistItems: program.settings.checklistItems)
        let regions = try await partnerRegions(Set(goals.map(\.partnerID)))
        return goals.compactMap { goal in
            guard let metric = metrics[goal.metricKey] else { return nil }
            let actual = goal.closingActual ?? actuals[ActualRequest(partnerID: goal.partnerID, metric: metric, period: goal.period)]
            return GoalProgress(
                goal: goal, metric: metric, actual: actual, asOf: asOf, settings: program.settings, region: regions[goal.partnerID])
        }
    }

    /// Each partner's region: it picks the seasonality profile of the partner's goals (DOMAIN §6).
    public func partnerRegions(_ ids: Set<UUID>) async throws -> [UUID: String] {
        var regions: [UUID: String] = [:]
        for chunk in Array(ids).chunked(Self.standingChunk) {
            for row in try await sql.raw("SELECT id, region FROM partners WHERE id IN (\(binds: Array(chunk)))").all() {
                regions[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "region", as: String.self)
            }
        }
        return regions
    }

    /// Standings of goals, recomputed (not stored).
    func computedStandings(of goals: [Goal], program: Program, metrics: [String: Metric], asOf: Day) async throws -> [GoalStanding] {
        try await progress(of: goals, program: program, metrics: metrics, asOf: asOf).map {
            GoalStanding($0, asOf: asOf, responseWindowDays: program.settings.responseWindowDays)
        }
    }

    // MARK: keeping the standings current

    /// The day a program's standings are as of; nil before they were first filled.
    public func standingsDay(programID: UUID) async throws -> Day? {
        try await sql.raw("SELECT as_of FROM scorecard_days WHERE program_id = \(bind: programID)").first()
            .map { Day(number: Int(try $0.decode(column: "as_of", as: Int32.self))) }
    }

    /// Takes the program's standings for this transaction: a write first, so that on SQLite the write lock and on
    /// PostgreSQL the row lock are held until commit, and two refreshes of one program queue instead of interleaving.
    /// Returns the day the standings are as of, nil when the program has none yet. Goal saves take it before they
    /// touch a goal, so every writer takes the program's locks in one order (no deadlock on PostgreSQL).
    func lockStandings(programID: UUID) async throws -> Day? {
        // Before the first fill there is no row to lock: on PostgreSQL an advisory lock on the program's standings
        // orders the first fill with the saves and imports around it (SQLite's write lock does it by itself).
        if sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: Self.lockKey(programID, purpose: 2)))").run()
        }
        return try await sql.raw(
            "UPDATE scorecard_days SET as_of = as_of WHERE program_id = \(bind: programID) RETURNING as_of"
        ).first().map { Day(number: Int(try $0.decode(column: "as_of", as: Int32.self))) }
    }

    /// Recomputes the standings of these goals after a change to them. Call inside the change's transaction.
    /// A program whose standings were never filled gets them whole at its first read (`bringStandings(to:)`).
    public func refreshStandings(goalIDs: [UUID], programID: UUID) async throws {
        guard !goalIDs.isEmpty, let day = try await lockStandings(programID: programID) else { return }
        let program = try await program(programID)
        let metrics = try await metricsByKey(programID)
        for chunk in goalIDs.chunked(Self.standingChunk) {
            let goals = try await goals(GoalQuery(seenBy: .accord), ids: Array(chunk))
            let standings = try await computedStandings(of: goals, program: program, metrics: metrics, asOf: day)
            try await write(standings, programID: programID)
            let kept = Set(standings.map(\.goalID))
            try await deleteStandings(chunk.filter { !kept.contains($0) })
        }
    }

    /// The goals that have standings, of these partners.
    func standingGoalIDs(partnerIDs: Set<UUID>) async throws -> [UUID] {
        var ids: [UUID] = []
        for chunk in Array(partnerIDs).chunked(Self.standingChunk) {
            ids += try await sql.raw("SELECT goal_id FROM goal_standings WHERE partner_id IN (\(binds: Array(chunk)))").all()
                .map { try $0.decode(column: "goal_id", as: UUID.self) }
        }
        return ids
    }

    /// Recomputes the goals that facts written on these spans can move: goals of the partner on a metric that reads
    /// the span's rollup source, whose period holds a day of the span — or, for metrics that read everything before
    /// the period's end (levels, checklists, first purchases), any period that ends after its first day.
    public func refreshStandings(touching spans: FactSpans, programID: UUID) async throws {
        // The lock before the goals are chosen: a goal another transaction is creating has committed by then.
        guard !spans.isEmpty, try await lockStandings(programID: programID) != nil else { return }
        let metrics = try await metrics(of: programID)
        var ids: Set<UUID> = []
        let bySource = Dictionary(grouping: spans.days, by: \.key.source)
        for (source, spansOfSource) in bySource {
            let reading = metrics.filter { Self.rollupSource($0) == source }
            guard !reading.isEmpty else { continue }
            for metric in reading {
                let reachesLater = Self.readsEverythingBefore(metric)
                for chunk in spansOfSource.chunked(Self.partnerListLimit) {
                    var condition: SQLQueryString = ""
                    for (index, span) in chunk.enumerated() {
                        let first = span.value.lowerBound
                        let last = span.value.upperBound
                        condition = condition + (index == 0 ? "" : " OR ")
                        condition =
                            reachesLater
                            ? condition + "(partner_id = \(bind: span.key.partnerID) AND period_end > \(bind: first))"
                            : condition
                                + "(partner_id = \(bind: span.key.partnerID) AND period_end > \(bind: first) AND period_start <= \(bind: last))"
                    }
                    let rows = try await sql.raw(
                        "SELECT id FROM goals WHERE program_id = \(bind: programID) AND metric_key = \(bind: metric.key) AND ("
                            + condition + ")"
                    ).all()
                    for row in rows { ids.insert(try row.decode(column: "id", as: UUID.self)) }
                }
            }
        }
        try await refreshStandings(goalIDs: Array(ids), programID: programID)
    }

    /// Metrics whose actual reads every fact before the period's end, not only the period's own days.
    static func readsEverythingBefore(_ metric: Metric) -> Bool {
        metric.source == .salesNewCustomers || metric.aggregation == .latest || metric.aggregation == .checklist
    }

    /// Recomputes every goal of the program from the rollups, as of `day` (first fill, a change of settings, repair).
    public func rebuildStandings(programID: UUID, asOf day: Day) async throws {
        try await sql.raw(
            """
            INSERT INTO scorecard_days (program_id, as_of) VALUES (\(bind: programID), \(bind: Int32(day.number)))
            ON CONFLICT (program_id) DO UPDATE SET as_of = excluded.as_of
            """
        ).run()
        let program = try await program(programID)
        let metrics = try await metricsByKey(programID)
        var after: (UUID, UUID)?
        while true {
            // Goals in partner order, a chunk at a time: a chunk's actuals are a few statements over few partners.
            let page = try await goalIDs(programID: programID, after: after, limit: Self.standingChunk)
            guard let last = page.last else { break }
            after = last
            let goals = try await goals(GoalQuery(seenBy: .accord), ids: page.map(\.1))
            try await write(try await computedStandings(of: goals, program: program, metrics: metrics, asOf: day), programID: programID)
        }
        try await sql.raw(
            """
            DELETE FROM goal_standings WHERE program_id = \(bind: programID)
            AND (as_of <> \(bind: Int32(day.number)) OR goal_id NOT IN (SELECT id FROM goals WHERE program_id = \(bind: programID)))
            """
        ).run()
    }

    /// Re-paces the stored standings of the partners in `regions` (nil: all) as of `day` with `settings`: a change of
    /// seasonality or the at-risk threshold moves pacing only, so the stored terms and actuals are enough.
    func repaceStandings(programID: UUID, asOf day: Day, settings: ProgramSettings, regions: Set<String>?) async throws {
        if let regions, regions.isEmpty { return }
        let metrics = try await metricsByKey(programID)
        var after: UUID?
        while true {
            var query: SQLQueryString =
                "SELECT s.*, p.region AS partner_region FROM goal_standings s JOIN partners p ON p.id = s.partner_id"
            query = query + " WHERE s.program_id = \(bind: programID)"
            if let regions { query = query + " AND p.region IN (\(binds: Array(regions)))" }
            if let after { query = query + " AND s.goal_id > \(bind: after)" }
            let rows = try await sql.raw(query + " ORDER BY s.goal_id LIMIT \(unsafeRaw: String(Self.standingChunk))").all()
            guard !rows.isEmpty else { break }
            var moved: [GoalStanding] = []
            for row in rows {
                let standing = try Self.standing(from: row)
                after = standing.goalID
                guard let metric = metrics[standing.metricKey] else { continue }
                moved.append(
                    standing.asOf(
                        day, metric: metric, settings: settings, region: try row.decode(column: "partner_region", as: String.self)))
            }
            try await write(moved, programID: programID)
        }
    }

    /// Brings the standings to `day`: filled whole the first time, otherwise the pacing of the goals whose figures move
    /// between the two days is recomputed from their stored terms and actuals (actuals do not move with the day).
    /// Returns whether anything had to be done.
    @discardableResult
    public func bringStandings(programID: UUID, to day: Day) async throws -> Bool {
        // A read first: a request that finds the standings current writes nothing.
        if try await standingsDay(programID: programID) == day { return false }
        return try await transaction { store in
            // A page that finds an import or a close holding the program's lock gives up after a moment and shows the
            // standings as they are (`DatabaseHealth.isConflict`); the tick or the next page moves them.
            if store.sql.dialect.name == "postgresql" { try await store.sql.raw("SET LOCAL lock_timeout = '2s'").run() }
            guard let from = try await store.lockStandings(programID: programID) else {
                try await store.rebuildStandings(programID: programID, asOf: day)
                return true
            }
            guard from != day else { return false }
            let program = try await store.program(programID)
            let metrics = try await store.metricsByKey(programID)
            let low = Int32(min(from, day).number)
            let high = Int32(max(from, day).number)
            var after: UUID?
            while true {
                var query: SQLQueryString =
                    "SELECT * FROM goal_standings WHERE program_id = \(bind: programID) AND period_end > \(bind: low) AND period_start <= \(bind: high)"
                if let after { query = query + " AND goal_id > \(bind: after)" }
                let rows = try await store.sql.raw(query + " ORDER BY goal_id LIMIT \(unsafeRaw: String(Self.standingChunk))").all()
                let stored = try rows.map { try Self.standing(from: $0) }
                guard let last = stored.last else { break }
                after = last.goalID
                let regions = try await store.partnerRegions(Set(stored.map(\.partnerID)))
                let moved = stored.compactMap { standing in
                    metrics[standing.metricKey].map {
                        standing.asOf(day, metric: $0, settings: program.settings, region: regions[standing.partnerID])
                    }
                }
                try await store.write(moved, programID: programID)
            }
            // Rows whose figures do not move keep the day they were computed on: rewriting a program's history
            // every day would cost more than the moving rows.
            try await store.sql.raw(
                "UPDATE scorecard_days SET as_of = \(bind: Int32(day.number)) WHERE program_id = \(bind: programID)"
            ).run()
            return true
        }
    }

    /// Compares every stored standing with a recomputation from the goals and the rollups, as of the standings' day.
    public func standingDifferences(programID: UUID) async throws -> [StandingDifference] {
        guard let day = try await standingsDay(programID: programID) else { return [] }
        let program = try await program(programID)
        let metrics = try await metricsByKey(programID)
        var differences: [StandingDifference] = []
        var after: (UUID, UUID)?
        var seen: Set<UUID> = []
        while true {
            let page = try await goalIDs(programID: programID, after: after, limit: Self.standingChunk)
            guard let last = page.last else { break }
            after = last
            let ids = page.map(\.1)
            let expected = try await computedStandings(
                of: try await goals(GoalQuery(seenBy: .accord), ids: ids), program: program, metrics: metrics, asOf: day)
            let stored = Dictionary(uniqueKeysWithValues: try await standings(goalIDs: ids).map { ($0.goalID, $0) })
            let expectedByID = Dictionary(uniqueKeysWithValues: expected.map { ($0.goalID, $0) })
            let regions = try await partnerRegions(Set(expected.map(\.partnerID) + stored.values.map(\.partnerID)))
            for id in ids
            where !Self.agree(stored[id], expectedByID[id], day: day, metrics: metrics, settings: program.settings, regions: regions) {
                differences.append(StandingDifference(goalID: id, stored: stored[id], expected: expectedByID[id]))
            }
            seen.formUnion(ids)
        }
        for row in try await sql.raw("SELECT goal_id FROM goal_standings WHERE program_id = \(bind: programID)").all() {
            let id = try row.decode(column: "goal_id", as: UUID.self)
            if !seen.contains(id) { differences.append(StandingDifference(goalID: id, stored: nil, expected: nil)) }
        }
        return differences
    }

    /// A stored standing agrees with a recomputation when equal, or — for a goal whose figures do not move between
    /// the day it was computed on and the standings' day — when it equals the recomputation once moved to that day.
    static func agree(
        _ stored: GoalStanding?, _ expected: GoalStanding?, day: Day, metrics: [String: Metric], settings: ProgramSettings,
        regions: [UUID: String]
    ) -> Bool {
        guard let stored, let expected else { return stored == nil && expected == nil }
        if stored == expected { return true }
        guard !stored.movesBetween(stored.asOf, and: day), let metric = metrics[stored.metricKey] else { return false }
        return stored.asOf(day, metric: metric, settings: settings, region: regions[stored.partnerID]) == expected
    }

    // MARK: reading them

    /// Stored standings of these goals.
    public func standings(goalIDs: [UUID]) async throws -> [GoalStanding] {
        var result: [GoalStanding] = []
        for chunk in goalIDs.chunked(Self.standingChunk) {
            result += try await sql.raw("SELECT * FROM goal_standings WHERE goal_id IN (\(binds: Array(chunk)))").all()
                .map { try Self.standing(from: $0) }
        }
        return result
    }

    /// Stored standings of a program, optionally of one partner.
    public func standings(programID: UUID, partnerID: UUID? = nil) async throws -> [GoalStanding] {
        var query: SQLQueryString = "SELECT * FROM goal_standings WHERE program_id = \(bind: programID)"
        if let partnerID { query = query + " AND partner_id = \(bind: partnerID)" }
        return try await sql.raw(query + " ORDER BY period_start, goal_id").all().map { try Self.standing(from: $0) }
    }

    /// Stored standings of a program's goals whose period shares a day with `period` (narrow them with
    /// `Period.holdsGoal(of:)` for the goals of the period).
    public func standings(programID: UUID, overlapping period: Period) async throws -> [GoalStanding] {
        try await sql.raw(
            "SELECT * FROM goal_standings WHERE program_id = \(bind: programID) AND period_start < \(bind: Int32(period.end.number))"
                + " AND period_end > \(bind: Int32(period.start.number)) ORDER BY partner_id, period_start, goal_id"
        ).all().map { try Self.standing(from: $0) }
    }

    /// The distinct periods of a program's goals that share a day with `period`.
    public func goalPeriods(programID: UUID, overlapping period: Period) async throws -> Set<Period> {
        var periods: Set<Period> = []
        for row in try await sql.raw(
            "SELECT DISTINCT fiscal_start_month, period_kind, fiscal_year, period_index FROM goals WHERE program_id = \(bind: programID)"
                + " AND period_start < \(bind: Int32(period.end.number)) AND period_end > \(bind: Int32(period.start.number))"
        ).all() {
            let month = try row.decode(column: "fiscal_start_month", as: Int.self)
            let index = try row.decode(column: "period_index", as: Int.self)
            guard let kind = PeriodKind(rawValue: try row.decode(column: "period_kind", as: String.self)), (1...12).contains(month),
                (1...kind.countPerYear).contains(index)
            else { throw StoreError.corrupt("a goal's period") }
            periods.insert(
                Period(
                    calendar: FiscalCalendar(validStartMonth: month), kind: kind,
                    fiscalYear: try row.decode(column: "fiscal_year", as: Int.self),
                    index: index))
        }
        return periods
    }

    // MARK: storage

    /// Goals per chunk of a refresh: within bind limits, a few statements of actuals each.
    static let standingChunk = 1_000

    private func metricsByKey(_ programID: UUID) async throws -> [String: Metric] {
        Dictionary(uniqueKeysWithValues: try await metrics(of: programID).map { ($0.key, $0) })
    }

    private func goalIDs(programID: UUID, after: (UUID, UUID)?, limit: Int) async throws -> [(UUID, UUID)] {
        var query: SQLQueryString = "SELECT partner_id, id FROM goals WHERE program_id = \(bind: programID)"
        if let (partner, goal) = after {
            query = query + " AND (partner_id > \(bind: partner) OR (partner_id = \(bind: partner) AND id > \(bind: goal)))"
        }
        return try await sql.raw(query + " ORDER BY partner_id, id LIMIT \(unsafeRaw: String(limit))").all().map {
            (try $0.decode(column: "partner_id", as: UUID.self), try $0.decode(column: "id", as: UUID.self))
        }
    }

    private func deleteStandings(_ ids: [UUID]) async throws {
        guard !ids.isEmpty else { return }
        try await sql.raw("DELETE FROM goal_standings WHERE goal_id IN (\(binds: ids))").run()
    }

    static let standingColumns = [
        "goal_id", "program_id", "partner_id", "metric_key", "owner_side", "goal_status", "fiscal_start_month", "period_kind",
        "fiscal_year", "period_index", "period_start", "period_end", "quarter_start", "target", "baseline", "actual", "attainment",
        "improvement", "elapsed_share", "expected", "pacing_status", "attention_rank", "forecast", "as_of", "lapses_at",
        "carried_forward", "draft_of", "awaiting_side",
    ]

    /// Upserts standings, many rows per statement.
    private func write(_ standings: [GoalStanding], programID: UUID) async throws {
        let columns = Self.standingColumns
        let updates = columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        for chunk in standings.chunked(Self.standingWriteChunk) {
            var rows: [SQLQueryString] = []
            for s in chunk {
                let pacing = s.figures.pacing
                let values: [any Encodable & Sendable] = [
                    s.goalID, programID, s.partnerID, s.metricKey, s.ownerSide.rawValue, s.status.rawValue,
                    s.period.calendar.startMonth, s.period.kind.rawValue, s.period.fiscalYear, s.period.index,
                    Int32(s.period.start.number), Int32(s.period.end.number), s.quarter.map { Int32($0.start.number) }, s.target,
                    s.baseline, s.actual, s.figures.attainment, s.figures.improvementProgress, pacing.elapsedShare,
                    pacing.expectedToDate, pacing.status.rawValue, s.attentionStatus?.attentionRank, pacing.forecast,
                    Int32(s.asOf.number), s.lapsesAt, s.carriedForward, s.draftOf?.rawValue, s.awaitingSide?.rawValue,
                ]
                rows.append("(\(binds: values))")
            }
            try await sql.raw(
                "INSERT INTO goal_standings (\(unsafeRaw: columns.joined(separator: ", "))) VALUES "
                    + rows.joined(separator: ", ") + " ON CONFLICT (goal_id) DO UPDATE SET \(unsafeRaw: updates)"
            ).run()
        }
    }

    /// Rows per upsert: 28 columns each, under SQLite's 32,766 binds.
    static let standingWriteChunk = 500

    static func standing(from row: some SQLRow) throws -> GoalStanding {
        let kind = try row.decode(column: "period_kind", as: String.self)
        let month = try row.decode(column: "fiscal_start_month", as: Int.self)
        let index = try row.decode(column: "period_index", as: Int.self)
        guard let periodKind = PeriodKind(rawValue: kind), (1...12).contains(month), (1...periodKind.countPerYear).contains(index),
            let side = Side(rawValue: try row.decode(column: "owner_side", as: String.self)),
            let status = GoalStatus(rawValue: try row.decode(column: "goal_status", as: String.self)),
            let pacingStatus = PacingStatus(rawValue: try row.decode(column: "pacing_status", as: String.self))
        else { throw StoreError.corrupt("a goal standing") }
        let period = Period(
            calendar: FiscalCalendar(validStartMonth: month), kind: periodKind,
            fiscalYear: try row.decode(column: "fiscal_year", as: Int.self),
            index: index)
        let pacing = Pacing(
            elapsedShare: try row.decode(column: "elapsed_share", as: Double.self),
            expectedToDate: try row.decode(column: "expected", as: Double.self), status: pacingStatus,
            forecast: try row.decode(column: "forecast", as: Double?.self))
        return GoalStanding(
            goalID: try row.decode(column: "goal_id", as: UUID.self), partnerID: try row.decode(column: "partner_id", as: UUID.self),
            metricKey: try row.decode(column: "metric_key", as: String.self), ownerSide: side, status: status, period: period,
            target: try row.decode(column: "target", as: Int64.self), baseline: try row.decode(column: "baseline", as: Int64?.self),
            actual: try row.decode(column: "actual", as: Int64?.self),
            figures: ProgressFigures(
                attainment: try row.decode(column: "attainment", as: Double?.self),
                improvementProgress: try row.decode(column: "improvement", as: Double?.self), pacing: pacing),
            asOf: Day(number: Int(try row.decode(column: "as_of", as: Int32.self))),
            lapsesAt: try row.decode(column: "lapses_at", as: Date?.self),
            carriedForward: try row.decode(column: "carried_forward", as: Bool.self),
            draftOf: try row.decode(column: "draft_of", as: String?.self).flatMap(Side.init(rawValue:)),
            awaitingSide: try row.decode(column: "awaiting_side", as: String?.self).flatMap(Side.init(rawValue:)))
    }
}
