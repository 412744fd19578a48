import Foundation

/// The weekly "where do we stand" digest (issue 19; DOMAIN §6, §7, §5.2, §11): who gets one, what it lists, and in
/// which words. A partner admin reads this period's goals of their partner with pacing, forecast and what is at
/// stake; vendor staff read the partners behind or at risk in their portfolio (a program admin: the program); both
/// read what waits for them, and the messages they chose to receive in the digest. Nothing of the other side's
/// drafts, and no internal planning figure, is in it.
public enum Digest {
    /// Whose partners a user's digest is about; nil for a user who gets none (a partner member answers nothing).
    public static func scope(of user: User) -> Inbox.Scope? {
        guard !user.disabled, user.email != nil else { return nil }
        switch user.role {
        case .programAdmin: return .program
        case .channelManager: return .portfolio(user.name)
        case .partnerAdmin: return user.partnerID.map(Inbox.Scope.partner)
        case .partnerMember: return nil
        }
    }

    /// Whether a scope lies in a program (of these partners and channel managers): vendor staff are users of every
    /// program, so a channel manager hears of a program only where partners name them, and a partner admin of theirs.
    public static func isIn(_ scope: Inbox.Scope, partners: Set<UUID>, channelManagers: Set<String>) -> Bool {
        switch scope {
        case .program: true
        case .portfolio(let name): channelManagers.contains(name)
        case .partner(let id): partners.contains(id)
        }
    }

    /// The week a digest is for: the Monday of today's ISO week. One digest per week, so moving the program's day
    /// within a week sends no second one.
    public static func week(of today: Day) -> Day { today.latest(.monday) }

    /// Whether this week's digest is due: from the program's day on. A server that was down on the day sends that
    /// week's digest when it runs again, once, until the week ends.
    public static func isDue(today: Day, day: Weekday) -> Bool { today.weekday.rawValue >= day.rawValue }

    /// One digest per program, week and recipient.
    public static func eventKey(programID: UUID, week: Day) -> String { "digest/\(programID.uuidString.lowercased())/\(week.iso)" }

    /// The goals a digest speaks of: those whose period holds today, proposed or committed and still open, and
    /// never a draft.
    public static func isOfThePeriod(_ standing: GoalStanding, today: Day) -> Bool {
        standing.draftOf == nil && standing.period.start <= today && today < standing.period.end
            && [.proposed, .agreed, .active].contains(standing.status)
    }

    /// A committed goal of the period that needs the channel manager's attention (§6).
    public static func needsAttention(_ standing: GoalStanding, today: Day) -> Bool {
        isOfThePeriod(standing, today: today) && standing.status != .proposed
            && [.behind, .atRisk].contains(standing.figures.pacing.status)
    }

    /// The most lines a list shows; the rest are counted, with a link to the page that lists them all.
    public static let linesPerSection = 15

    /// A goal as the digest shows it, with what making it earns and missing it costs (§7).
    public struct GoalLine: Sendable {
        public let standing: GoalStanding
        public let metric: Metric
        public let partnerName: String
        public let stakes: GoalBenefits

        public init(standing: GoalStanding, metric: Metric, partnerName: String, stakes: GoalBenefits) {
            self.standing = standing
            self.metric = metric
            self.partnerName = partnerName
            self.stakes = stakes
        }
    }

    /// A list that may be cut short: its first lines, how many there are, and the page with all of them.
    public struct Listing: Sendable {
        public let lines: [Notice.Section.Line]
        public let total: Int
        public let morePath: String

        public init(lines: [Notice.Section.Line], total: Int, morePath: String) {
            self.lines = lines
            self.total = total
            self.morePath = morePath
        }
    }

    /// The digest of one recipient, or nil when it would say nothing (no goals, nothing waiting, nothing held).
    public static func compose(
        recipient: Notice.Recipient, programID: UUID, programName: String, scope: Inbox.Scope, scopeName: String, week: Day, today: Day,
        currency: Currency, goals: [GoalLine], goalsTotal: Int, waiting: Listing, held: [OutboxMessage]
    ) -> Notice? {
        guard !goals.isEmpty || waiting.total > 0 || !held.isEmpty else { return nil }
        var sections: [Notice.Section] = []
        let partnerSide: Bool = if case .partner = scope { true } else { false }
        if !goals.isEmpty {
            var lines = goals.map { line($0, currency: currency, showPartner: !partnerSide) }
            if goalsTotal > goals.count {
                lines.append(.init("… and \(goalsTotal - goals.count) more", path: partnerSide ? nil : "/partners?status=behind"))
            }
            sections.append(.init(title: partnerSide ? "This period's goals" : "Partners behind or at risk", lines: lines))
        }
        if waiting.total > 0 {
            var lines = waiting.lines
            if waiting.total > lines.count { lines.append(.init("… and \(waiting.total - lines.count) more", path: waiting.morePath)) }
            sections.append(.init(title: "Waiting for you (\(waiting.total))", lines: lines))
        }
        if !held.isEmpty {
            sections.append(.init(title: "Since the last digest", lines: held.map { .init($0.subject, path: $0.path) }))
        }
        let intro: String
        if partnerSide {
            let behind = goals.filter { needsAttention($0.standing, today: today) }.count
            intro =
                goals.isEmpty
                ? "Where \(scopeName) stands in \(programName) this week."
                : "Where \(scopeName) stands in \(programName) this week: \(goals.count) goal\(goals.count == 1 ? "" : "s") this period"
                    + (behind == 0 ? ", none behind." : ", \(behind) behind or at risk.")
        } else {
            intro =
                goalsTotal == 0
                ? "\(scopeName) this week: no partner is behind or at risk on an agreed goal."
                : "\(scopeName) this week: \(goalsTotal) agreed goal\(goalsTotal == 1 ? " is" : "s are") behind or at risk."
        }
        return Notice(
            kind: .weeklyDigest, eventKey: eventKey(programID: programID, week: week), recipient: recipient,
            subject: "\(programName): where \(partnerSide ? "we" : "your partners") stand, week of \(week.readable)",
            paragraphs: [intro], path: partnerSide ? "/" : "/inbox", linkLabel: partnerSide ? "Open your scorecard" : "Open your inbox",
            sections: sections)
    }

    /// "Revenue, FY2027 Q2", then "$120,000.00 of $200,000.00 (60 %) · On track · at this pace $210,000.00 · made: …".
    static func line(_ goal: GoalLine, currency: Currency, showPartner: Bool) -> Notice.Section.Line {
        let s = goal.standing
        let show = { (value: Int64) in goal.metric.format(value, currency: currency) }
        var parts: [String] = []
        let head = (showPartner ? "\(goal.partnerName) — " : "") + "\(goal.metric.name), \(s.period.label)"
        if s.status == .proposed {
            parts.append("proposed, target \(show(s.target)), not agreed yet")
        } else {
            let progress = s.figures.attainment.map { " (\(Figures.roundedDown($0 * 100)) %)" } ?? ""
            parts.append("\(s.actual.map(show) ?? "no figures yet") of \(show(s.target))\(progress)")
            parts.append(s.figures.pacing.status.label)
            if let forecast = s.figures.pacing.forecast, forecast.isFinite {
                parts.append("at this pace \(show(Figures.roundedOrZero(forecast)))")
            }
        }
        if !goal.stakes.rewards.isEmpty {
            parts.append("made: " + goal.stakes.rewards.map { $0.text(currency: currency) }.joined(separator: ", "))
        }
        if !goal.stakes.consequences.isEmpty {
            parts.append("missed: " + goal.stakes.consequences.map { $0.text(currency: currency) }.joined(separator: ", "))
        }
        return .init(head, detail: parts.joined(separator: " · "), path: "/goals/\(s.goalID.uuidString.lowercased())")
    }
}
