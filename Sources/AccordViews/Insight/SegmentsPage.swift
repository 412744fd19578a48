import AccordCore
import Foundation
import Plot

/// Achievers, believers, deceivers and exit candidates on a 2×2 chart, with each believer's missing ingredient (DOMAIN §8).
public enum SegmentsPage {
    public struct Row: Sendable {
        public let partnerID: UUID
        public let name: String
        public let businessModel: String
        public let revenue: String
        public let commitment: Double
        public let performance: Double
        public let segment: Segment
        /// e.g. ("Marketing campaigns run", "1", "4", 0.25, 3) for a believer.
        public let missing: (metric: String, value: String, achieverMedian: String, ratio: Double, peers: Int)?
        public let comparablePeers: Int
        public let history: [String: Segment]

        public init(
            partnerID: UUID, name: String, businessModel: String, revenue: String, commitment: Double, performance: Double,
            segment: Segment, missing: (metric: String, value: String, achieverMedian: String, ratio: Double, peers: Int)?,
            comparablePeers: Int, history: [String: Segment]
        ) {
            self.partnerID = partnerID
            self.name = name
            self.businessModel = businessModel
            self.revenue = revenue
            self.commitment = commitment
            self.performance = performance
            self.segment = segment
            self.missing = missing
            self.comparablePeers = comparablePeers
            self.history = history
        }
    }

    public struct Model: Sendable {
        public let chrome: PageChrome
        public let period: String
        public let periods: [String]
        public let thresholds: SegmentThresholds
        public let rows: [Row]
        /// The ended vendor quarters with saved segments, oldest first.
        public let historyPeriods: [String]

        public init(
            chrome: PageChrome, period: String, periods: [String], thresholds: SegmentThresholds, rows: [Row], historyPeriods: [String]
        ) {
            self.chrome = chrome
            self.period = period
            self.periods = periods
            self.thresholds = thresholds
            self.rows = rows
            self.historyPeriods = historyPeriods
        }
    }

    public static func render(_ model: Model) -> String {
        let believers = model.rows.filter { $0.segment == .believer }
        return PageLayout.render(title: "Segments", section: .insight, chrome: model.chrome) {
            InsightTabs.node(.segments)
            BodyNode.h1(.text("Segments · \(model.period)"))
            BodyNode.p(
                .class("subtitle"),
                .text(
                    "Commitment (goals agreed rather than declined or left to lapse, a current joint plan, reviews held, activity goals progressing) "
                        + "against performance (attainment of agreed goals, revenue growth over the baseline). Thresholds: commitment "
                        + "\(Format.number(model.thresholds.commitment)), performance \(Format.number(model.thresholds.performance))."))
            BodyNode.form(
                .class("filters"), .method(.get), .action(SiteURL.segments().path),
                Form.select("period", label: "Vendor period", selected: model.period, options: model.periods.map { ($0, $0) }),
                .div(.class("filter-actions"), .button(.type(.submit), .class("button secondary"), "Show"))
            )
            BodyNode.div(
                .class("cards"),
                .forEach(Segment.allCases) { segment in
                    .div(
                        .class("card"),
                        .div(
                            .class("figure"), .span(.class("badge seg-\(segment.rawValue)"), .text(segment.label)),
                            .text(" \(model.rows.filter { $0.segment == segment }.count)")),
                        .div(.class("caption"), .text(segment.advice)))
                }
            )
            BodyNode.h2("The program's partners")
            BodyNode.if(
                model.rows.isEmpty, .div(.class("empty"), "No partners yet."),
                else: .raw(scatter(model.rows, thresholds: model.thresholds)))
            BodyNode.h2("Believers and their missing ingredient")
            BodyNode.if(
                believers.isEmpty, .div(.class("empty"), "No believers this period."),
                else: .div(
                    .class("table-wrap"),
                    .table(
                        .tr(.th("Partner"), .th("Model"), .th(.class("num"), "Revenue"), .th("Missing ingredient"), .th("Why")),
                        .forEach(believers) { row in
                            .tr(
                                .td(.a(.href(SiteURL.partner(row.partnerID).path), .text(row.name))),
                                .td(.text(row.businessModel)), .td(.class("num"), .text(row.revenue)),
                                .td(.unwrap(row.missing, { .strong(.text($0.metric)) }, else: .span(.class("muted"), "—"))),
                                .td(
                                    .unwrap(
                                        row.missing,
                                        { m in
                                            .text(
                                                "\(m.value) this period against a median of \(m.achieverMedian) among \(m.peers) achiever\(m.peers == 1 ? "" : "s") "
                                                    + "of similar size and the same model (\(Format.percent(m.ratio)) of theirs)")
                                        },
                                        else: .span(
                                            .class("muted"),
                                            .text(
                                                row.comparablePeers == 0
                                                    ? "No achiever of similar size and the same model to compare with yet."
                                                    : "Level with comparable achievers on every activity and capability metric.")))))
                        }))
            )
            BodyNode.h2("Every partner")
            BodyNode.div(
                .class("table-wrap"),
                .table(
                    .tr(
                        .th("Partner"), .th("Segment"), .th(.class("num"), "Commitment"), .th(.class("num"), "Performance"),
                        .forEach(model.historyPeriods.suffix(4)) { .th(.class("hide-narrow"), .text($0)) }),
                    .forEach(model.rows) { row in
                        .tr(
                            .td(.a(.href(SiteURL.partner(row.partnerID).path), .text(row.name))),
                            .td(.span(.class("badge seg-\(row.segment.rawValue)"), .text(row.segment.label))),
                            .td(.class("num"), .text(Format.number(row.commitment))),
                            .td(.class("num"), .text(Format.number(row.performance))),
                            .forEach(model.historyPeriods.suffix(4)) { period in
                                .td(
                                    .class("hide-narrow"),
                                    .unwrap(row.history[period], { .text($0.label) }, else: .span(.class("muted"), "—")))
                            })
                    })
            )
        }
    }

    /// Commitment across, performance up; the thresholds split the chart into the four segments.
    static func scatter(_ rows: [Row], thresholds: SegmentThresholds) -> String {
        let size = 420.0, pad = 36.0
        let scale = { (v: Double) in pad + min(max(v, 0), 100) / 100 * (size - 2 * pad) }
        let f = { (v: Double) in String(format: "%.1f", v) }
        let tx = scale(thresholds.commitment)
        let ty = size - scale(thresholds.performance)
        var svg =
            "<svg class=\"chart scatter\" viewBox=\"0 0 \(Int(size)) \(Int(size))\" role=\"img\" aria-label=\"Partners by commitment and performance\" xmlns=\"http://www.w3.org/2000/svg\"><title>Partners by commitment and performance</title>"
        svg += "<rect class=\"quadrant q-deceiver\" x=\"\(f(pad))\" y=\"\(f(pad))\" width=\"\(f(tx - pad))\" height=\"\(f(ty - pad))\"/>"
        svg +=
            "<rect class=\"quadrant q-achiever\" x=\"\(f(tx))\" y=\"\(f(pad))\" width=\"\(f(size - pad - tx))\" height=\"\(f(ty - pad))\"/>"
        svg += "<rect class=\"quadrant q-exit\" x=\"\(f(pad))\" y=\"\(f(ty))\" width=\"\(f(tx - pad))\" height=\"\(f(size - pad - ty))\"/>"
        svg +=
            "<rect class=\"quadrant q-believer\" x=\"\(f(tx))\" y=\"\(f(ty))\" width=\"\(f(size - pad - tx))\" height=\"\(f(size - pad - ty))\"/>"
        let labels: [(String, Double, Double)] = [
            ("Deceivers", pad + 6, pad + 14), ("Achievers", size - pad - 6, pad + 14), ("Exit candidates", pad + 6, size - pad - 6),
            ("Believers", size - pad - 6, size - pad - 6),
        ]
        for (text, x, y) in labels {
            svg +=
                "<text class=\"quadrant-label\" x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(x > size / 2 ? "end" : "start")\">\(text)</text>"
        }
        svg += "<text class=\"axis-label\" x=\"\(f(size / 2))\" y=\"\(f(size - 8))\" text-anchor=\"middle\">Commitment →</text>"
        svg +=
            "<text class=\"axis-label\" x=\"12\" y=\"\(f(size / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 12 \(f(size / 2)))\">Performance →</text>"
        for row in rows {
            svg +=
                "<circle class=\"dot seg-\(row.segment.rawValue)\" cx=\"\(f(scale(row.commitment)))\" cy=\"\(f(size - scale(row.performance)))\" r=\"6\"><title>\(Format.escape(row.name)): commitment \(Format.number(row.commitment)), performance \(Format.number(row.performance))</title></circle>"
        }
        return svg + "</svg>"
    }
}
