import AccordCore
import Foundation
import Plot

/// A review on one page, printable (DOMAIN §11): the period in both calendars, who attended, the scorecard as
/// it stood when the review was held, notes, decisions and action items; the form to record it while it is open.
public enum ReviewPage {
    public struct Model: Sendable {
        public let chrome: PageChrome
        public let reviewID: UUID
        public let partnerID: UUID
        public let partnerName: String
        public let periodLabel: String
        public let vendorPeriods: String
        public let review: Review
        public let overdue: Bool
        public let today: Day
        public let mayHold: Bool
        public let errors: [String: String]
        public let typed: [String: String]
        /// The action items the viewer may mark done or dropped (their owner, an admin of their side, a program admin).
        public var closableItems: Set<UUID> = []

        public init(
            chrome: PageChrome, reviewID: UUID, partnerID: UUID, partnerName: String, periodLabel: String, vendorPeriods: String,
            review: Review,
            overdue: Bool, today: Day, mayHold: Bool, errors: [String: String] = [:], typed: [String: String] = [:]
        ) {
            self.chrome = chrome
            self.reviewID = reviewID
            self.partnerID = partnerID
            self.partnerName = partnerName
            self.periodLabel = periodLabel
            self.vendorPeriods = vendorPeriods
            self.review = review
            self.overdue = overdue
            self.today = today
            self.mayHold = mayHold
            self.errors = errors
            self.typed = typed
        }
    }

    public static func render(_ model: Model) -> String {
        let review = model.review
        return PageLayout.render(title: "Review \(model.periodLabel) · \(model.partnerName)", section: .partner, chrome: model.chrome) {
            BodyNode.p(.class("no-print"), .a(.href(SiteURL.partner(model.partnerID).path), .text("← \(model.partnerName)")))
            BodyNode.h1(.text("Review of \(model.periodLabel) · \(model.partnerName)"))
            BodyNode.div(
                .class("meta"),
                .span(.text(model.vendorPeriods)),
                .span(.text("Due \(review.due.iso)")),
                .unwrap(
                    review.heldOn, { .span(.class("badge status-achieved"), .text("Held \($0.iso)")) },
                    else: .span(.class(model.overdue ? "badge lapsed" : "badge"), .text(model.overdue ? "Overdue" : "Not held yet")))
            )
            BodyNode.if(review.heldOn != nil, held(model))
            BodyNode.if(review.heldOn == nil && model.mayHold, holdForm(model))
            BodyNode.if(
                review.heldOn == nil && !model.mayHold,
                .div(.class("empty"), "Not held yet. The review is recorded by the people who hold it."))
        }
    }

    static func held(_ model: Model) -> BodyNode {
        let review = model.review
        return .group(
            .h2("Attendees"),
            .p(.text(review.attendees.map { "\($0.name) (\($0.side.rawValue))" }.joined(separator: ", "))),
            .h2("Scorecard as it stood in the review"),
            .if(review.snapshot.isEmpty, .div(.class("empty"), "No goals for the period.")),
            .if(
                !review.snapshot.isEmpty,
                .div(
                    .class("table-wrap"),
                    .table(
                        .tr(.th("Goal"), .th("Target"), .th("Actual"), .th(.class("num"), "Attainment"), .th("Pacing")),
                        .forEach(review.snapshot) { line in
                            .tr(
                                .td(.text(line.metricName)), .td(.text(line.target)), .td(.text(line.actual)),
                                .td(.class("num"), .text(Format.percent(line.attainment))),
                                .td(.span(.class("badge " + Format.statusClass(line.pacing)), .text(line.pacing.label)))
                            )
                        }
                    )
                )
            ),
            .h2("Notes"),
            .p(.text(review.notes.isEmpty ? "—" : review.notes)),
            .h2("Decisions"),
            .if(review.decisions.isEmpty, .p("—")),
            .ul(.forEach(review.decisions) { .li(.text($0)) }),
            .h2("Action items"),
            .if(review.actionItems.isEmpty, .p("—")),
            .if(
                !review.actionItems.isEmpty,
                .div(
                    .class("table-wrap"),
                    .table(
                        .tr(.th("Side"), .th("Owner"), .th("Action"), .th("Due"), .th("Status"), .th("")),
                        .forEach(review.actionItems) { item in
                            .tr(
                                .td(.text(item.side.rawValue.capitalized)), .td(.text(item.owner)), .td(.text(item.title)),
                                .td(.text(item.due.readable)),
                                .td(
                                    .span(
                                        .class(item.isOverdue(today: model.today) ? "badge lapsed" : "badge"),
                                        .text(item.isOverdue(today: model.today) ? "Overdue" : item.status.rawValue.capitalized)),
                                    .unwrap(item.closedOn) { day in
                                        .span(.class("muted"), .text(" on \(day.readable)" + (item.closedBy.map { " by \($0)" } ?? "")))
                                    },
                                    .unwrap(model.errors["item-\(item.id.uuidString.lowercased())"]) {
                                        .p(.class("field-error"), .text($0))
                                    }),
                                .td(
                                    .if(
                                        item.status == .open && model.closableItems.contains(item.id),
                                        .form(
                                            .class("inline action-row"), .method(.post),
                                            .action(SiteURL.actionItem(review: model.reviewID, item: item.id).path),
                                            .input(.type(.hidden), .name("_csrf"), .value(Format.attribute(model.chrome.csrf ?? ""))),
                                            .button(.type(.submit), .name("status"), .value("done"), .class("button"), "Mark done"),
                                            .button(.type(.submit), .name("status"), .value("dropped"), .class("button secondary"), "Drop"))
                                    ))
                            )
                        }
                    )
                )
            )
        )
    }

    static func holdForm(_ model: Model) -> BodyNode {
        .form(
            .class("card step no-print"), .method(.post), .action(Format.attribute(SiteURL.review(model.reviewID).path + "/hold")),
            .input(.type(.hidden), .name("_csrf"), .value(Format.attribute(model.chrome.csrf ?? ""))),
            .h2("Record the review"),
            .p(.class("hint"), "The scorecard is frozen as it stands when you record the review; later facts do not change it."),
            .unwrap(model.errors["form"]) { .div(.class("notice error"), .attribute(named: "role", value: "alert"), .text($0)) },
            Form.textArea(
                "vendor_attendees", label: "Vendor attendees (one per line)", value: model.typed["vendor_attendees"] ?? "",
                error: model.errors["vendor_attendees"]),
            Form.textArea(
                "partner_attendees", label: "Partner attendees (one per line)", value: model.typed["partner_attendees"] ?? "",
                error: model.errors["partner_attendees"]),
            Form.textArea("notes", label: "Notes", value: model.typed["notes"] ?? "", error: nil),
            Form.textArea("decisions", label: "Decisions (one per line)", value: model.typed["decisions"] ?? "", error: nil),
            Form.textArea(
                "actions", label: "Action items (one per line: side; owner; what; due YYYY-MM-DD)", value: model.typed["actions"] ?? "",
                error: model.errors["actions"], hint: "e.g. partner; Dana Reyes; Certify two engineers; 2027-02-15"),
            .button(.type(.submit), .class("button"), "Record the review")
        )
    }
}
