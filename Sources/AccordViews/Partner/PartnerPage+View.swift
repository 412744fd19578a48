import AccordCore
import Plot

extension PartnerPage {
    public static func render(_ model: Model) -> String {
        PageLayout.render(title: model.name, section: .partner, chrome: model.chrome) {
            BodyNode.if(model.chrome.isVendor, .p(.a(.href(SiteURL.overview.path), "← Program overview")))
            BodyNode.h1(.text(model.name))
            BodyNode.div(
                .class("meta"),
                .span(.text("Key \(model.externalKey)")),
                .span(.text(model.stage.label)),
                .span(.text(model.businessModel)),
                .span(.text(model.region)),
                .span(.text("Tier \(model.tier)")),
                .span(.text("Channel manager \(model.channelManager)"))
            )
            BodyNode.div(
                .class("cards"),
                OverviewPage.card(Format.percent(model.shareOfWallet), "share of wallet (revenue with us ÷ company revenue)"),
                OverviewPage.card(Format.percent(model.trainedShare), "engineers certified"),
                OverviewPage.card("\(model.goals.filter { $0.status.isCommitted }.count)", "goals agreed for \(model.periodLabel)")
            )
            BodyNode.h2(.text("Goals for \(model.periodLabel)"))
            BodyNode.p(
                .class("subtitle"),
                .text("Partner calendar: \(model.vendorPeriods) · "),
                .a(.href(SiteURL.partner(model.partnerID, period: model.previousPeriod).path), .text("← \(model.previousPeriod)")),
                .text(" · "),
                .a(.href(SiteURL.partner(model.partnerID, period: model.nextPeriod).path), .text("\(model.nextPeriod) →"))
            )
            BodyNode.forEach(model.issues) { .div(.class("notice"), .text($0)) }
            goals(model)
        }
    }

    static func goals(_ model: Model) -> Node<HTML.BodyContext> {
        guard !model.goals.isEmpty else {
            return .div(
                .class("empty"), .text("No goals for \(model.periodLabel) yet. Goals are proposed by either side and agreed by both."))
        }
        return .forEach(model.goals) { line in
            .div(
                .class("goal"),
                .div(
                    .class("goal-head"),
                    .h3(
                        .text(line.metricName),
                        .span(.class("badge"), .text(line.ownerSide == .vendor ? "Vendor commitment" : line.category))),
                    .div(
                        .span(.class("badge"), .text(Format.goalStatusLabel(line.status))),
                        .if(
                            line.status == .active || line.status == .achieved,
                            .span(.class("badge " + Format.statusClass(line.pacing.status)), .text(line.pacing.status.label))),
                        .if(line.carriedForward, .span(.class("badge carried"), "Carried forward")),
                        .if(line.lowered, .span(.class("badge lapsed"), "Target lowered by override")),
                        .unwrap(line.awaiting) { .span(.class("badge"), .text("Awaiting \($0.rawValue)")) }
                    )
                ),
                .p(.class("behaviour"), .text(line.behaviour)),
                .div(
                    .class("goal-figures"),
                    figure("Target", line.target),
                    figure("Baseline", line.baseline),
                    figure("Actual", line.actual),
                    figure("Attainment", Format.percent(line.attainment)),
                    figure("Improvement done", Format.improvement(line.improvementProgress))
                ),
                ProgressBar.node(
                    attainment: line.attainment, expectedShare: line.pacing.elapsedShare, status: line.pacing.status,
                    label: "\(line.metricName): \(Format.percent(line.attainment)) of target"),
                .unwrap(line.chart) { .raw($0.svg()) }
            )
        }
    }

    static func figure(_ label: String, _ value: String) -> Node<HTML.BodyContext> {
        .div(.span(.class("label"), .text(label)), .text(value))
    }
}
