import Foundation

/// Checked arithmetic for every figure Accord computes from stored values (Standards: no input stops Accord).
///
/// Values are bounded where they come in (`FigureLimits`), so real sums stay far from `Int64`'s ends; these
/// functions make sure that a sum, product or conversion that would leave `Int64` never traps and never wraps:
/// it stops at `Int64.max` (or `.min`), which `isSaturated` recognises and formatting shows as "over …".
public enum Figures {
    /// `a + b`, stopping at Int64's ends.
    public static func add(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard overflow else { return sum }
        return b > 0 ? .max : .min
    }

    /// `a − b`, stopping at Int64's ends.
    public static func subtract(_ a: Int64, _ b: Int64) -> Int64 {
        let (difference, overflow) = a.subtractingReportingOverflow(b)
        guard overflow else { return difference }
        return b < 0 ? .max : .min
    }

    /// `a × b`, stopping at Int64's ends.
    public static func multiply(_ a: Int64, _ b: Int64) -> Int64 {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        guard overflow else { return product }
        return (a < 0) == (b < 0) ? .max : .min
    }

    /// The sum of `values`: exact whenever the total fits in Int64 (added up in 128 bits, so a large term and a
    /// negative one cancel as they should), else stopped at the end it passed.
    public static func sum<S: Sequence>(_ values: S) -> Int64 where S.Element == Int64 {
        sum(values) { $0 }
    }

    /// The sum of a figure over `items`, as `sum(_:)`.
    public static func sum<S: Sequence>(_ items: S, _ figure: (S.Element) -> Int64) -> Int64 {
        // 2^64 terms of Int64 would be needed to leave Int128: no sequence in memory has that many.
        let total = items.reduce(Int128(0)) { $0 + Int128(figure($1)) }
        if total > Int128(Int64.max) { return .max }
        if total < Int128(Int64.min) { return .min }
        return Int64(total)
    }

    /// `a ÷ b` rounded half away from zero; nil when `b` is zero. (`Int64.min ÷ −1` stops at `.max`.)
    public static func divideRounded(_ a: Int64, _ b: Int64) -> Int64? {
        guard b != 0 else { return nil }
        guard !(a == .min && b == -1) else { return .max }
        let (quotient, remainder) = a.quotientAndRemainder(dividingBy: b)
        // |remainder| ≥ |b| − |remainder| ⇔ the remainder is at least half of b, without computing 2 × remainder.
        guard remainder.magnitude >= b.magnitude - remainder.magnitude else { return quotient }
        return (a < 0) == (b < 0) ? quotient + 1 : quotient - 1
    }

    /// A computed figure (a forecast, an expected-to-date, a share of a plan) as whole minor units: rounded to the
    /// nearest, stopping at Int64's ends; a value that is not a number (0 ÷ 0) is nil.
    public static func rounded(_ value: Double) -> Int64? {
        guard !value.isNaN else { return nil }
        let whole = value.rounded()
        // 2^63 is exactly representable as a Double; Int64.max (2^63 − 1) is not, so compare against 2^63.
        if whole >= 9_223_372_036_854_775_808.0 { return .max }
        if whole <= -9_223_372_036_854_775_808.0 { return .min }
        return Int64(whole)
    }

    /// `rounded(value)`, with 0 for a value that is not a number.
    public static func roundedOrZero(_ value: Double) -> Int64 { rounded(value) ?? 0 }

    /// `value` rounded down to whole minor units, stopping at Int64's ends (NaN is 0).
    public static func roundedDown(_ value: Double) -> Int64 { rounded(value.rounded(.down)) ?? 0 }

    /// `value` rounded up to whole minor units, stopping at Int64's ends (NaN is 0).
    public static func roundedUp(_ value: Double) -> Int64 { rounded(value.rounded(.up)) ?? 0 }

    /// Whether a figure stopped at one of Int64's ends instead of being exact.
    public static func isSaturated(_ value: Int64) -> Bool { value == .max || value == .min }
}
