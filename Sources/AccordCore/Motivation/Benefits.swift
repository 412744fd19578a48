import Foundation

/// Carrots, sticks, or both (DOMAIN §7).
public enum MotivationPolicy: String, Codable, Sendable, CaseIterable {
    case carrot, stick, both

    public var grantsRewards: Bool { self != .stick }
    public var appliesConsequences: Bool { self != .carrot }
}

/// What a partner can be granted, or have withdrawn (DOMAIN §7).
public enum BenefitKind: String, Codable, Sendable, CaseIterable {
    /// Margin uplift in hundredths of a percentage point.
    case marginUplift = "margin_uplift"
    /// Market development funds in program currency minor units.
    case mdf
    case executiveBriefing = "executive_briefing"
    case coSelling = "co_selling"
    case marketingSupport = "marketing_support"
    case productAuthorization = "product_authorization"
    case certificationRecognition = "certification_recognition"

    /// Margin and MDF add up as amounts; the others are accesses a partner has or has not.
    public var isAmount: Bool { self == .marginUplift || self == .mdf }
}

/// A reward or consequence attached to a goal: what is granted when it is achieved, or withdrawn when missed.
public struct BenefitTerms: Hashable, Codable, Sendable {
    public let kind: BenefitKind
    /// For amounts: the amount; for accesses: 1.
    public let amount: Int64
    public let detail: String

    public init(kind: BenefitKind, amount: Int64 = 1, detail: String = "") {
        self.kind = kind
        self.amount = kind.isAmount ? amount : 1
        self.detail = detail
    }
}

/// One line of the benefits ledger: a grant (positive) or a withdrawal (negative), with its source goal.
public struct LedgerEntry: Hashable, Codable, Sendable {
    public let partnerID: UUID
    public let goalID: UUID
    public let kind: BenefitKind
    public let amount: Int64
    public let on: Day
    public let detail: String

    public init(partnerID: UUID, goalID: UUID, kind: BenefitKind, amount: Int64, on: Day, detail: String) {
        self.partnerID = partnerID
        self.goalID = goalID
        self.kind = kind
        self.amount = amount
        self.on = on
        self.detail = detail
    }

    public var isGrant: Bool { amount > 0 }
}

/// Period close for motivation (DOMAIN §7): achieved goals grant their rewards and missed goals apply their
/// consequences, each only if the program's policy allows it.
public enum BenefitsAtClose {
    public struct ClosedGoal: Sendable {
        public let goal: Goal
        public let rewards: [BenefitTerms]
        public let consequences: [BenefitTerms]

        public init(goal: Goal, rewards: [BenefitTerms], consequences: [BenefitTerms]) {
            self.goal = goal
            self.rewards = rewards
            self.consequences = consequences
        }
    }

    /// Terms of the same kind on one goal are added together: one ledger line per goal and kind.
    public static func entries(for closed: [ClosedGoal], policy: MotivationPolicy, on day: Day) -> [LedgerEntry] {
        let lines = closed.flatMap { item -> [LedgerEntry] in
            switch item.goal.status {
            case .achieved where policy.grantsRewards:
                item.rewards.map {
                    LedgerEntry(
                        partnerID: item.goal.partnerID, goalID: item.goal.id, kind: $0.kind, amount: $0.amount, on: day, detail: $0.detail)
                }
            case .missed where policy.appliesConsequences:
                item.consequences.map {
                    LedgerEntry(
                        partnerID: item.goal.partnerID, goalID: item.goal.id, kind: $0.kind, amount: -$0.amount, on: day, detail: $0.detail)
                }
            default:
                []
            }
        }
        var merged: [LedgerEntry] = []
        for line in lines {
            if let i = merged.firstIndex(where: { $0.goalID == line.goalID && $0.kind == line.kind }) {
                let first = merged[i]
                let amount = first.kind.isAmount ? first.amount + line.amount : first.amount
                merged[i] = LedgerEntry(
                    partnerID: first.partnerID, goalID: first.goalID, kind: first.kind, amount: amount, on: day, detail: first.detail)
            } else {
                merged.append(line)
            }
        }
        return merged
    }
}

/// A partner's current benefits: the sum of its ledger, never a field overwritten (DOMAIN §7).
public struct CurrentBenefits: Hashable, Sendable {
    public let marginUplift: Int64
    public let mdfBalance: Int64
    /// Accesses currently held (grants minus withdrawals above zero).
    public let accesses: Set<BenefitKind>

    public init(ledger: [LedgerEntry]) {
        var totals: [BenefitKind: Int64] = [:]
        for entry in ledger { totals[entry.kind] = Figures.add(totals[entry.kind] ?? 0, entry.amount) }
        marginUplift = totals[.marginUplift] ?? 0
        mdfBalance = totals[.mdf] ?? 0
        accesses = Set(totals.filter { !$0.key.isAmount && $0.value > 0 }.map(\.key))
    }
}

/// What a goal grants when achieved and withdraws when missed (DOMAIN §7).
public struct GoalBenefits: Hashable, Codable, Sendable {
    public var rewards: [BenefitTerms]
    public var consequences: [BenefitTerms]

    public init(rewards: [BenefitTerms] = [], consequences: [BenefitTerms] = []) {
        self.rewards = rewards
        self.consequences = consequences
    }

    public var isEmpty: Bool { rewards.isEmpty && consequences.isEmpty }

    /// What making a goal earns and missing it costs under the program's policy (§7): only the partner's own goals
    /// carry benefits (a vendor commitment rewards nobody), and the policy keeps rewards, consequences or both.
    public func atStake(ownerSide: Side, policy: MotivationPolicy) -> GoalBenefits {
        guard ownerSide == .partner else { return GoalBenefits() }
        return GoalBenefits(
            rewards: policy.grantsRewards ? rewards : [], consequences: policy.appliesConsequences ? consequences : [])
    }

    /// A goal's own terms, or else the program's default for the goal's metric category.
    public static func effective(own: GoalBenefits?, category: MetricCategory, defaults: [BenefitDefault]) -> GoalBenefits {
        if let own, !own.isEmpty { return own }
        return defaults.first { $0.category == category }?.benefits ?? GoalBenefits()
    }
}

/// The program's default rewards and consequences for one metric category.
public struct BenefitDefault: Hashable, Codable, Sendable {
    public var category: MetricCategory
    public var benefits: GoalBenefits

    public init(category: MetricCategory, benefits: GoalBenefits) {
        self.category = category
        self.benefits = benefits
    }
}

extension BenefitKind {
    public var label: String {
        switch self {
        case .marginUplift: "Margin uplift"
        case .mdf: "MDF"
        case .executiveBriefing: "Executive briefing access"
        case .coSelling: "Co-selling with direct sales"
        case .marketingSupport: "Extra marketing support"
        case .productAuthorization: "New product line authorization"
        case .certificationRecognition: "Certification recognition"
        }
    }
}

extension BenefitTerms {
    /// "Margin uplift +1.00 pt", "MDF 5,000.00 USD", "Co-selling with direct sales".
    public func text(currency: Currency) -> String {
        let name = detail.isEmpty ? kind.label : "\(kind.label) (\(detail))"
        switch kind {
        case .marginUplift: return "\(name) \(FixedPoint.format(amount, decimals: 2)) pt"
        case .mdf: return "\(name) \(Money(minorUnits: amount, currency: currency).formatted)"
        default: return name
        }
    }
}
