import Foundation

/// One explicit lowering of an agreed target (DOMAIN §5.3): what a "targets lowered this year" report lists.
public struct LoweredTarget: Hashable, Sendable {
    public let goalID: UUID
    public let partnerID: UUID
    public let partnerName: String
    public let channelManager: String
    public let metricKey: String
    public let period: Period
    public let from: Int64
    public let to: Int64
    public let reason: String
    public let actor: Actor
    public let at: Date

    public init(
        goalID: UUID, partnerID: UUID, partnerName: String, channelManager: String, metricKey: String, period: Period, from: Int64,
        to: Int64, reason: String, actor: Actor, at: Date
    ) {
        self.goalID = goalID
        self.partnerID = partnerID
        self.partnerName = partnerName
        self.channelManager = channelManager
        self.metricKey = metricKey
        self.period = period
        self.from = from
        self.to = to
        self.reason = reason
        self.actor = actor
        self.at = at
    }

    /// "This year" of the report: the vendor's fiscal year holding `today`, as the moments an override can carry
    /// (midnight UTC of its first day up to midnight UTC after its last).
    public static func reportYear(of calendar: FiscalCalendar, today: Day) -> (year: Period, from: Date, to: Date) {
        let year = calendar.period(.year, containing: today)
        return (year, year.start.midnightUTC, year.end.midnightUTC)
    }
}
