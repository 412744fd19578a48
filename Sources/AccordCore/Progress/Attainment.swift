/// How far a goal is along (DOMAIN §6).
public enum Attainment {
    /// actual ÷ target, or target ÷ actual when lower is better; nil where the ratio is undefined.
    public static func ratio(actual: Int64, target: Int64, direction: Direction) -> Double? {
        switch direction {
        case .higherIsBetter: target > 0 ? Double(actual) / Double(target) : nil
        case .lowerIsBetter: actual > 0 ? Double(target) / Double(actual) : (target >= 0 ? 1 : nil)
        }
    }

    /// (actual − baseline) ÷ (target − baseline): how much of the agreed improvement is done.
    public static func improvementProgress(actual: Int64, baseline: Int64?, target: Int64) -> Double? {
        guard let baseline, target != baseline else { return nil }
        // In Double: the differences of two Int64 values can leave Int64.
        return (Double(actual) - Double(baseline)) / (Double(target) - Double(baseline))
    }
}
