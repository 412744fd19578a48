import Foundation

/// A small vertical bar chart as inline SVG, with a title, value labels and category labels.
public struct BarChart: Sendable {
    public let title: String
    public let bars: [(label: String, value: Int, cssClass: String)]

    public init(title: String, bars: [(label: String, value: Int, cssClass: String)]) {
        self.title = title
        self.bars = bars
    }

    public func svg() -> String {
        let width = 640.0, height = 220.0, left = 16.0, bottom = 40.0, top = 24.0
        let slot = (width - 2 * left) / Double(max(bars.count, 1))
        let peak = Double(max(bars.map(\.value).max() ?? 1, 1))
        var out =
            "<svg class=\"chart bars\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(Format.escape(title))\" xmlns=\"http://www.w3.org/2000/svg\"><title>\(Format.escape(title))</title>"
        for (i, bar) in bars.enumerated() {
            let h = Double(bar.value) / peak * (height - top - bottom)
            let x = left + Double(i) * slot + slot * 0.15
            let y = height - bottom - h
            let f = { (v: Double) in String(format: "%.1f", v) }
            out +=
                "<rect class=\"bar \(bar.cssClass)\" x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(slot * 0.7))\" height=\"\(f(h))\"><title>\(Format.escape(bar.label)): \(bar.value)</title></rect>"
            out += "<text class=\"axis-label\" x=\"\(f(x + slot * 0.35))\" y=\"\(f(y - 6))\" text-anchor=\"middle\">\(bar.value)</text>"
            out +=
                "<text class=\"axis-label\" x=\"\(f(x + slot * 0.35))\" y=\"\(f(height - bottom + 18))\" text-anchor=\"middle\">\(Format.escape(bar.label))</text>"
        }
        return out
            + "<line class=\"grid\" x1=\"\(left)\" x2=\"\(width - left)\" y1=\"\(height - bottom)\" y2=\"\(height - bottom)\"/></svg>"
    }
}
