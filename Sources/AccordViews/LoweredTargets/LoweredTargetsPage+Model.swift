import Foundation

/// "Targets lowered this year" (DOMAIN §5.3): every explicit override of an agreed target in the vendor's fiscal year.
public enum LoweredTargetsPage {
    public struct Row: Sendable {
        public let goalID: UUID
        public let partnerID: UUID
        public let partnerName: String
        public let goal: String
        public let before: String
        public let after: String
        public let by: String
        public let at: String
        public let reason: String

        public init(
            goalID: UUID, partnerID: UUID, partnerName: String, goal: String, before: String, after: String, by: String, at: String,
            reason: String
        ) {
            self.goalID = goalID
            self.partnerID = partnerID
            self.partnerName = partnerName
            self.goal = goal
            self.before = before
            self.after = after
            self.by = by
            self.at = at
            self.reason = reason
        }
    }

    public struct Model: Sendable {
        public let chrome: PageChrome
        /// "FY2027 (1 Feb 2026 – 31 Jan 2027)".
        public let year: String
        public let rows: [Row]
        /// The channel manager the list is narrowed to, if any.
        public let channelManager: String?

        public init(chrome: PageChrome, year: String, rows: [Row], channelManager: String?) {
            self.chrome = chrome
            self.year = year
            self.rows = rows
            self.channelManager = channelManager
        }
    }
}
