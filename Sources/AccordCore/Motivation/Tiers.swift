import Foundation

/// A program level (DOMAIN §12): requirements to hold it, and the standing benefits it brings.
/// Requirements are separate from goals: a partner's goals are agreed with it, its level is earned.
public struct Tier: Hashable, Codable, Sendable {
    public var name: String
    /// Trailing-twelve-month revenue, in program currency minor units.
    public var minimumTrailingRevenue: Int64
    /// Certified engineers, a whole count.
    public var minimumCertifiedEngineers: Int
    /// Base margin in hundredths of a percentage point.
    public var baseMargin: Int64
    /// MDF share of revenue in hundredths of a percent.
    public var mdfShare: Int64

    public init(name: String, minimumTrailingRevenue: Int64, minimumCertifiedEngineers: Int, baseMargin: Int64, mdfShare: Int64) {
        self.name = name
        self.minimumTrailingRevenue = minimumTrailingRevenue
        self.minimumCertifiedEngineers = minimumCertifiedEngineers
        self.baseMargin = baseMargin
        self.mdfShare = mdfShare
    }

    public func isMet(by standing: TierStanding) -> Bool {
        standing.trailingRevenue >= minimumTrailingRevenue && standing.certifiedEngineers >= minimumCertifiedEngineers
    }
}

/// What a partner shows at a fiscal year end against the level requirements.
public struct TierStanding: Hashable, Sendable {
    public let partnerID: UUID
    public let currentTier: String
    public let trailingRevenue: Int64
    public let certifiedEngineers: Int
    /// Consecutive earlier year ends at which the partner was already below its level (grace used so far).
    public let yearEndsAlreadyBelow: Int

    public init(partnerID: UUID, currentTier: String, trailingRevenue: Int64, certifiedEngineers: Int, yearEndsAlreadyBelow: Int) {
        self.partnerID = partnerID
        self.currentTier = currentTier
        self.trailingRevenue = trailingRevenue
        self.certifiedEngineers = certifiedEngineers
        self.yearEndsAlreadyBelow = yearEndsAlreadyBelow
    }
}

/// A recommendation made at a fiscal year end. Never applied by Accord: an admin applies or dismisses it.
public struct TierRecommendation: Hashable, Codable, Sendable, Identifiable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case promote, demote
        /// Below the level's requirements, still within the grace period: a warning, nothing to apply.
        case grace
    }

    public enum Status: String, Codable, Sendable, CaseIterable {
        case open, applied, dismissed
        /// Grace notices need no decision.
        case noted
    }

    public let id: UUID
    public let partnerID: UUID
    public let asOf: Day
    public let kind: Kind
    public let fromTier: String
    public let toTier: String
    public let reason: String
    public var status: Status
    public var decidedBy: String?
    public var decidedAt: Date?

    public init(
        id: UUID = UUID(), partnerID: UUID, asOf: Day, kind: Kind, fromTier: String, toTier: String, reason: String,
        status: Status? = nil, decidedBy: String? = nil, decidedAt: Date? = nil
    ) {
        self.id = id
        self.partnerID = partnerID
        self.asOf = asOf
        self.kind = kind
        self.fromTier = fromTier
        self.toTier = toTier
        self.reason = reason
        self.status = status ?? (kind == .grace ? .noted : .open)
        self.decidedBy = decidedBy
        self.decidedAt = decidedAt
    }

    /// An admin's decision on an open promotion or demotion.
    public mutating func decide(apply: Bool, by name: String, at now: Date) throws(TierError) {
        guard status == .open else { throw .notOpen(status) }
        status = apply ? .applied : .dismissed
        decidedBy = name
        decidedAt = now
    }
}

public enum TierError: Error, Equatable, Sendable, CustomStringConvertible {
    case notOpen(TierRecommendation.Status)
    case unknownTier(String)
    case invalid(String)

    public var description: String {
        switch self {
        case .notOpen(let status): "this recommendation is \(status.rawValue); only open ones can be applied or dismissed"
        case .unknownTier(let name): "there is no level named '\(name)'"
        case .invalid(let message): message
        }
    }
}

/// The fiscal year-end level review (DOMAIN §12): promotions for partners that meet a higher level's requirements,
/// demotions only after the grace period, and a grace notice before that.
public enum TierReview {
    public static func recommend(
        _ standing: TierStanding, tiers: [Tier], graceYears: Int, asOf: Day, currency: Currency
    ) -> TierRecommendation? {
        guard !tiers.isEmpty else { return nil }
        let current = tiers.firstIndex { $0.name == standing.currentTier } ?? -1
        let qualifying = tiers.lastIndex { $0.isMet(by: standing) } ?? 0
        if qualifying > current {
            let tier = tiers[qualifying]
            return TierRecommendation(
                partnerID: standing.partnerID, asOf: asOf, kind: .promote, fromTier: standing.currentTier, toTier: tier.name,
                reason: "meets \(tier.name): " + describe(standing, against: tier, currency: currency))
        }
        guard qualifying < current else { return nil }
        let held = tiers[current]
        let why = "below \(held.name): " + describe(standing, against: held, currency: currency)
        if standing.yearEndsAlreadyBelow >= graceYears {
            return TierRecommendation(
                partnerID: standing.partnerID, asOf: asOf, kind: .demote, fromTier: held.name, toTier: tiers[qualifying].name,
                reason: why
                    + "; grace period used (\(standing.yearEndsAlreadyBelow) year end\(standing.yearEndsAlreadyBelow == 1 ? "" : "s"))")
        }
        return TierRecommendation(
            partnerID: standing.partnerID, asOf: asOf, kind: .grace, fromTier: held.name, toTier: tiers[qualifying].name,
            reason: why + "; in grace until the next year end")
    }

    /// How much of the grace period a partner has used: the consecutive earlier year ends, newest first, at which it
    /// was below its level and was not moved down. `reviewDays` are the program's earlier review days.
    public static func yearEndsBelow(_ history: [TierRecommendation], reviewDays: [Day]) -> Int {
        var count = 0
        for day in reviewDays.sorted(by: >) {
            guard let rec = history.first(where: { $0.asOf == day }),
                rec.kind == .grace || (rec.kind == .demote && rec.status != .applied)
            else { break }
            count += 1
        }
        return count
    }

    /// "trailing 12-month revenue 812,000.00 USD of 1,000,000.00 USD needed; 2 of 3 certified engineers".
    static func describe(_ standing: TierStanding, against tier: Tier, currency: Currency) -> String {
        let revenue = Money(minorUnits: standing.trailingRevenue, currency: currency).formatted
        let needed = Money(minorUnits: tier.minimumTrailingRevenue, currency: currency).formatted
        return "trailing 12-month revenue \(revenue) of \(needed) needed; "
            + "\(standing.certifiedEngineers) of \(tier.minimumCertifiedEngineers) certified engineers"
    }

    /// Level names must be unique and non-empty, requirements must rise with the level.
    public static func validate(_ tiers: [Tier]) throws(TierError) {
        for tier in tiers where tier.name.trimmingCharacters(in: .whitespaces).isEmpty { throw .invalid("a level needs a name") }
        guard Set(tiers.map(\.name)).count == tiers.count else { throw .invalid("level names must be unique") }
        for (lower, higher) in zip(tiers, tiers.dropFirst())
        where higher.minimumTrailingRevenue < lower.minimumTrailingRevenue
            || higher.minimumCertifiedEngineers < lower.minimumCertifiedEngineers
        {
            throw .invalid("\(higher.name) must require at least what \(lower.name) requires")
        }
    }
}
