import AccordCore
import AccordStore
import AccordViews
import Foundation

/// "Targets lowered this year" (DOMAIN §5.3) for the overview, the partner page, the report page, its CSV and the
/// API: the explicit overrides of the vendor's fiscal year holding today, newest first.
struct LoweredTargetsReport {
    let program: Program
    let year: Period
    let lines: [LoweredTarget]
    let metrics: [String: Metric]

    static func load(
        store: AccordStore, program: Program, today: Day, partnerID: UUID? = nil, channelManager: String? = nil, limit: Int? = nil
    ) async throws -> LoweredTargetsReport {
        let year = LoweredTarget.reportYear(of: program.calendar, today: today)
        let lines = try await store.loweredTargets(
            programID: program.id, from: year.from, to: year.to, partnerID: partnerID, channelManager: channelManager, limit: limit)
        let metrics = Dictionary(uniqueKeysWithValues: try await store.metrics(of: program.id).map { ($0.key, $0) })
        return LoweredTargetsReport(program: program, year: year.year, lines: lines, metrics: metrics)
    }

    /// "FY2027 (1 Feb 2026 – 31 Jan 2027)".
    var yearLabel: String { "\(year.label) (\(year.dates))" }

    /// An amount in the goal's metric, as people read it ("$120,000.00", "16 registrations").
    func shown(_ value: Int64, of line: LoweredTarget) -> String {
        metrics[line.metricKey]?.format(value, currency: program.currency) ?? String(value)
    }

    func plain(_ value: Int64, of line: LoweredTarget) -> String {
        metrics[line.metricKey]?.plainText(value, currency: program.currency) ?? String(value)
    }

    func goalName(_ line: LoweredTarget) -> String { "\(metrics[line.metricKey]?.name ?? line.metricKey), \(line.period.label)" }

    static func when(_ date: Date) -> String {
        let day = Day(date: date)
        let seconds = Int(date.timeIntervalSince1970) - day.number * 86_400
        return day.readable + String(format: ", %02d:%02d UTC", seconds / 3600, seconds % 3600 / 60)
    }

    /// The lines as the report page and the partner page show them.
    var rows: [LoweredTargetsPage.Row] {
        lines.map { line in
            LoweredTargetsPage.Row(
                goalID: line.goalID, partnerID: line.partnerID, partnerName: line.partnerName, goal: goalName(line),
                before: shown(line.from, of: line), after: shown(line.to, of: line), by: "\(line.actor.name) (\(line.actor.role.label))",
                at: Self.when(line.at), reason: line.reason)
        }
    }

    /// The report as CSV (RFC 4180, formula-safe cells): one line per lowering.
    var csv: String {
        var out = CSVWriter.row([
            "partner", "partner_id", "channel_manager", "goal_id", "metric", "period", "period_first_day", "period_last_day",
            "target_before", "target_after", "lowered_by", "role", "lowered_at", "reason",
        ])
        let stamp = ISO8601DateFormatter()
        for line in lines {
            out += CSVWriter.row([
                line.partnerName, line.partnerID.uuidString.lowercased(), line.channelManager, line.goalID.uuidString.lowercased(),
                line.metricKey, line.period.label, line.period.start.iso, line.period.lastDay.iso, plain(line.from, of: line),
                plain(line.to, of: line), line.actor.name, line.actor.role.rawValue, stamp.string(from: line.at), line.reason,
            ])
        }
        return out
    }
}
