import FluentKit
import Foundation
import SQLKit

// Goals and their children read straight from SQL rows, column by column. Fluent's own decoding walks a model's
// fields by reflection for every row; loading a program's goals spent more than half its time there
// (docs/PERFORMANCE.md). These models are only read, never saved back.

extension GoalModel {
    convenience init(row: some SQLRow) throws {
        self.init()
        id = try row.decode(column: "id", as: UUID.self)
        programID = try row.decode(column: "program_id", as: UUID.self)
        partnerID = try row.decode(column: "partner_id", as: UUID.self)
        fiscalStartMonth = try row.decode(column: "fiscal_start_month", as: Int.self)
        periodKind = try row.decode(column: "period_kind", as: String.self)
        fiscalYear = try row.decode(column: "fiscal_year", as: Int.self)
        periodIndex = try row.decode(column: "period_index", as: Int.self)
        periodStart = try row.decode(column: "period_start", as: Int32.self)
        periodEnd = try row.decode(column: "period_end", as: Int32.self)
        metricKey = try row.decode(column: "metric_key", as: String.self)
        ownerSide = try row.decode(column: "owner_side", as: String.self)
        baselineValue = try row.decode(column: "baseline_value", as: Int64?.self)
        baselineSource = try row.decode(column: "baseline_source", as: String?.self)
        status = try row.decode(column: "status", as: String.self)
        carriedFrom = try row.decode(column: "carried_from", as: UUID?.self)
        objectiveID = try row.decode(column: "objective_id", as: UUID?.self)
        closingActual = try row.decode(column: "closing_actual", as: Int64?.self)
        declineActor = try row.decode(column: "decline_actor", as: String?.self)
        declineRole = try row.decode(column: "decline_role", as: String?.self)
        declineReason = try row.decode(column: "decline_reason", as: String?.self)
        declinedAt = try row.decode(column: "declined_at", as: Date?.self)
        createdAt = try row.decode(column: "created_at", as: Date.self)
        updatedAt = try row.decode(column: "updated_at", as: Date.self)
        version = try row.decode(column: "version", as: Int.self)
    }
}

extension GoalRevisionModel {
    convenience init(row: some SQLRow) throws {
        self.init()
        id = try row.decode(column: "id", as: UUID.self)
        goalID = try row.decode(column: "goal_id", as: UUID.self)
        number = try row.decode(column: "number", as: Int.self)
        target = try row.decode(column: "target", as: Int64.self)
        behaviour = try row.decode(column: "behaviour", as: String.self)
        objective = try row.decode(column: "objective", as: String?.self)
        authorName = try row.decode(column: "author_name", as: String.self)
        authorRole = try row.decode(column: "author_role", as: String.self)
        at = try row.decode(column: "at", as: Date.self)
        origin = try row.decode(column: "origin", as: String.self)
    }
}

extension GoalAcceptanceModel {
    convenience init(row: some SQLRow) throws {
        self.init()
        id = try row.decode(column: "id", as: UUID.self)
        goalID = try row.decode(column: "goal_id", as: UUID.self)
        position = try row.decode(column: "position", as: Int.self)
        revision = try row.decode(column: "revision", as: Int.self)
        actorName = try row.decode(column: "actor_name", as: String.self)
        actorRole = try row.decode(column: "actor_role", as: String.self)
        at = try row.decode(column: "at", as: Date.self)
    }
}

extension GoalOverrideModel {
    convenience init(row: some SQLRow) throws {
        self.init()
        id = try row.decode(column: "id", as: UUID.self)
        goalID = try row.decode(column: "goal_id", as: UUID.self)
        position = try row.decode(column: "position", as: Int.self)
        fromTarget = try row.decode(column: "from_target", as: Int64.self)
        toTarget = try row.decode(column: "to_target", as: Int64.self)
        reason = try row.decode(column: "reason", as: String.self)
        actorName = try row.decode(column: "actor_name", as: String.self)
        actorRole = try row.decode(column: "actor_role", as: String.self)
        at = try row.decode(column: "at", as: Date.self)
    }
}

extension GoalCommentModel {
    convenience init(row: some SQLRow) throws {
        self.init()
        id = try row.decode(column: "id", as: UUID.self)
        goalID = try row.decode(column: "goal_id", as: UUID.self)
        position = try row.decode(column: "position", as: Int.self)
        revision = try row.decode(column: "revision", as: Int.self)
        authorName = try row.decode(column: "author_name", as: String.self)
        authorRole = try row.decode(column: "author_role", as: String.self)
        at = try row.decode(column: "at", as: Date.self)
        text = try row.decode(column: "text", as: String.self)
    }
}
