import AccordCore
import Foundation
import Plot

/// A joint business plan: why, the opportunity, who does what, objectives with their progress and interim
/// suggestions, milestones, and its agreement (DOMAIN §10).
public enum PlanPage {
    public struct ObjectiveLine: Sendable {
        public let id: UUID
        public let metricName: String
        public let ownerSide: Side
        public let target: String
        public let description: String
        /// Goals derived from the objective: period, target, status, actual.
        public let goals: [(goalID: UUID, period: String, target: String, status: GoalStatus, actual: String)]
        /// Interim suggestions: period (with the vendor's view), target.
        public let suggestions: [(period: String, target: String, raised: Bool)]

        public init(
            id: UUID, metricName: String, ownerSide: Side, target: String, description: String,
            goals: [(goalID: UUID, period: String, target: String, status: GoalStatus, actual: String)],
            suggestions: [(period: String, target: String, raised: Bool)]
        ) {
            self.id = id
            self.metricName = metricName
            self.ownerSide = ownerSide
            self.target = target
            self.description = description
            self.goals = goals
            self.suggestions = suggestions
        }
    }

    public struct Model: Sendable {
        public let chrome: PageChrome
        public let planID: UUID
        public let partnerID: UUID
        public let partnerName: String
        public let status: JointPlan.Status
        public let revision: Int
        public let agreedRevision: Int?
        public let awaiting: Side?
        public let content: JointPlanContent
        public let horizon: String
        public let marketSize: String
        public let valueToCapture: String
        public let objectives: [ObjectiveLine]
        public let mayShare: Bool
        public let mayAccept: Bool
        public let mayPropose: Bool
        public let notice: String?
        /// Whether the viewer may write a new revision.
        public var mayRevise = false
        /// The negotiation, oldest first: revisions, acceptances and comments (issue 19).
        public var conversation: [GoalPage.ConversationLine] = []
        public var mayComment = false
        /// A comment that could not be added, with what was typed.
        public var commentError: String?
        public var typedComment = ""

        public init(
            chrome: PageChrome, planID: UUID, partnerID: UUID, partnerName: String, status: JointPlan.Status, revision: Int,
            agreedRevision: Int?,
            awaiting: Side?, content: JointPlanContent, horizon: String, marketSize: String, valueToCapture: String,
            objectives: [ObjectiveLine],
            mayShare: Bool, mayAccept: Bool, mayPropose: Bool, notice: String?
        ) {
            self.chrome = chrome
            self.planID = planID
            self.partnerID = partnerID
            self.partnerName = partnerName
            self.status = status
            self.revision = revision
            self.agreedRevision = agreedRevision
            self.awaiting = awaiting
            self.content = content
            self.horizon = horizon
            self.marketSize = marketSize
            self.valueToCapture = valueToCapture
            self.objectives = objectives
            self.mayShare = mayShare
            self.mayAccept = mayAccept
            self.mayPropose = mayPropose
            self.notice = notice
        }
    }

    static func statusLabel(_ status: JointPlan.Status) -> String {
        switch status {
        case .internalDraft: "Internal draft (vendor only)"
        case .proposed: "Proposed"
        case .agreed: "Agreed"
        }
    }

    public static func render(_ model: Model) -> String {
        let c = model.content
        return PageLayout.render(title: "Joint business plan · \(model.partnerName)", section: .partner, chrome: model.chrome) {
            BodyNode.p(.a(.href(SiteURL.partner(model.partnerID).path), .text("← \(model.partnerName)")))
            BodyNode.h1(.text("Joint business plan · \(model.horizon)"))
            BodyNode.div(
                .class("meta"),
                .span(.class("badge"), .text(statusLabel(model.status))),
                .span(
                    .text(
                        "Revision \(model.revision)"
                            + (model.agreedRevision.map { $0 == model.revision ? "" : " (revision \($0) stays agreed meanwhile)" } ?? ""))),
                .unwrap(model.awaiting) { .span(.class("badge"), .text("Awaiting the \($0.rawValue)")) },
                .span(.text("Reviews: \(c.cadence.rawValue.replacingOccurrences(of: "_", with: "-"))"))
            )
            BodyNode.unwrap(model.notice) { .div(.class("notice success"), .attribute(named: "role", value: "status"), .text($0)) }
            BodyNode.if(
                model.mayShare || model.mayAccept || model.mayRevise,
                .div(
                    .class("action-row"),
                    .if(model.mayRevise, .a(.class("button secondary"), .href(SiteURL.editPlan(model.planID).path), "Revise")),
                    .if(model.mayShare, form(model, "share", "Share with the partner")),
                    .if(model.mayAccept, form(model, "accept", "Accept revision \(model.revision)"))
                )
            )
            BodyNode.h2("Why we are in business together")
            BodyNode.p(.text(c.why))
            BodyNode.div(
                .class("cards"),
                OverviewPage.card(c.opportunity.segment, "market segment"),
                OverviewPage.card(model.marketSize, "segment size per year"),
                OverviewPage.card(Format.percent(c.opportunity.intendedShare, decimals: 1), "share we intend to capture"),
                OverviewPage.card(model.valueToCapture, "value to capture per year")
            )
            BodyNode.h2("Who does what")
            BodyNode.div(
                .class("table-wrap"),
                .table(
                    .tr(.th("Side"), .th("Responsibility"), .th("Owner")),
                    .forEach(c.responsibilities) { r in
                        .tr(.td(.text(r.side.rawValue.capitalized)), .td(.text(r.description)), .td(.text(r.owner)))
                    }
                )
            )
            BodyNode.if(
                !c.participants.isEmpty,
                .p(
                    .class("muted"),
                    .text("Participants: " + c.participants.map { "\($0.name) (\($0.side.rawValue), \($0.role))" }.joined(separator: ", ")))
            )
            BodyNode.h2("Long-term objectives")
            BodyNode.if(model.objectives.isEmpty, .div(.class("empty"), "No objectives yet."))
            BodyNode.forEach(model.objectives) { objective(model, $0) }
            BodyNode.h2("Roadmap")
            BodyNode.if(c.milestones.isEmpty, .div(.class("empty"), "No milestones yet."))
            BodyNode.if(
                !c.milestones.isEmpty,
                .div(
                    .class("table-wrap"),
                    .table(
                        .tr(.th("Due"), .th("Milestone"), .th("Status")),
                        .forEach(c.milestones.sorted { $0.due < $1.due }) { m in
                            .tr(.td(.text(m.due.iso)), .td(.text(m.title)), .td(.text(m.status.rawValue)))
                        }
                    )
                )
            )
            conversation(model)
        }
    }

    static func form(_ model: Model, _ action: String, _ label: String) -> BodyNode {
        .form(
            .method(.post), .action(SiteURL.planAction(model.planID, action).path),
            .input(.type(.hidden), .name("_csrf"), .value(Format.attribute(model.chrome.csrf ?? ""))),
            .button(.type(.submit), .class("button"), .text(label))
        )
    }

    static func objective(_ model: Model, _ o: ObjectiveLine) -> BodyNode {
        .div(
            .class("goal"),
            .div(
                .class("goal-head"), .h3(.text("\(o.metricName): \(o.target) by the end of the plan")),
                .span(.class("badge"), .text(o.ownerSide == .vendor ? "Vendor commitment" : "Partner"))),
            .if(!o.description.isEmpty, .p(.class("behaviour"), .text(o.description))),
            .h3("Goals derived from it"),
            .if(o.goals.isEmpty, .p(.class("muted"), "None yet.")),
            .if(
                !o.goals.isEmpty,
                .div(
                    .class("table-wrap"),
                    .table(
                        .tr(.th("Period"), .th("Target"), .th("Actual"), .th("Status")),
                        .forEach(o.goals) { g in
                            .tr(
                                .td(.a(.href(SiteURL.goal(g.goalID).path), .text(g.period))), .td(.text(g.target)), .td(.text(g.actual)),
                                .td(.span(.class("badge"), .text(Format.goalStatusLabel(g.status)))))
                        }
                    )
                )
            ),
            .h3("Suggested interim targets (compound growth, shaped by seasonality)"),
            .div(
                .class("table-wrap"),
                .table(
                    .tr(.th("Period"), .th("Suggested target")),
                    .forEach(o.suggestions) { s in
                        .tr(.td(.text(s.period)), .td(.text(s.target + (s.raised ? " (raised to beat its baseline)" : ""))))
                    }
                )
            ),
            .if(
                model.mayPropose,
                .form(
                    .class("action-row"), .method(.post),
                    .action(SiteURL.planAction(model.planID, "propose-\(o.id.uuidString.lowercased())").path),
                    .input(.type(.hidden), .name("_csrf"), .value(Format.attribute(model.chrome.csrf ?? ""))),
                    .button(.type(.submit), .class("button secondary"), "Propose the next period's suggestion as a goal")
                )
            )
        )
    }
}
