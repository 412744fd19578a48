import Foundation

/// Where a partner is in its life with the vendor (DOMAIN §3).
public enum LifecycleStage: String, Codable, Sendable, CaseIterable, Comparable {
    case recruited, onboarding, developing, established, declining, exited

    private var order: Int { LifecycleStage.allCases.firstIndex(of: self)! }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.order < rhs.order }

    public var label: String { rawValue.capitalized }

    /// The moves a partner can make: forward one step, a declining partner recovering,
    /// or exiting from anywhere. An exited partner stays exited.
    public func canMove(to next: LifecycleStage) -> Bool {
        guard self != .exited, next != self else { return false }
        if next == .exited { return true }
        if self == .declining { return next == .established || next == .developing }
        return LifecycleStage.allCases.firstIndex(of: next) == order + 1
    }

    /// New partners work on enablement before revenue (DOMAIN §5.4).
    public var isEarly: Bool { self == .recruited || self == .onboarding }
    /// Partners expected to grow (DOMAIN §5.4).
    public var expectsGrowth: Bool { self == .developing || self == .established }
}

/// A recorded stage change: history is kept, never overwritten (DOMAIN §3).
public struct StageChange: Hashable, Codable, Sendable {
    public let from: LifecycleStage
    public let to: LifecycleStage
    public let on: Day
    public let by: String
    public let reason: String

    /// Rebuilds a change that was validated when it was recorded.
    public init(from: LifecycleStage, to: LifecycleStage, on: Day, by: String, reason: String) {
        self.from = from
        self.to = to
        self.on = on
        self.by = by
        self.reason = reason
    }

    /// Validates the move and the reason.
    public static func make(
        from: LifecycleStage, to: LifecycleStage, on day: Day, by actor: String, reason: String
    ) throws(PartnerError) -> StageChange {
        guard from.canMove(to: to) else { throw .stageChange(from: from, to: to) }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw .stageChangeNeedsReason }
        return StageChange(from: from, to: to, on: day, by: actor, reason: reason)
    }
}
