import AccordCore
import Foundation

/// Which messages a user gets by e-mail, kind by kind (issue 19), and where they go.
public enum NotificationSettingsPage {
    public struct Model: Sendable {
        public let chrome: PageChrome
        /// The user's address; nil when messages cannot reach them.
        public let email: String?
        public let choices: [(kind: NoticeKind, delivery: NoticeDelivery)]
        public var notice: String?

        public init(chrome: PageChrome, email: String?, choices: [(kind: NoticeKind, delivery: NoticeDelivery)], notice: String? = nil) {
            self.chrome = chrome
            self.email = email
            self.choices = choices
            self.notice = notice
        }
    }
}
