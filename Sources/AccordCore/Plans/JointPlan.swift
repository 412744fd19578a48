import Foundation

/// What vendor and partner write down together (DOMAIN §10).
public struct JointPlanContent: Hashable, Codable, Sendable {
    public struct Opportunity: Hashable, Codable, Sendable {
        public var segment: String
        /// Size of the market segment per year, in program currency minor units.
        public var size: Int64
        /// The share of it the two intend to capture together, 0–1.
        public var intendedShare: Double

        public init(segment: String, size: Int64, intendedShare: Double) {
            self.segment = segment
            self.size = size
            self.intendedShare = intendedShare
        }

        /// Size × intended share: the value to capture.
        public var valueToCapture: Int64 { Figures.roundedOrZero(Double(size) * intendedShare) }
    }

    public struct Responsibility: Hashable, Codable, Sendable {
        public var side: Side
        public var description: String
        public var owner: String

        public init(side: Side, description: String, owner: String) {
            self.side = side
            self.description = description
            self.owner = owner
        }
    }

    public struct Participant: Hashable, Codable, Sendable {
        public var name: String
        public var side: Side
        public var role: String

        public init(name: String, side: Side, role: String) {
            self.name = name
            self.side = side
            self.role = role
        }
    }

    /// A long-term objective: a metric's target at the horizon end, either side's (vendor commitments too).
    public struct Objective: Hashable, Codable, Sendable, Identifiable {
        public var id: UUID
        public var metricKey: String
        public var ownerSide: Side
        public var target: Int64
        public var description: String

        public init(id: UUID = UUID(), metricKey: String, ownerSide: Side, target: Int64, description: String) {
            self.id = id
            self.metricKey = metricKey
            self.ownerSide = ownerSide
            self.target = target
            self.description = description
        }
    }

    public struct Milestone: Hashable, Codable, Sendable, Identifiable {
        public enum Status: String, Codable, Sendable, CaseIterable { case planned, done, dropped }

        public var id: UUID
        public var title: String
        public var due: Day
        public var status: Status

        public init(id: UUID = UUID(), title: String, due: Day, status: Status = .planned) {
            self.id = id
            self.title = title
            self.due = due
            self.status = status
        }
    }

    public var why: String
    /// The partner fiscal year the plan starts with, and how many years it spans (1–5).
    public var firstFiscalYear: Int
    public var horizonYears: Int
    public var opportunity: Opportunity
    public var responsibilities: [Responsibility]
    public var participants: [Participant]
    public var cadence: ReviewCadence
    public var objectives: [Objective]
    public var milestones: [Milestone]

    public init(
        why: String, firstFiscalYear: Int, horizonYears: Int, opportunity: Opportunity, responsibilities: [Responsibility],
        participants: [Participant], cadence: ReviewCadence, objectives: [Objective], milestones: [Milestone]
    ) {
        self.why = why
        self.firstFiscalYear = firstFiscalYear
        self.horizonYears = horizonYears
        self.opportunity = opportunity
        self.responsibilities = responsibilities
        self.participants = participants
        self.cadence = cadence
        self.objectives = objectives
        self.milestones = milestones
    }

    /// The last fiscal year of the plan.
    public var lastFiscalYear: Int { firstFiscalYear + horizonYears - 1 }

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case whyRequired
        case horizon(Int)
        case fiscalYear(Int)
        case share
        case segmentRequired
        case responsibilitiesOfBothSides
        case ownerRequired
        case objectiveTarget(String)

        public var description: String {
            switch self {
            case .whyRequired: "Say why the two of you are in business together."
            case .horizon(let years): "A plan spans 1 to 5 fiscal years, not \(years)."
            case .fiscalYear(let year):
                "FY\(year) is not a fiscal year a plan can span: its years run from FY\(AcceptedDays.firstYear + 1) to FY\(AcceptedDays.lastYear)."

            case .share: "The intended share of the market is between 0 and 100 %."
            case .segmentRequired: "Name the market segment the plan goes after."
            case .responsibilitiesOfBothSides: "Both sides take on responsibilities: list at least one for each."
            case .ownerRequired: "Every responsibility has a named owner."
            case .objectiveTarget(let metric): "The \(metric) objective needs a target above zero."
            }
        }
    }

    public func validated() throws(Problem) -> JointPlanContent {
        guard !why.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .whyRequired }
        guard (1...5).contains(horizonYears) else { throw .horizon(horizonYears) }
        // Every year of the horizon, in any fiscal calendar, lies within the accepted days (FY2000 may begin in 1999).
        let years = (AcceptedDays.firstYear + 1)...AcceptedDays.lastYear
        guard years.contains(firstFiscalYear) else { throw .fiscalYear(firstFiscalYear) }
        guard years.contains(lastFiscalYear) else { throw .fiscalYear(lastFiscalYear) }
        guard !opportunity.segment.trimmingCharacters(in: .whitespaces).isEmpty else { throw .segmentRequired }
        guard (0...1).contains(opportunity.intendedShare), opportunity.size >= 0 else { throw .share }
        guard Set(responsibilities.map(\.side)).count == Side.allCases.count else { throw .responsibilitiesOfBothSides }
        guard responsibilities.allSatisfy({ !$0.owner.trimmingCharacters(in: .whitespaces).isEmpty }) else { throw .ownerRequired }
        if let bad = objectives.first(where: { $0.target <= 0 }) { throw .objectiveTarget(bad.metricKey) }
        return self
    }
}

/// A joint business plan, agreed like a goal: revisions, one acceptance per side on the same revision (DOMAIN §10).
public struct JointPlan: Hashable, Codable, Sendable, Identifiable {
    public enum Status: String, Codable, Sendable {
        /// Written by the vendor and not shared yet: partner users do not see it.
        case internalDraft = "internal_draft"
        case proposed, agreed
    }

    public struct Revision: Hashable, Codable, Sendable {
        public let number: Int
        public let content: JointPlanContent
        public let author: Actor
        public let at: Date

        public init(number: Int, content: JointPlanContent, author: Actor, at: Date) {
            self.number = number
            self.content = content
            self.author = author
            self.at = at
        }
    }

    public let id: UUID
    public let partnerID: UUID
    public private(set) var status: Status
    public private(set) var revisions: [Revision]
    public private(set) var acceptances: [Acceptance]
    /// The revision both sides accepted last; it stays in force while a newer revision is discussed.
    public private(set) var agreedRevision: Int?
    /// How many times the plan has been saved: a save from an older copy lost a race and is refused (as for goals).
    public private(set) var savedVersion: Int = 0
    /// The negotiation's words, oldest first, each on the revision it answers (issue 19): they never change the plan.
    public private(set) var comments: [GoalComment] = []

    /// The record as the audit log keeps it, without the storage bookkeeping.
    enum CodingKeys: String, CodingKey {
        case id, partnerID, status, revisions, acceptances, agreedRevision, comments
    }

    /// Audit records written before plans had a conversation read without one.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(UUID.self, forKey: .id)
        partnerID = try c.decode(UUID.self, forKey: .partnerID)
        status = try c.decode(Status.self, forKey: .status)
        revisions = try c.decode([Revision].self, forKey: .revisions)
        acceptances = try c.decode([Acceptance].self, forKey: .acceptances)
        agreedRevision = try c.decodeIfPresent(Int.self, forKey: .agreedRevision)
        comments = try c.decodeIfPresent([GoalComment].self, forKey: .comments) ?? []
    }

    private init(
        id: UUID, partnerID: UUID, status: Status, revisions: [Revision], acceptances: [Acceptance], agreedRevision: Int?
    ) {
        self.id = id
        self.partnerID = partnerID
        self.status = status
        self.revisions = revisions
        self.acceptances = acceptances
        self.agreedRevision = agreedRevision
    }

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case content(JointPlanContent.Problem)
        case partnerMemberCannotCommit
        case notShared
        case alreadyAccepted(Side)
        case onlyTheVendorSharesADraft
        case commentRequired
        case commentTooLong(Int)
        /// The vendor's internal draft has no conversation: the partner would read it unasked once it is shared.
        case noConversationOnDraft

        public var description: String {
            switch self {
            case .content(let problem): problem.description
            case .partnerMemberCannotCommit: "A partner member cannot write or accept the plan."
            case .notShared: "The plan is still an internal draft; share it before the partner can accept it."
            case .alreadyAccepted(let side): "The \(side.rawValue) side already accepted this revision; it waits for the other side."
            case .onlyTheVendorSharesADraft: "Only the vendor shares its internal draft."
            case .commentRequired: "Write the comment first."
            case .commentTooLong(let most): "A comment has at most \(most) characters."
            case .noConversationOnDraft: "The plan is still the vendor's internal draft: share it to start the conversation."
            }
        }
    }

    /// A vendor starts an internal draft; a partner's plan is proposed to the vendor at once.
    public static func start(
        partnerID: UUID, content: JointPlanContent, by actor: Actor, at now: Date, id: UUID = UUID()
    ) throws(Problem) -> JointPlan {
        guard actor.role.mayNegotiateGoals else { throw .partnerMemberCannotCommit }
        let content = try validate(content)
        let vendorDraft = actor.side == .vendor
        return JointPlan(
            id: id, partnerID: partnerID, status: vendorDraft ? .internalDraft : .proposed,
            revisions: [Revision(number: 1, content: content, author: actor, at: now)],
            acceptances: vendorDraft ? [] : [Acceptance(revision: 1, actor: actor, at: now)], agreedRevision: nil)
    }

    /// Rebuilds a plan from storage.
    public static func restore(
        id: UUID, partnerID: UUID, status: Status, revisions: [Revision], acceptances: [Acceptance], agreedRevision: Int?,
        comments: [GoalComment] = [], savedVersion: Int = 0
    ) -> JointPlan {
        var plan = JointPlan(
            id: id, partnerID: partnerID, status: status, revisions: revisions, acceptances: acceptances, agreedRevision: agreedRevision)
        plan.comments = comments
        plan.savedVersion = savedVersion
        return plan
    }

    /// The plan as it is stored after one more save.
    public func saved() -> JointPlan {
        var plan = self
        plan.savedVersion += 1
        return plan
    }

    public var current: Revision { revisions[revisions.count - 1] }

    /// The content in force: the agreed revision if there is one.
    public var agreedContent: JointPlanContent? {
        agreedRevision.flatMap { number in revisions.first { $0.number == number }?.content }
    }

    public var sidesAcceptingCurrent: Set<Side> {
        Set(acceptances.filter { $0.revision == current.number }.map(\.actor.side))
    }

    /// Partner users never see an internal draft.
    public func isVisible(to viewer: Viewer) -> Bool { status != .internalDraft || viewer.side == .vendor }

    /// The vendor shares its draft: the partner is asked to accept it.
    public mutating func share(by actor: Actor, at now: Date) throws(Problem) {
        guard status == .internalDraft, actor.side == .vendor, actor.role.mayNegotiateGoals else { throw .onlyTheVendorSharesADraft }
        status = .proposed
        acceptances.append(Acceptance(revision: current.number, actor: actor, at: now))
    }

    /// A new revision: an agreed plan changes only this way, and stays agreed as it was until both accept the new one.
    /// `comment` says why, on the new revision, for the other side to read (not on an internal draft).
    public mutating func revise(_ content: JointPlanContent, comment: String? = nil, by actor: Actor, at now: Date) throws(Problem) {
        guard actor.role.mayNegotiateGoals else { throw .partnerMemberCannotCommit }
        let content = try Self.validate(content)
        let said = try Self.commentText(comment)
        let number = current.number + 1
        if status == .internalDraft && actor.side == .vendor {
            guard said == nil else { throw .noConversationOnDraft }
            revisions.append(Revision(number: number, content: content, author: actor, at: now))
            return
        }
        revisions.append(Revision(number: number, content: content, author: actor, at: now))
        status = .proposed
        acceptances.append(Acceptance(revision: number, actor: actor, at: now))
        if let said { comments.append(GoalComment(revision: number, author: actor, at: now, text: said)) }
    }

    /// Either side adds a word to the negotiation on the current revision, without changing the plan.
    public mutating func comment(_ text: String, by actor: Actor, at now: Date) throws(Problem) {
        guard actor.role.mayNegotiateGoals else { throw .partnerMemberCannotCommit }
        guard status != .internalDraft else { throw .noConversationOnDraft }
        guard let said = try Self.commentText(text) else { throw .commentRequired }
        comments.append(GoalComment(revision: current.number, author: actor, at: now, text: said))
    }

    /// The comment as kept: trimmed, nil when empty, refused when longer than a comment may be.
    static func commentText(_ text: String?) throws(Problem) -> String? {
        guard let said = Goal.cleaned(text) else { return nil }
        guard said.count <= GoalComment.maximumLength else { throw .commentTooLong(GoalComment.maximumLength) }
        return said
    }

    public mutating func accept(by actor: Actor, at now: Date) throws(Problem) {
        guard actor.role.mayNegotiateGoals else { throw .partnerMemberCannotCommit }
        guard status != .internalDraft else { throw .notShared }
        guard !sidesAcceptingCurrent.contains(actor.side) else { throw .alreadyAccepted(actor.side) }
        acceptances.append(Acceptance(revision: current.number, actor: actor, at: now))
        if sidesAcceptingCurrent.count == Side.allCases.count {
            status = .agreed
            agreedRevision = current.number
        }
    }

    private static func validate(_ content: JointPlanContent) throws(Problem) -> JointPlanContent {
        do { return try content.validated() } catch { throw .content(error) }
    }
}
