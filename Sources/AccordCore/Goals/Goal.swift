import Foundation

/// A goal set **with** a partner for one period of the partner's calendar (DOMAIN §5).
///
/// Its target lives in its revisions: every proposal, counter-proposal, carry-forward and
/// override is a revision, and agreement is an acceptance of one revision by each side.
public struct Goal: Hashable, Codable, Sendable, Identifiable {
    public let id: UUID
    public let partnerID: UUID
    public let period: Period
    public let metricKey: String
    /// Whose commitment this is: vendor commitments are goals too.
    public let ownerSide: Side
    /// Computed from history when the goal was first proposed (§5.1); nil when there is no history.
    public let baseline: Baseline?
    public internal(set) var status: GoalStatus
    public internal(set) var revisions: [GoalRevision]
    public internal(set) var acceptances: [Acceptance]
    public internal(set) var decline: Decline?
    /// The missed goal this one continues (§5.3).
    public let carriedFrom: UUID?
    /// The joint-plan objective the goal serves (§10), when it was derived from one.
    public internal(set) var objectiveID: UUID?
    public internal(set) var overrides: [TargetOverride]
    /// The actual at period close, once the goal is achieved or missed.
    public internal(set) var closingActual: Int64?
    /// The negotiation's conversation (§5.2), oldest first; each comment speaks to one revision.
    public internal(set) var comments: [GoalComment] = []
    public let createdAt: Date
    /// How many times the goal has been saved. A save made from an older copy than the stored one lost a race with
    /// another change (two answers at once): it is refused as a conflict instead of overwriting (Standards).
    public internal(set) var savedVersion: Int = 0

    /// The record as the audit log keeps it; how often it was saved is storage bookkeeping, not part of it.
    enum CodingKeys: String, CodingKey {
        case id, partnerID, period, metricKey, ownerSide, baseline, status, revisions, acceptances, decline, carriedFrom
        case objectiveID, overrides, closingActual, createdAt, comments
    }

    /// Reads a record as the audit log keeps it; records written before goals had a conversation have none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(UUID.self, forKey: .id)
        partnerID = try c.decode(UUID.self, forKey: .partnerID)
        period = try c.decode(Period.self, forKey: .period)
        metricKey = try c.decode(String.self, forKey: .metricKey)
        ownerSide = try c.decode(Side.self, forKey: .ownerSide)
        baseline = try c.decodeIfPresent(Baseline.self, forKey: .baseline)
        status = try c.decode(GoalStatus.self, forKey: .status)
        revisions = try c.decode([GoalRevision].self, forKey: .revisions)
        guard !revisions.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .revisions, in: c, debugDescription: "a goal has at least one revision")
        }
        acceptances = try c.decode([Acceptance].self, forKey: .acceptances)
        decline = try c.decodeIfPresent(Decline.self, forKey: .decline)
        carriedFrom = try c.decodeIfPresent(UUID.self, forKey: .carriedFrom)
        objectiveID = try c.decodeIfPresent(UUID.self, forKey: .objectiveID)
        overrides = try c.decode([TargetOverride].self, forKey: .overrides)
        closingActual = try c.decodeIfPresent(Int64.self, forKey: .closingActual)
        createdAt = try c.decode(Date.self, forKey: .createdAt)
        comments = try c.decodeIfPresent([GoalComment].self, forKey: .comments) ?? []
    }

    init(
        id: UUID, partnerID: UUID, period: Period, metricKey: String, ownerSide: Side, baseline: Baseline?,
        status: GoalStatus, revisions: [GoalRevision], acceptances: [Acceptance], carriedFrom: UUID?, createdAt: Date
    ) {
        self.id = id
        self.partnerID = partnerID
        self.period = period
        self.metricKey = metricKey
        self.ownerSide = ownerSide
        self.baseline = baseline
        self.status = status
        self.revisions = revisions
        self.acceptances = acceptances
        self.decline = nil
        self.carriedFrom = carriedFrom
        self.overrides = []
        self.closingActual = nil
        self.createdAt = createdAt
        self.objectiveID = nil
    }

    /// Rebuilds a goal from storage exactly as it was saved.
    public static func restore(
        id: UUID, partnerID: UUID, period: Period, metricKey: String, ownerSide: Side, baseline: Baseline?,
        status: GoalStatus, revisions: [GoalRevision], acceptances: [Acceptance], decline: Decline?,
        carriedFrom: UUID?, overrides: [TargetOverride], closingActual: Int64?, createdAt: Date, objectiveID: UUID? = nil,
        comments: [GoalComment] = [], savedVersion: Int = 0
    ) -> Goal {
        var goal = Goal(
            id: id, partnerID: partnerID, period: period, metricKey: metricKey, ownerSide: ownerSide,
            baseline: baseline, status: status, revisions: revisions.sorted { $0.number < $1.number },
            acceptances: acceptances, carriedFrom: carriedFrom, createdAt: createdAt)
        goal.decline = decline
        goal.overrides = overrides
        goal.closingActual = closingActual
        goal.objectiveID = objectiveID
        goal.comments = comments
        goal.savedVersion = savedVersion
        return goal
    }

    /// The goal as it is stored after one more save.
    public func saved() -> Goal {
        var goal = self
        goal.savedVersion += 1
        return goal
    }

    public var current: GoalRevision { revisions[revisions.count - 1] }
    public var target: Int64 { current.target }
    public var behaviour: String { current.behaviour }
    public var objective: String? { current.objective }

    /// The sides that accepted the current revision.
    public var sidesAcceptingCurrent: Set<Side> {
        Set(acceptances.filter { $0.revision == current.number }.map(\.actor.side))
    }

    /// The side whose answer the current revision waits for, while proposed.
    public var awaitingSide: Side? {
        guard status == .proposed else { return nil }
        return Side.allCases.first { !sidesAcceptingCurrent.contains($0) }
    }

    /// A proposal left unanswered past the response window is lapsed (§5.2).
    public func isLapsed(now: Date, responseWindowDays: Int) -> Bool {
        Goal.hasLapsed(at: lapses(responseWindowDays: responseWindowDays), now: now)
    }

    /// Whether a proposal that lapses at `moment` (nil: it waits for no answer) has lapsed by `now`.
    public static func hasLapsed(at moment: Date?, now: Date) -> Bool { moment.map { now > $0 } ?? false }

    /// The moment a proposal lapses if nobody answers it; nil for a goal that is not waiting for an answer.
    public func lapses(responseWindowDays: Int) -> Date? {
        status == .proposed ? current.at.addingTimeInterval(Double(responseWindowDays) * 86_400) : nil
    }

    public var isCarriedForward: Bool { carriedFrom != nil }

    /// The side that wrote a draft (its only revision); sending it is that side's proposal.
    public var draftingSide: Side { current.author.side }

    /// A goal that never left its side: a draft, or a draft withdrawn before it was sent (no one ever accepted it).
    public var isUnsentDraft: Bool {
        status == .draft || (status == .withdrawn && acceptances.isEmpty && !isAgreedByCarryForward)
    }

    /// The side whose unsent draft this is, nil once both sides may see it.
    public var unsentDraftOf: Side? { isUnsentDraft ? draftingSide : nil }

    /// A goal carried forward at period close is agreed by the rule of §5.3 ("Accord, period close"), not by a
    /// person: its agreement is that of the goal it continues (`carriedFrom`).
    public var isAgreedByCarryForward: Bool { carriedFrom != nil && revisions.first?.origin == .carryForward }
}

public enum GoalStatus: String, Codable, Sendable, CaseIterable {
    case draft, proposed, agreed, active, achieved, missed, declined, withdrawn

    /// Goals that both sides stand behind.
    public var isCommitted: Bool { self == .agreed || self == .active || self == .achieved || self == .missed }
    /// Goals that are over, one way or another.
    public var isFinal: Bool { self == .achieved || self == .missed || self == .declined || self == .withdrawn }
}

/// One version of a goal's terms.
public struct GoalRevision: Hashable, Codable, Sendable {
    public let number: Int
    public let target: Int64
    public let behaviour: String
    public let objective: String?
    public let author: Actor
    public let at: Date
    public let origin: RevisionOrigin

    public init(
        number: Int, target: Int64, behaviour: String, objective: String?, author: Actor, at: Date,
        origin: RevisionOrigin
    ) {
        self.number = number
        self.target = target
        self.behaviour = behaviour
        self.objective = objective
        self.author = author
        self.at = at
        self.origin = origin
    }
}

public enum RevisionOrigin: String, Codable, Sendable {
    case proposal
    case counterProposal = "counter_proposal"
    case carryForward = "carry_forward"
    case override
}

/// One user's acceptance of one revision.
public struct Acceptance: Hashable, Codable, Sendable {
    public let revision: Int
    public let actor: Actor
    public let at: Date

    public init(revision: Int, actor: Actor, at: Date) {
        self.revision = revision
        self.actor = actor
        self.at = at
    }
}

public struct Decline: Hashable, Codable, Sendable {
    public let actor: Actor
    public let reason: String
    public let at: Date

    public init(actor: Actor, reason: String, at: Date) {
        self.actor = actor
        self.reason = reason
        self.at = at
    }
}

/// An explicit lowering of an agreed target by a program admin (§5.3).
public struct TargetOverride: Hashable, Codable, Sendable {
    public let from: Int64
    public let to: Int64
    public let reason: String
    public let actor: Actor
    public let at: Date

    public init(from: Int64, to: Int64, reason: String, actor: Actor, at: Date) {
        self.from = from
        self.to = to
        self.reason = reason
        self.actor = actor
        self.at = at
    }
}
