/// The bands the overview counts active goals in by attainment so far (DOMAIN §6): under half, half to the at-risk
/// line, up to the target, beyond it, and far beyond.
public struct AttainmentBuckets: Sendable {
    public struct Bucket: Sendable {
        public let label: String
        /// `lower..<upper`; infinite at the open ends.
        public let lower: Double
        public let upper: Double
    }

    public static let standard: [Bucket] = [
        Bucket(label: "< 50 %", lower: -.infinity, upper: 0.5), Bucket(label: "50–80 %", lower: 0.5, upper: 0.8),
        Bucket(label: "80–100 %", lower: 0.8, upper: 1.0), Bucket(label: "100–120 %", lower: 1.0, upper: 1.2),
        Bucket(label: "≥ 120 %", lower: 1.2, upper: .infinity),
    ]
}
