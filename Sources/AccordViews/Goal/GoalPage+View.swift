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
            BodyNode.unwrap(model.done) { .div(.class("notice success"), .attribute(named: "role", value: "status"), .text($0)) }
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
            BodyNode.unwrap(model.proposeAgainPath) { path in
                .p(.a(.class("button secondary"), .href(path), "Propose again from these terms"))
            }
            BodyNode.unwrap(model.carriedFrom) { id in
                .p(
                    .class("carried-note"), .unwrap(model.carryForwardNote) { .text($0 + " ") },
                    .a(.href(SiteURL.goal(id).path), "The missed goal this one continues"))
            }
            // A refusal that belongs to no field, shown even when nothing is left to do (the goal moved on meanwhile).
            BodyNode.unwrap(model.errors["form"]) { .div(.class("notice error"), .attribute(named: "role", value: "alert"), .text($0)) }
            confirmation(model)
            actions(model)
            conversation(model)
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

    /// The step before an answer that cannot be undone: what will happen, said once more, and a way back.
    static func confirmation(_ model: Model) -> BodyNode {
        guard let confirming = model.confirming else { return .empty }
        let (action, question, consequence, button): (String, String, String, String)
        var reason: String?
        switch confirming {
        case .decline(let why):
            reason = why
            (action, question, consequence, button) = (
                "decline", "Decline this goal?",
                "The proposal ends: it cannot be accepted afterwards, and the other side reads your reason. A new proposal can still be made.",
                "Yes, decline"
            )
        case .withdraw:
            (action, question, consequence, button) = (
                "withdraw", "Withdraw this proposal?",
                "The other side can no longer answer it. A new proposal can still be made.", "Yes, withdraw"
            )
        }
        return .div(
            .class("card confirm"), .attribute(named: "role", value: "alertdialog"),
            .attribute(named: "aria-labelledby", value: "confirm-title"),
            .h2(.id("confirm-title"), .text(question)),
            .p(.text(consequence)),
            .unwrap(reason) { .blockquote(.text($0)) },
            .form(
                .method(.post), .action(SiteURL.goalAction(model.goalID, action).path), hidden(model),
                .input(.type(.hidden), .name("confirmed"), .value("yes")),
                .unwrap(reason) { .input(.type(.hidden), .name("reason"), .value(Format.attribute($0))) },
                .div(
                    .class("action-row"),
                    .button(.type(.submit), .class("button danger"), .text(button)),
                    .a(.class("button secondary"), .href(SiteURL.goal(model.goalID).path), "No, go back")))
        )
    }

    /// The negotiation as both sides read it, oldest first, with a box to add to it.
    static func conversation(_ model: Model) -> BodyNode {
        guard !model.conversation.isEmpty || model.actions.comment else { return .empty }
        return .section(
            .class("conversation"), .attribute(named: "aria-labelledby", value: "conversation-title"),
            .h2(.id("conversation-title"), "Conversation"),
            ConversationTurns.list(model.conversation),
            .if(model.conversation.isEmpty, .p(.class("empty"), "Nothing said yet.")),
            .if(
                model.actions.comment,
                .form(
                    .class("inline-form"), .method(.post), .action(SiteURL.goalAction(model.goalID, "comment").path), hidden(model),
                    Form.textArea(
                        "comment", label: "Add to the conversation (both sides read it)", value: model.typed["comment"] ?? "",
                        error: model.errors["comment"]),
                    .button(.type(.submit), .class("button secondary"), "Comment")))
        )
    }

    static func actions(_ model: Model) -> BodyNode {
        let a = model.actions
        guard a.any, model.confirming == nil else { return .empty }
        return .div(
            .class("actions card"),
            .h2(.text(a.accept ? "Your answer" : "What you can do")),
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
                        .button(.type(.submit), .class("button secondary"), "Withdraw…")))
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
                        "counter_comment", label: "Why these terms (both sides read it)", value: model.typed["counter_comment"] ?? "",
                        error: model.errors["counter_comment"]),
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
                        "reason", label: "Why (required; the other side reads it)", value: model.typed["reason"] ?? "",
                        error: model.errors["reason"]),
                    .button(.type(.submit), .class("button danger"), "Decline…")
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
