import Foundation

/// One field an audit entry changed, in the program's terms: "Target: $120,000.00 → $110,000.00".
public struct AuditFieldChange: Hashable, Sendable {
    public let field: String
    public let before: String?
    public let after: String?

    public init(field: String, before: String?, after: String?) {
        self.field = field
        self.before = before
        self.after = after
    }

    public var description: String {
        switch (before, after) {
        case (nil, let after?): "\(field): \(after)"
        case (let before?, nil): "\(field): \(before) removed"
        default: "\(field): \(before ?? "—") → \(after ?? "—")"
        }
    }
}

/// Reads the raw before → after of an audit entry (DOMAIN §14) as the fields a person would name, with amounts in
/// the metric's unit and currency. Goals, partners and programs are read field by field; other records by the
/// paths of their JSON. The raw record stays in the log for machines.
public enum AuditReading {
    public static func changes(of entry: AuditEntry, currency: Currency, metrics: [String: Metric]) -> [AuditFieldChange] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
            text.flatMap { try? decoder.decode(T.self, from: Data($0.utf8)) }
        }
        switch entry.entity {
        case "goal":
            if let after = decode(Goal.self, entry.after) {
                return goal(before: decode(Goal.self, entry.before), after: after, currency: currency, metrics: metrics)
            }
        case "partner":
            if let after = decode(Partner.self, entry.after) { return partner(before: decode(Partner.self, entry.before), after: after) }
        case "program":
            if let after = decode(Program.self, entry.after), let before = decode(Program.self, entry.before) {
                return program(before: before, after: after)
            }
        default: break
        }
        return generic(before: entry.before, after: entry.after)
    }

    /// The changes of an entry about a goal's own record, for the goal's page; other entries filed under the goal
    /// (its benefit terms) read as nothing here, since the page shows those terms by their own rules.
    public static func goalChanges(of entry: AuditEntry, currency: Currency, metrics: [String: Metric]) -> [AuditFieldChange] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard entry.entity == "goal", let text = entry.after, let after = try? decoder.decode(Goal.self, from: Data(text.utf8)) else {
            return []
        }
        let before = entry.before.flatMap { try? decoder.decode(Goal.self, from: Data($0.utf8)) }
        return goal(before: before, after: after, currency: currency, metrics: metrics)
    }

    static func goal(before: Goal?, after: Goal, currency: Currency, metrics: [String: Metric]) -> [AuditFieldChange] {
        let metric = metrics[after.metricKey]
        let amount = { (value: Int64) in metric?.format(value, currency: currency) ?? String(value) }
        var changes: [AuditFieldChange] = []
        func note(_ field: String, _ old: String?, _ new: String?) {
            if old != new { changes.append(AuditFieldChange(field: field, before: old, after: new)) }
        }
        if before == nil {
            note("Goal", nil, "\(metric?.name ?? after.metricKey), \(after.period.label) (\(after.period.dates))")
            note("Whose commitment", nil, after.ownerSide.rawValue)
            note("Baseline", nil, after.baseline.map { amount($0.value) } ?? "no history yet")
        }
        note("Status", before?.status.rawValue, after.status.rawValue)
        note("Target", before.map { amount($0.target) }, amount(after.target))
        note("Behaviour", before?.behaviour, after.behaviour)
        let accepted = after.acceptances.dropFirst(before?.acceptances.count ?? 0)
        if !accepted.isEmpty {
            note(
                "Accepted", nil,
                accepted.map { "\($0.actor.name) (\($0.actor.side.rawValue)), revision \($0.revision)" }.joined(separator: "; "))
        }
        note("Decline reason", before?.decline?.reason, after.decline?.reason)
        note("Closing actual", before?.closingActual.map(amount), after.closingActual.map(amount))
        return changes
    }

    static func partner(before: Partner?, after: Partner) -> [AuditFieldChange] {
        var changes: [AuditFieldChange] = []
        func note(_ field: String, _ old: String?, _ new: String) {
            if old != new { changes.append(AuditFieldChange(field: field, before: old, after: new)) }
        }
        note("Name", before?.name, after.name)
        note("External key", before?.externalKey, after.externalKey)
        note("Business model", before?.businessModel.label, after.businessModel.label)
        note("Region", before?.region, after.region)
        note("Channel manager", before?.channelManager, after.channelManager)
        note(
            "Fiscal year starts", before.map { Day.monthAbbreviations[$0.calendar.startMonth - 1] },
            Day.monthAbbreviations[after.calendar.startMonth - 1])
        note("Level", before?.tier, after.tier)
        note("Stage", before?.stage.label, after.stage.label)
        note("On the recognition wall", before.map { $0.showOnRecognitionWall ? "yes" : "no" }, after.showOnRecognitionWall ? "yes" : "no")
        return changes
    }

    static func program(before: Program, after: Program) -> [AuditFieldChange] {
        var changes: [AuditFieldChange] = []
        func note(_ field: String, _ old: String, _ new: String) {
            if old != new { changes.append(AuditFieldChange(field: field, before: old, after: new)) }
        }
        let (b, a) = (before.settings, after.settings)
        note("Name", before.name, after.name)
        note("Minimum improvement", percent(b.minimumImprovement), percent(a.minimumImprovement))
        note("Response window", "\(b.responseWindowDays) days", "\(a.responseWindowDays) days")
        note("At-risk threshold", percent(b.atRiskThreshold), percent(a.atRiskThreshold))
        note("Motivation policy", b.motivationPolicy.rawValue, a.motivationPolicy.rawValue)
        note("Seasonality (program)", weights(b.seasonality), weights(a.seasonality))
        for region in Set(b.regionalSeasonality.keys).union(a.regionalSeasonality.keys).sorted() {
            note(
                "Seasonality (region \(region))", b.regionalSeasonality[region].map(weights) ?? "none",
                a.regionalSeasonality[region].map(weights) ?? "none")
        }
        for solution in Set(b.solutionSeasonality.keys).union(a.solutionSeasonality.keys).sorted() {
            note(
                "Seasonality (solution \(solution))", b.solutionSeasonality[solution].map(weights) ?? "none",
                a.solutionSeasonality[solution].map(weights) ?? "none")
        }
        note(
            "Segment thresholds", "commitment \(b.segmentThresholds.commitment), performance \(b.segmentThresholds.performance)",
            "commitment \(a.segmentThresholds.commitment), performance \(a.segmentThresholds.performance)")
        note("Levels", b.tiers.map(\.name).joined(separator: ", "), a.tiers.map(\.name).joined(separator: ", "))
        note("Level grace", "\(b.tierGraceYears) year ends", "\(a.tierGraceYears) year ends")
        note("Checklist items", b.checklistItems.joined(separator: ", "), a.checklistItems.joined(separator: ", "))
        if b.benefitDefaults != a.benefitDefaults {
            note("Benefit defaults", "\(b.benefitDefaults.count) categories", "\(a.benefitDefaults.count) categories")
        }
        if b.planningIndexes != a.planningIndexes { note("Planning indexes (internal)", "changed", "changed") }
        return changes
    }

    /// Records without a reader of their own: every leaf of their JSON that differs, by its dotted path.
    static func generic(before: String?, after: String?) -> [AuditFieldChange] {
        func leaves(_ text: String?) -> [String: String] {
            guard let text, let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else { return [:] }
            var out: [String: String] = [:]
            func walk(_ value: Any, _ path: String) {
                if let dict = value as? [String: Any] {
                    for (key, member) in dict { walk(member, path.isEmpty ? key : path + "." + key) }
                } else if let array = value as? [Any] {
                    for (index, member) in array.enumerated() { walk(member, "\(path)[\(index + 1)]") }
                } else if !(value is NSNull) {
                    out[path] = "\(value)"
                }
            }
            walk(object, "")
            return out
        }
        let (old, new) = (leaves(before), leaves(after))
        return Set(old.keys).union(new.keys).sorted().compactMap { path in
            old[path] == new[path] ? nil : AuditFieldChange(field: path, before: old[path], after: new[path])
        }
    }

    static func percent(_ fraction: Double) -> String { ReadableNumber.percent(fraction) }

    static func weights(_ profile: SeasonalityProfile) -> String {
        guard let weights = profile.monthlyWeights else { return "flat by days" }
        return zip(Day.monthAbbreviations, weights).map { "\($0) " + ReadableNumber.text($1, decimals: 2) }.joined(separator: ", ")
    }
}
