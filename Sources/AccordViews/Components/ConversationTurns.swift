import AccordCore
import Foundation
import Plot

/// A negotiation's turns as both sides read them, oldest first: the one rendering of a goal's and a plan's
/// conversation (issue 19).
enum ConversationTurns {
    static func list(_ lines: [GoalPage.ConversationLine]) -> Node<HTML.BodyContext> {
        .ol(
            .class("turns"),
            .forEach(lines) { line in
                .li(
                    .class("turn " + (line.side?.rawValue ?? "accord")),
                    .p(
                        .class("turn-head"), .strong(.text(line.who)),
                        .unwrap(line.side) { .text(" (\($0.rawValue))") },
                        .text(" · \(GoalPage.stamp(line.at)) · on revision \(line.revision)")),
                    .unwrap(line.event) { .p(.class("turn-event"), .text($0)) },
                    .unwrap(line.text) { .p(.class("turn-text"), .text($0)) })
            })
    }
}
