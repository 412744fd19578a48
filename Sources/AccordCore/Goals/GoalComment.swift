import Foundation

/// One word in a goal's or a joint plan's negotiation (DOMAIN §5.2, §10): why a side counters, asks or agrees. It
/// speaks to one revision of the terms and never changes them; both sides read it once the goal or plan has left
/// its drafting side.
public struct GoalComment: Hashable, Codable, Sendable {
    /// The revision the comment speaks to: the one current when it was written (a counter-proposal's own).
    public let revision: Int
    public let author: Actor
    public let at: Date
    public let text: String

    public init(revision: Int, author: Actor, at: Date, text: String) {
        self.revision = revision
        self.author = author
        self.at = at
        self.text = text
    }

    /// The longest comment kept: a few paragraphs, not a document.
    public static let maximumLength = 2_000
}
