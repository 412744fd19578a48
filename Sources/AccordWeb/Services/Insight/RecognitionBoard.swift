import AccordCore
import AccordStore
import Foundation

/// The recognition wall and the improvement leaderboard (DOMAIN §7).
struct RecognitionBoard {
    struct Line {
        let partner: Partner
        let improvement: Double
        let baseline: Int64
        let actual: Int64
        let period: Period
    }

    let program: Program
    let wall: [Recognition.Achievement]
    let leaderboard: [Line]

    /// Badges of one partner, newest first (every achievement earns one, shown or not on the wall).
    static func badges(of partnerID: UUID, store: AccordStore, programID: UUID) async throws -> [Recognition.Achievement] {
        try await achievements(store: store, programID: programID, partners: [try await store.partner(partnerID)], onlyOne: true)
    }

    /// Achievements of these partners; `onlyOne` reads the one partner's goals, not the program's.
    static func achievements(store: AccordStore, programID: UUID, partners: [Partner], onlyOne: Bool = false) async throws
        -> [Recognition.Achievement]
    {
        let metrics = Dictionary(uniqueKeysWithValues: try await store.metrics(of: programID).map { ($0.key, $0) })
        let names = Dictionary(uniqueKeysWithValues: partners.map { ($0.id, $0.name) })
        let query = GoalQuery(
            seenBy: .accord, programID: programID, partnerID: onlyOne ? partners.first?.id : nil, statuses: [.achieved])
        return try await store.goals(query).compactMap { goal in
            names[goal.partnerID].map { name in
                Recognition.Achievement(
                    partnerID: goal.partnerID, partnerName: name, goalID: goal.id,
                    metricName: metrics[goal.metricKey]?.name ?? goal.metricKey,
                    period: goal.period.label, on: goal.period.end.advanced(by: -1))
            }
        }.sorted { $0.on > $1.on }
    }

    static func load(store: AccordStore, clock: AccordClock, programID: UUID) async throws -> RecognitionBoard {
        let program = try await store.program(programID)
        let partners = try await store.partners(of: programID).filter { $0.stage != .exited }
        let optedOut = Set(partners.filter { !$0.showOnRecognitionWall }.map(\.id))
        let wall = Recognition.wall(try await achievements(store: store, programID: programID, partners: partners), optedOut: optedOut)
        // Each partner's last ended quarter in its own calendar, against the same quarter a year earlier.
        let revenue = try await store.metric("revenue", of: programID)
        let periods = Dictionary(
            uniqueKeysWithValues: partners.map { ($0.id, $0.calendar.period(.quarter, containing: clock.today).previous) })
        let requests = partners.flatMap { partner -> [ActualRequest] in
            let period = periods[partner.id]!
            return [
                ActualRequest(partnerID: partner.id, metric: revenue, period: period),
                ActualRequest(partnerID: partner.id, metric: revenue, period: period.oneYearEarlier),
            ]
        }
        let actuals = try await store.actuals(requests, programID: programID, checklistItems: program.settings.checklistItems)
        let results = partners.map { partner in
            let period = periods[partner.id]!
            return (
                partnerID: partner.id,
                baseline: actuals[ActualRequest(partnerID: partner.id, metric: revenue, period: period.oneYearEarlier)],
                actual: actuals[ActualRequest(partnerID: partner.id, metric: revenue, period: period)] ?? 0
            )
        }
        let byID = Dictionary(uniqueKeysWithValues: partners.map { ($0.id, $0) })
        let baselines = Dictionary(uniqueKeysWithValues: results.map { ($0.partnerID, ($0.baseline ?? 0, $0.actual)) })
        let board = Recognition.leaderboard(results, optedOut: optedOut).map { standing in
            Line(
                partner: byID[standing.partnerID]!, improvement: standing.improvement, baseline: baselines[standing.partnerID]!.0,
                actual: baselines[standing.partnerID]!.1, period: periods[standing.partnerID]!)
        }
        return RecognitionBoard(program: program, wall: wall, leaderboard: board)
    }
}
