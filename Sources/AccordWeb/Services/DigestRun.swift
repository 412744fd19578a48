import AccordCore
import AccordStore
import AccordViews
import Foundation

/// The weekly "where do we stand" digest (issue 19): each program's week is claimed once (`claimDigestWeek`), then
/// its recipients' digests are composed by Core (`Digest`) from the maintained standings and the inbox, and written
/// to the outbox in batches, each with the held messages it lists marked in the same transaction.
struct DigestRun {
    let store: AccordStore
    let publicURL: String
    let clock: AccordClock

    /// Recipients composed and written per transaction.
    static let batchSize = 200

    struct Report {
        let program: Program
        let week: Day
        /// Digests written (or, in a dry run, that would be).
        var messages: [OutboxMessage] = []
        /// The week was claimed before (by another instance, the schedule or an earlier command): nothing was written.
        var alreadySent = false
        /// The program's digest day has not come yet this week.
        var notDue = false
    }

    /// Every program whose digest day has come this week and whose week is not claimed yet: claims it and writes its
    /// digests. A program named by the operator (`accord digest send --program`) is sent this week even before its
    /// day. A run that fails part-way gives its claim back, so the next pass finishes it without writing anything twice.
    func sendDue(programID: UUID? = nil) async throws -> [Report] {
        var reports: [Report] = []
        for program in try await store.programs() where programID == nil || program.id == programID {
            let week = Digest.week(of: clock.today)
            guard Digest.isDue(today: clock.today, day: program.settings.digestDay) || programID != nil else {
                reports.append(Report(program: program, week: week, notDue: true))
                continue
            }
            guard try await store.claimDigestWeek(programID: program.id, week: week, now: clock.now()) else {
                reports.append(Report(program: program, week: week, alreadySent: true))
                continue
            }
            do {
                let messages = try await run(program, week: week, write: true)
                try await store.finishDigestWeek(programID: program.id, week: week, messages: messages.count)
                reports.append(Report(program: program, week: week, messages: messages))
            } catch {
                try? await store.releaseDigestWeek(programID: program.id, week: week)
                throw error
            }
        }
        return reports
    }

    /// What this week's digests would say, without writing or claiming anything.
    func preview(programID: UUID? = nil) async throws -> [Report] {
        var reports: [Report] = []
        for program in try await store.programs() where programID == nil || program.id == programID {
            let week = Digest.week(of: clock.today)
            reports.append(Report(program: program, week: week, messages: try await run(program, week: week, write: false)))
        }
        return reports
    }

    private func run(_ program: Program, week: Day, write: Bool) async throws -> [OutboxMessage] {
        let today = clock.today
        _ = try await store.bringStandings(programID: program.id, to: today)
        let partners = Dictionary(uniqueKeysWithValues: try await store.partners(of: program.id).map { ($0.id, $0) })
        let managers = Set(try await store.channelManagerNames(programID: program.id))
        let metrics = Dictionary(uniqueKeysWithValues: try await store.metrics(of: program.id).map { ($0.key, $0) })
        let recipients = try await store.users().filter { user in
            Digest.scope(of: user).map { Digest.isIn($0, partners: Set(partners.keys), channelManagers: managers) } ?? false
        }
        var written: [OutboxMessage] = []
        for start in stride(from: 0, to: recipients.count, by: Self.batchSize) {
            let batch = Array(recipients[start..<min(start + Self.batchSize, recipients.count)])
            let choices = try await store.noticePreferences(of: batch.map(\.id))
            let wanting = batch.filter { NoticeDelivery.effective(for: .weeklyDigest, choices: choices[$0.id] ?? [:]) != .never }
            guard !wanting.isEmpty else { continue }
            let held = try await store.heldMessages(userIDs: wanting.map(\.id))
            let partnerIDs = Array(Set(wanting.compactMap(\.partnerID)))
            let periodGoals = Dictionary(
                grouping: try await store.standings(programID: program.id, partnerIDs: partnerIDs, holding: today)
                    .filter { Digest.isOfThePeriod($0, today: today) }, by: \.partnerID)
            var messages: [OutboxMessage] = []
            var listed: [UUID] = []
            for user in wanting {
                guard let scope = Digest.scope(of: user), let email = user.email else { continue }
                let (goals, total, scopeName) = try await goals(
                    for: scope, program: program, partners: partners, periodGoals: periodGoals, metrics: metrics, today: today)
                let waiting = try await waiting(for: user, scope: scope, program: program, metrics: metrics)
                let heldHere = held[user.id] ?? []
                guard
                    let notice = Digest.compose(
                        recipient: .init(userID: user.id, name: user.name, email: email), programID: program.id, programName: program.name,
                        scope: scope, scopeName: scopeName, week: week, today: today, currency: program.currency, goals: goals,
                        goalsTotal: total, waiting: waiting, held: heldHere)
                else { continue }
                messages.append(Notifier(store: store, publicURL: publicURL).message(notice, at: clock.now()))
                listed += heldHere.map(\.id)
            }
            if write { try await store.enqueueDigests(messages, listing: listed) }
            written += messages
        }
        return written
    }

    /// A partner admin's goals of the period, or the goals behind or at risk in a channel manager's portfolio (a
    /// program admin's: the program), with what is at stake on each (§7).
    private func goals(
        for scope: Inbox.Scope, program: Program, partners: [UUID: Partner], periodGoals: [UUID: [GoalStanding]],
        metrics: [String: Metric], today: Day
    ) async throws -> ([Digest.GoalLine], Int, String) {
        let standings: [(GoalStanding, String)]
        let total: Int
        let scopeName: String
        switch scope {
        case .partner(let id):
            let name = partners[id]?.name ?? ""
            standings = (periodGoals[id] ?? []).map { ($0, name) }
            total = standings.count
            scopeName = name
        case .portfolio(let manager):
            (standings, total) = try await store.goalsNeedingAttention(
                programID: program.id, channelManager: manager, today: today, limit: Digest.linesPerSection)
            scopeName = "Your portfolio"
        case .program:
            (standings, total) = try await store.goalsNeedingAttention(
                programID: program.id, channelManager: nil, today: today, limit: Digest.linesPerSection)
            scopeName = program.name
        }
        let own = try await store.benefits(ofGoals: standings.map(\.0.goalID))
        let settings = program.settings
        let lines = standings.compactMap { standing, partnerName -> Digest.GoalLine? in
            guard let metric = metrics[standing.metricKey] else { return nil }
            let stakes = GoalBenefits.effective(own: own[standing.goalID], category: metric.category, defaults: settings.benefitDefaults)
                .atStake(ownerSide: standing.ownerSide, policy: settings.motivationPolicy)
            return Digest.GoalLine(standing: standing, metric: metric, partnerName: partnerName, stakes: stakes)
        }
        return (lines, total, scopeName)
    }

    /// What waits for the user (`Inbox`), its first lines in the inbox page's words.
    private func waiting(for user: User, scope: Inbox.Scope, program: Program, metrics: [String: Metric]) async throws -> Digest.Listing {
        let now = clock.now()
        let contents = try await store.inbox(
            programID: program.id, scope: scope, side: user.role.side, owner: user.name, kinds: Inbox.kinds(for: user.role),
            windows: Inbox.windows(now: now, today: clock.today, responseWindowDays: program.settings.responseWindowDays), now: now,
            today: clock.today, limit: Digest.linesPerSection)
        let items = Array(contents.items.prefix(Digest.linesPerSection))
        let ownPartner: Bool = if case .partner = scope { true } else { false }
        let lines = InboxReading.lines(items, program: program, metrics: metrics, side: user.role.side, now: now).map { line in
            Notice.Section.Line(
                [line.kind + ":", ownPartner ? nil : line.partnerName + " —", line.what].compactMap { $0 }.joined(separator: " "),
                detail: [line.due, line.detail].compactMap { $0 }.joined(separator: " · ").nilIfEmpty, path: line.path)
        }
        return Digest.Listing(lines: lines, total: contents.total, morePath: SiteURL.inbox.path)
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
