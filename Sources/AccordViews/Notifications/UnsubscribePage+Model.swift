import AccordCore
import Foundation

/// The page a message's "stop messages like this one" link opens, and what it says once done.
public enum UnsubscribePage {
    public struct Model: Sendable {
        public let chrome: PageChrome
        public let token: String
        public let kind: NoticeKind
        public let email: String
        public let done: Bool

        public init(chrome: PageChrome, token: String, kind: NoticeKind, email: String, done: Bool) {
            self.chrome = chrome
            self.token = token
            self.kind = kind
            self.email = email
            self.done = done
        }
    }
}
