import AccordCore
import Foundation

/// Cumulative actual against the seasonality-shaped expected line over a goal's period, as inline SVG.
public struct GoalChart: Sendable {
    public let title: String
    public let start: Day
    public let end: Day
    public let target: Double
    public let expected: [(day: Day, value: Double)]
    public let actual: [(day: Day, value: Double)]
    public let asOf: Day
    public let format: @Sendable (Double) -> String
    /// Where the actual line starts: zero for sums, the level reached before the period for levels.
    public let initial: Double

    public init(
        title: String, start: Day, end: Day, target: Double, expected: [(day: Day, value: Double)],
        actual: [(day: Day, value: Double)], asOf: Day, format: @escaping @Sendable (Double) -> String, initial: Double = 0
    ) {
        self.initial = initial
        self.title = title
        self.start = start
        self.end = end
        self.target = target
        self.expected = expected
        self.actual = actual
        self.asOf = asOf
        self.format = format
    }

    static let width = 640.0
    static let height = 240.0
    static let left = 84.0
    static let right = 16.0
    static let top = 16.0
    static let bottom = 52.0

    public func svg() -> String {
        let w = Self.width, h = Self.height
        let plotW = w - Self.left - Self.right
        let plotH = h - Self.top - Self.bottom
        let days = Double(max(start.distance(to: end) - 1, 1))
        let maxValue = max(target, actual.map(\.value).max() ?? 0, expected.map(\.value).max() ?? 0, initial, 1) * 1.08
        func x(_ day: Day) -> Double { Self.left + Double(start.distance(to: day)) / days * plotW }
        func y(_ value: Double) -> Double { Self.top + plotH - value / maxValue * plotH }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }

        var parts: [String] = []
        parts.append(
            "<svg class=\"chart\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" role=\"img\" aria-labelledby=\"t\(id)\" xmlns=\"http://www.w3.org/2000/svg\">"
        )
        parts.append("<title id=\"t\(id)\">\(Format.escape(title))</title>")
        for i in 0...4 {
            let value = maxValue / 4 * Double(i)
            parts.append(
                "<line class=\"grid\" x1=\"\(f(Self.left))\" x2=\"\(f(w - Self.right))\" y1=\"\(f(y(value)))\" y2=\"\(f(y(value)))\"/>")
            parts.append(
                "<text class=\"axis-label\" x=\"\(f(Self.left - 8))\" y=\"\(f(y(value) + 4))\" text-anchor=\"end\">\(Format.escape(format(value)))</text>"
            )
        }
        let lastDay = end.advanced(by: -1)
        for (day, anchor) in [(start, "start"), (start.advanced(by: Int(days / 2)), "middle"), (lastDay, "end")] {
            parts.append(
                "<text class=\"axis-label\" x=\"\(f(x(day)))\" y=\"\(f(h - Self.bottom + 18))\" text-anchor=\"\(anchor)\">\(day.iso)</text>"
            )
        }
        parts.append(
            "<line class=\"target\" x1=\"\(f(Self.left))\" x2=\"\(f(w - Self.right))\" y1=\"\(f(y(target)))\" y2=\"\(f(y(target)))\"/>")
        if !expected.isEmpty {
            let points = expected.map { "\(f(x($0.day))),\(f(y($0.value)))" }.joined(separator: " ")
            parts.append("<polyline class=\"expected\" points=\"\(points)\"/>")
        }
        if !actual.isEmpty || initial > 0 {
            // A step line: the actual holds its value until the next day that changes it.
            var steps: [(Day, Double)] = [(start, initial)]
            for point in actual {
                if let last = steps.last { steps.append((point.day, last.1)) }
                steps.append((point.day, point.value))
            }
            let through = min(asOf, lastDay)
            if let last = steps.last, through > last.0 { steps.append((through, last.1)) }
            let points = steps.map { "\(f(x($0.0))),\(f(y($0.1)))" }.joined(separator: " ")
            parts.append("<polyline class=\"actual\" points=\"\(points)\"/>")
        }
        if asOf >= start && asOf < end {
            parts.append(
                "<line class=\"today\" x1=\"\(f(x(asOf)))\" x2=\"\(f(x(asOf)))\" y1=\"\(f(Self.top))\" y2=\"\(f(h - Self.bottom))\"/>")
        }
        let legendY = h - 12
        parts.append(
            "<g class=\"legend\"><line class=\"actual\" x1=\"\(f(Self.left))\" x2=\"\(f(Self.left + 24))\" y1=\"\(f(legendY - 4))\" y2=\"\(f(legendY - 4))\"/><text x=\"\(f(Self.left + 30))\" y=\"\(f(legendY))\">Actual</text>"
                + "<line class=\"expected\" x1=\"\(f(Self.left + 100))\" x2=\"\(f(Self.left + 124))\" y1=\"\(f(legendY - 4))\" y2=\"\(f(legendY - 4))\"/><text x=\"\(f(Self.left + 130))\" y=\"\(f(legendY))\">Expected to date</text>"
                + "<line class=\"target\" x1=\"\(f(Self.left + 260))\" x2=\"\(f(Self.left + 284))\" y1=\"\(f(legendY - 4))\" y2=\"\(f(legendY - 4))\"/><text x=\"\(f(Self.left + 290))\" y=\"\(f(legendY))\">Target \(Format.escape(format(target)))</text></g>"
        )
        parts.append("</svg>")
        return parts.joined()
    }

    /// A stable id for the title element, unique per chart on a page.
    private var id: String {
        var hash: UInt64 = 1469598103934665603
        for byte in title.utf8 { hash = (hash ^ UInt64(byte)) &* 1099511628211 }
        return String(hash % 1_000_000_007)
    }
}
