import Foundation

extension Notices {
    /// The notices a saved plan change sends (DOMAIN §10): to the side that did not make it. A vendor's internal draft
    /// and its revisions tell nobody anything; sharing it asks the partner.
    public static func forPlan(_ plan: JointPlan, action: String, by actor: Actor, partner: Partner, users: [User]) -> [Notice] {
        guard plan.status != .internalDraft else { return [] }
        let content = plan.current.content
        let years =
            content.horizonYears == 1 ? "FY\(content.firstFiscalYear)" : "FY\(content.firstFiscalYear)–FY\(content.lastFiscalYear)"
        let who = actor.name
        let kind: NoticeKind
        let subject: String
        var paragraphs: [String]
        switch action {
        case "create", "share":
            kind = .planProposed
            subject = "\(partner.name): \(who) proposes a joint business plan for \(years)"
            paragraphs = [
                "\(who) proposes a joint business plan for \(partner.name), \(years), going after \(content.opportunity.segment).",
                "Why the two of you are in business together, as they wrote it: \(content.why)",
                "Read it, then accept it or answer with a revision.",
            ]
        case "revise":
            kind = .planProposed
            subject = "\(partner.name): \(who) revised the joint business plan for \(years)"
            paragraphs = [
                "\(who) wrote revision \(plan.current.number) of the joint business plan for \(partner.name), \(years).",
                plan.agreedRevision.map { "Revision \($0) stays in force until both sides accept the new one." } ?? "",
            ].filter { !$0.isEmpty }
            if let said = plan.comments.last(where: { $0.revision == plan.current.number && $0.author == actor }) {
                paragraphs.append("Why: \(said.text)")
            }
        case "accept":
            kind = .planAccepted
            let agreed = plan.status == .agreed && plan.agreedRevision == plan.current.number
            subject = "\(partner.name): the joint business plan for \(years) is " + (agreed ? "agreed" : "accepted")
            paragraphs = [
                agreed
                    ? "\(who) accepted revision \(plan.current.number): the joint business plan for \(years) is agreed by both sides."
                    : "\(who) accepted revision \(plan.current.number) of the joint business plan for \(years)."
            ]
        default: return []
        }
        let recipients = answerers(of: actor.side.other, for: partner, among: users).filter { $0.name != actor.name }
        let event = "plan/\(plan.id.uuidString.lowercased())/\(action)/\(plan.revisions.count)-\(plan.acceptances.count)"
        return unique(recipients).map {
            Notice(
                kind: kind, eventKey: event, recipient: $0, subject: subject, paragraphs: paragraphs,
                path: "/plans/\(plan.id.uuidString.lowercased())", linkLabel: kind == .planProposed ? "Answer on Accord" : "Open the plan")
        }
    }
}
