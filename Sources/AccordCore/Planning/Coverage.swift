import Foundation

/// The coverage report (DOMAIN §9): agreed revenue goals against the top-down plan, by region, solution and channel
/// manager, and the partners whose expectation exceeds what they agreed — topics for a planning conversation.
public struct CoverageReport: Sendable {
    public struct PartnerLine: Hashable, Sendable {
        public let partnerID: UUID
        public let partnerName: String
        public let region: String
        public let channelManager: String
        /// Internal planning expectation per solution.
        public let expectationBySolution: [String: Int64]
        /// Agreed revenue goals falling in the period (partner-side revenue goals, agreed or later).
        public let agreed: Int64
        /// Agreed goals that echo the expectation within 2 % (counted, not hidden).
        public let echoGoals: Int

        public init(
            partnerID: UUID, partnerName: String, region: String, channelManager: String, expectationBySolution: [String: Int64],
            agreed: Int64, echoGoals: Int
        ) {
            self.partnerID = partnerID
            self.partnerName = partnerName
            self.region = region
            self.channelManager = channelManager
            self.expectationBySolution = expectationBySolution
            self.agreed = agreed
            self.echoGoals = echoGoals
        }

        public var expectation: Int64 { Figures.sum(expectationBySolution.values) }
        public var gap: Int64 { Figures.subtract(expectation, agreed) }
    }

    public struct Group: Hashable, Sendable {
        public let name: String
        public let expectation: Int64
        public let agreed: Int64

        /// Agreed ÷ expectation, nil when nothing is expected.
        public var coverage: Double? { expectation > 0 ? Double(agreed) / Double(expectation) : nil }
    }

    public let plan: Int64
    public let lines: [PartnerLine]

    public init(plan: Int64, lines: [PartnerLine]) {
        self.plan = plan
        self.lines = lines
    }

    public var agreed: Int64 { Figures.sum(lines, \.agreed) }
    public var coverage: Double? { plan > 0 ? Double(agreed) / Double(plan) : nil }
    public var echoGoals: Int { lines.reduce(0) { $0 + $1.echoGoals } }

    public var byRegion: [Group] { groups { [($0.region, $0.expectation, $0.agreed)] } }
    public var byChannelManager: [Group] { groups { [($0.channelManager, $0.expectation, $0.agreed)] } }

    /// A partner's agreed goals are split over solutions in the proportions of its expectation.
    public var bySolution: [Group] {
        groups { line in
            let total = line.expectation
            return line.expectationBySolution.map { solution, amount in
                (solution, amount, total > 0 ? Figures.roundedOrZero(Double(line.agreed) * Double(amount) / Double(total)) : 0)
            }
        }
    }

    /// Partners expected to bring more than they agreed, largest gap first: conversation topics, not quotas.
    public var conversationTopics: [PartnerLine] {
        lines.filter { $0.gap > 0 }.sorted { ($0.gap, $1.partnerName) > ($1.gap, $0.partnerName) }
    }

    private func groups(_ split: (PartnerLine) -> [(String, Int64, Int64)]) -> [Group] {
        var totals: [String: (Int64, Int64)] = [:]
        for line in lines {
            for (name, expectation, agreed) in split(line) {
                let sum = totals[name, default: (0, 0)]
                totals[name] = (Figures.add(sum.0, expectation), Figures.add(sum.1, agreed))
            }
        }
        return totals.map { Group(name: $0.key, expectation: $0.value.0, agreed: $0.value.1) }.sorted { $0.name < $1.name }
    }
}
