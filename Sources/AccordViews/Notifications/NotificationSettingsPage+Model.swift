import AccordCore
import Foundation

/// Which messages a user gets by e-mail, kind by kind (issue 19), where they go, and the program's digest day.
public enum NotificationSettingsPage {
    public struct Model: Sendable {
        public let chrome: PageChrome
        /// The user's address; nil when messages cannot reach them.
        public let email: String?
        public let choices: [(kind: NoticeKind, delivery: NoticeDelivery)]
        /// The day of the week the user's program sends its digest; a program admin may change it.
        public var digestDay: Weekday?
        public var mayChangeDigestDay = false
        public var notice: String?
        /// A choice that could not be saved.
        public var error: String?

        public init(chrome: PageChrome, email: String?, choices: [(kind: NoticeKind, delivery: NoticeDelivery)], notice: String? = nil) {
            self.chrome = chrome
            self.email = email
            self.choices = choices
            self.notice = notice
        }
    }
}
