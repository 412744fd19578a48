import AccordCore
import Foundation
import Plot

extension GoalPage {
    public static func render(_ model: Model) -> String {
        PageLayout.render(title: "\(model.metricName), \(model.periodLabel)", section: .partner, chrome: model.chrome) {
            BodyNode.p(
                .a(
                    .href(SiteURL.partner(model.partnerID, period: model.periodLabel).path),
                    .text("← \(model.partnerName), \(model.periodLabel)")))
            BodyNode.h1(.text("\(model.metricName) · \(model.periodLabel)"))
            BodyNode.div(
                .class("meta"),
                .span(.class("badge"), .text(Format.goalStatusLabel(model.status))),
                .if(model.ownerSide == .vendor, .span(.class("badge"), "Vendor commitment")),
                .unwrap(model.awaiting) { .span(.class("badge"), .text("Awaiting the \($0.rawValue)")) },
                .if(model.lapsed, .span(.class("badge lapsed"), "Unanswered past the response window")),
                .if(model.carriedFrom != nil, .span(.class("badge carried"), "Carried forward")),
                .span(.text(model.vendorPeriods))
            )
            BodyNode.div(
                .class("cards"),
                OverviewPage.card(model.target, "target"),
                OverviewPage.card(model.baseline, "baseline to beat: " + model.baselineSource),
                OverviewPage.card(model.closingActual ?? "—", "actual at period close")
            )
            BodyNode.p(.class("behaviour"), .text("Behaviour it motivates: " + model.behaviour))
            BodyNode.unwrap(model.objective) { .p(.class("muted"), .text("Serves: " + $0)) }
            BodyNode.unwrap(model.echoWarning) { .div(.class("notice echo"), .text($0)) }
            BodyNode.if(
                !model.rewards.isEmpty || !model.consequences.isEmpty,
                .div(
                    .class("card benefits-terms"),
                    .if(!model.rewards.isEmpty, .p(.strong("Achieving it grants: "), .text(model.rewards.joined(separator: " · ")))),
                    .if(
                        !model.consequences.isEmpty,
                        .p(.strong("Missing it withdraws: "), .text(model.consequences.joined(separator: " · "))))))
            BodyNode.unwrap(model.declineReason) { .div(.class("notice"), .text("Declined: " + ($0.isEmpty ? "no reason given" : $0))) }
            BodyNode.unwrap(model.carriedFrom) { id in
                .p(
                    .class("carried-note"), .unwrap(model.carryForwardNote) { .text($0 + " ") },
                    .a(.href(SiteURL.goal(id).path), "The missed goal this one continues"))
            }
            actions(model)
            BodyNode.h2("Revisions and acceptances")
            revisions(model)
            BodyNode.if(!model.overrides.isEmpty, .h2("Target lowered by override"))
            BodyNode.if(
                !model.overrides.isEmpty,
                .div(
                    .class("table-wrap"),
                    .table(
                        .tr(.th("When"), .th("From"), .th("To"), .th("By"), .th("Reason")),
                        .forEach(model.overrides) { o in
                            .tr(.td(.text(stamp(o.at))), .td(.text(o.from)), .td(.text(o.to)), .td(.text(o.who)), .td(.text(o.reason)))
                        }
                    )
                )
            )
            BodyNode.h2("Audit trail")
            audit(model)
        }
    }

    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }

    static func hidden(_ model: Model) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name("_csrf"), .value(Format.attribute(model.chrome.csrf ?? "")))
    }

    static func actions(_ model: Model) -> BodyNode {
        let a = model.actions
        guard a.any else { return .empty }
        return .div(
            .class("actions card"),
            .h2(.text(a.accept ? "Your answer" : "What you can do")),
            .unwrap(model.errors["form"]) { .div(.class("notice error"), .attribute(named: "role", value: "alert"), .text($0)) },
            .div(
                .class("action-row"),
                .if(
                    a.accept,
                    .form(
                        .method(.post), .action(SiteURL.goalAction(model.goalID, "accept").path), hidden(model),
                        .button(.type(.submit), .class("button"), .text("Accept \(model.target)")))),
                .if(
                    a.send,
                    .form(
                        .method(.post), .action(SiteURL.goalAction(model.goalID, "send").path), hidden(model),
                        .button(.type(.submit), .class("button"), "Send to the other side"))),
                .if(
                    a.withdraw,
                    .form(
                        .method(.post), .action(SiteURL.goalAction(model.goalID, "withdraw").path), hidden(model),
                        .button(.type(.submit), .class("button secondary"), "Withdraw")))
            ),
            .if(
                a.counter,
                .form(
                    .class("inline-form"), .method(.post), .action(SiteURL.goalAction(model.goalID, "counter").path), hidden(model),
                    .h3("Counter-propose"),
                    Form.field(
                        "target", label: "Your target", value: model.typed["target"] ?? model.targetPlain, type: .text, autocomplete: "off",
                        error: model.errors["target"]),
                    Form.textArea(
                        "behaviour", label: "Behaviour it motivates (optional change)", value: model.typed["behaviour"] ?? "",
                        error: model.errors["behaviour"]),
                    .button(.type(.submit), .class("button secondary"), "Send counter-proposal")
                )
            ),
            .if(
                a.decline,
                .form(
                    .class("inline-form"), .method(.post), .action(SiteURL.goalAction(model.goalID, "decline").path), hidden(model),
                    .h3("Decline"),
                    Form.textArea(
                        "reason", label: "Why (shared with the other side)", value: model.typed["reason"] ?? "",
                        error: model.errors["reason"]),
                    .button(.type(.submit), .class("button danger"), "Decline")
                )
            ),
            .if(
                a.lower,
                .form(
                    .class("inline-form"), .method(.post), .action(SiteURL.goalAction(model.goalID, "lower").path), hidden(model),
                    .h3("Lower the target (program admin override)"),
                    .p(
                        .class("hint"),
                        "Accord never lowers a goal by itself. An override is recorded with your name and reason and counted in reports."),
                    Form.field(
                        "target", label: "New target", value: model.typed["lower-target"] ?? "", type: .text, autocomplete: "off",
                        error: model.errors["lower-target"]),
                    Form.textArea(
                        "reason", label: "Reason (required)", value: model.typed["lower-reason"] ?? "", error: model.errors["lower-reason"]),
                    .button(.type(.submit), .class("button danger"), "Lower the target")
                )
            )
        )
    }

    static func revisions(_ model: Model) -> BodyNode {
        .div(
            .class("table-wrap"),
            .table(
                .tr(.th("#"), .th("Target"), .th("Proposed by"), .th("How"), .th("Accepted by"), .th(.class("hide-narrow"), "Behaviour")),
                .forEach(model.revisions.reversed()) { r in
                    .tr(
                        .td(.text("\(r.number)")),
                        .td(.text(r.target)),
                        // A carry-forward is the rule's (DOMAIN §5.3), not a side's, and nobody accepted it: it keeps the
                        // agreement of the missed goal it continues.
                        .td(
                            .text(
                                r.origin == .carryForward
                                    ? "\(r.author), \(stamp(r.at))" : "\(r.author) (\(r.authorSide.rawValue)), \(stamp(r.at))")),
                        .td(.text(r.origin.rawValue.replacingOccurrences(of: "_", with: " "))),
                        .td(
                            .if(
                                r.origin == .carryForward && r.acceptedBy.isEmpty,
                                .text("Agreed by the no-lowering rule: the missed goal's agreement carries over")),
                            .if(r.acceptedBy.isEmpty && r.origin != .carryForward, .text("—")),
                            .forEach(r.acceptedBy) { a in .div(.text("\(a.name) (\(a.side.rawValue)), \(stamp(a.at))")) }
                        ),
                        .td(.class("hide-narrow"), .text(r.behaviour))
                    )
                }
            )
        )
    }

    static func audit(_ model: Model) -> BodyNode {
        guard !model.audit.isEmpty else { return .div(.class("empty"), "No changes recorded.") }
        return .div(
            .class("table-wrap"),
            .table(
                .tr(.th("When"), .th("Who"), .th("What"), .th("Changes"), .th("Reason")),
                .forEach(model.audit) { line in
                    .tr(
                        .td(.text(stamp(line.at))), .td(.text(line.who)), .td(.text(line.action)),
                        .td(.class("changes"), .forEach(line.changes) { .div(.text($0)) }), .td(.text(line.reason ?? "")))
                }
            )
        )
    }
}
