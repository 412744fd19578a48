import Foundation

/// A goal's progress as Accord keeps it between the events that change it (DOMAIN §6; ARCHITECTURE, the main data
/// path): what lists, tiles and the attention list read about a goal without loading it. Every figure comes from
/// `ProgressFigures`, the computation the partner page shows; the store keeps these values and decides nothing.
public struct GoalStanding: Hashable, Sendable {
    public let goalID: UUID
    public let partnerID: UUID
    public let metricKey: String
    public let ownerSide: Side
    public let status: GoalStatus
    public let period: Period
    public let target: Int64
    public let baseline: Int64?
    /// The period's actual (the closing actual once the goal is closed); nil when the facts yield no value.
    public let actual: Int64?
    public let figures: ProgressFigures
    /// The day the figures are as of.
    public let asOf: Day
    /// When an unanswered proposal lapses (§5.2); nil for a goal that waits for no answer.
    public let lapsesAt: Date?
    public let carriedForward: Bool
    /// The side that alone may see the goal while it is an unsent draft (`AccessRule.maySee`); nil when both may.
    public let draftOf: Side?
    /// The side whose answer a proposal waits for (`Goal.awaitingSide`), so inboxes find it in SQL; nil otherwise.
    public let awaitingSide: Side?
    /// The quarter of the partner's calendar the goal counts in (`Period.holdingQuarter`); nil for halves and years.
    public let quarter: Period?

    public init(_ progress: GoalProgress, asOf: Day, responseWindowDays: Int) {
        let goal = progress.goal
        goalID = goal.id
        partnerID = goal.partnerID
        metricKey = goal.metricKey
        ownerSide = goal.ownerSide
        status = goal.status
        period = goal.period
        target = goal.target
        baseline = goal.baseline?.value
        actual = progress.actual
        figures = ProgressFigures(
            attainment: progress.attainment, improvementProgress: progress.improvementProgress, pacing: progress.pacing)
        self.asOf = asOf
        lapsesAt = goal.lapses(responseWindowDays: responseWindowDays)
        carriedForward = goal.isCarriedForward
        draftOf = goal.unsentDraftOf
        awaitingSide = goal.awaitingSide
        quarter = goal.period.holdingQuarter
    }

    /// Rebuilds a standing from storage exactly as it was saved.
    public init(
        goalID: UUID, partnerID: UUID, metricKey: String, ownerSide: Side, status: GoalStatus, period: Period, target: Int64,
        baseline: Int64?, actual: Int64?, figures: ProgressFigures, asOf: Day, lapsesAt: Date?, carriedForward: Bool,
        draftOf: Side?, awaitingSide: Side? = nil
    ) {
        self.goalID = goalID
        self.partnerID = partnerID
        self.metricKey = metricKey
        self.ownerSide = ownerSide
        self.status = status
        self.period = period
        self.target = target
        self.baseline = baseline
        self.actual = actual
        self.figures = figures
        self.asOf = asOf
        self.lapsesAt = lapsesAt
        self.carriedForward = carriedForward
        self.draftOf = draftOf
        self.awaitingSide = awaitingSide
        quarter = period.holdingQuarter
    }

    /// The same goal as of another day: its actual does not move with the day, its pacing does (`region` is the
    /// partner's, for its seasonality).
    public func asOf(_ day: Day, metric: Metric, settings: ProgramSettings, region: String?) -> GoalStanding {
        GoalStanding(
            goalID: goalID, partnerID: partnerID, metricKey: metricKey, ownerSide: ownerSide, status: status, period: period,
            target: target, baseline: baseline, actual: actual,
            figures: ProgressFigures(
                metric: metric, target: target, baseline: baseline, actual: actual, period: period, asOf: day, settings: settings,
                region: region),
            asOf: day, lapsesAt: lapsesAt, carriedForward: carriedForward, draftOf: draftOf, awaitingSide: awaitingSide)
    }

    /// Whether a day's move changes the figures: a period over before both days, or not begun by either, paces alike.
    public func movesBetween(_ a: Day, and b: Day) -> Bool {
        // A lower-is-better total is judged achieved only from its period's end (`Pacing.evaluate`): the day after
        // the last one still moves it.
        !(period.end <= min(a, b) || period.start > max(a, b))
    }

    /// A proposal left unanswered past the response window (`Goal.isLapsed`, from the stored moment it lapses).
    public func isLapsed(now: Date) -> Bool { Goal.hasLapsed(at: lapsesAt, now: now) }

    /// The status the attention list ranks a partner by: only active goals pace (§6).
    public var attentionStatus: PacingStatus? { status == .active ? figures.pacing.status : nil }

    /// Whether `audience` may see the goal: `AccessRule.maySee`, for the stored value.
    public func isVisible(to audience: Audience) -> Bool { AccessRule.maySee(unsentDraftOf: draftOf, as: audience) }
}

extension ProgressFigures {
    public init(attainment: Double?, improvementProgress: Double?, pacing: Pacing) {
        self.attainment = attainment
        self.improvementProgress = improvementProgress
        self.pacing = pacing
    }
}
