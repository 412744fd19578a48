import AccordCore
import Foundation

/// "Waiting for you": what needs the user's action, first things first, each linking to where it is done.
public enum InboxPage {
    public struct Line: Sendable {
        /// What kind of thing waits ("Goal to answer").
        public let kind: String
        public let partnerName: String
        /// The thing itself ("Revenue · FY2027 Q2 · target $450,000").
        public let what: String
        /// A line of context: a decline's reason, whose proposal it is.
        public let detail: String?
        /// When it falls due, in words ("lapses on 4 Dec 2026").
        public let due: String?
        public let overdue: Bool
        public let path: String
        public let action: String

        public init(
            kind: String, partnerName: String, what: String, detail: String?, due: String?, overdue: Bool, path: String, action: String
        ) {
            self.kind = kind
            self.partnerName = partnerName
            self.what = what
            self.detail = detail
            self.due = due
            self.overdue = overdue
            self.path = path
            self.action = action
        }
    }

    public struct Count: Sendable {
        public let label: String
        public let count: Int
        public let shown: Int

        public init(label: String, count: Int, shown: Int) {
            self.label = label
            self.count = count
            self.shown = shown
        }
    }

    public struct Model: Sendable {
        public let chrome: PageChrome
        /// Whose items these are, in words ("your portfolio", "Delta Managed Services").
        public let scope: String
        public let lines: [Line]
        public let counts: [Count]

        public init(chrome: PageChrome, scope: String, lines: [Line], counts: [Count]) {
            self.chrome = chrome
            self.scope = scope
            self.lines = lines
            self.counts = counts
        }

        public var total: Int { counts.reduce(0) { $0 + $1.count } }
    }
}
