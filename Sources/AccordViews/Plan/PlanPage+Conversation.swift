import AccordCore
import Foundation
import Plot

extension PlanPage {
    /// The plan's negotiation as both sides read it (issue 19), oldest first, with a box to add to it. The vendor's
    /// internal draft has none.
    static func conversation(_ model: Model) -> BodyNode {
        guard model.status != .internalDraft else { return .empty }
        return .section(
            .class("conversation"), .attribute(named: "aria-labelledby", value: "conversation-title"),
            .h2(.id("conversation-title"), "Conversation"),
            ConversationTurns.list(model.conversation),
            .if(
                model.mayComment,
                .form(
                    .class("inline-form"), .method(.post), .action(SiteURL.planAction(model.planID, "comment").path),
                    .input(.type(.hidden), .name("_csrf"), .value(Format.attribute(model.chrome.csrf ?? ""))),
                    Form.textArea(
                        "comment", label: "Add to the conversation (both sides read it)", value: model.typedComment,
                        error: model.commentError),
                    .button(.type(.submit), .class("button secondary"), "Comment")))
        )
    }
}
