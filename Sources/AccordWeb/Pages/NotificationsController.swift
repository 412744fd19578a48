import AccordCore
import AccordStore
import AccordViews
import Vapor

/// `/account/notifications` (which messages a user gets) and `/unsubscribe/:token` (RFC 8058's one-click link).
enum NotificationsController {
    @Sendable static func settings(req: Request) async throws -> Response {
        HTMLResponse.page(NotificationSettingsPage.render(try await model(req)))
    }

    @Sendable static func save(req: Request) async throws -> Response {
        let viewer = try req.viewer()
        guard req.signedIn?.method == .session else { throw Abort(.forbidden, reason: "API tokens receive no e-mail.") }
        var choices: [NoticeKind: NoticeDelivery] = [:]
        for kind in NoticeKind.allCases {
            guard let text = try? req.content.get(String.self, at: kind.rawValue) else { continue }
            guard let delivery = NoticeDelivery(rawValue: text), kind.choices.contains(delivery) else {
                throw InputError("'\(text)' is not a choice for “\(kind.label)”", field: kind.rawValue)
            }
            choices[kind] = delivery
        }
        try await req.store.setNoticePreferences(choices, userID: viewer.userID, by: viewer.actor, at: req.clock.now())
        var page = try await model(req)
        page.notice = "Saved: your choices apply to the next messages."
        return HTMLResponse.page(NotificationSettingsPage.render(page))
    }

    /// The program's digest day, from the settings page (program admins); audited like every settings change.
    @Sendable static func setDigestDay(req: Request) async throws -> Response {
        let program = try await req.program(nil)
        let text = (try? req.content.get(String.self, at: "day")) ?? ""
        guard let day = Int(text).flatMap(Weekday.init(rawValue:)) else {
            var page = try await model(req)
            page.notice = nil
            page.error = "Choose a day of the week for the digest."
            return HTMLResponse.page(NotificationSettingsPage.render(page), status: .unprocessableEntity)
        }
        try await req.store.update(programID: program.id, by: try req.actor(), at: req.clock.now()) { $0.settings.digestDay = day }
        var page = try await model(req)
        page.notice = "Saved: the weekly digest goes out on \(day.name)s."
        return HTMLResponse.page(NotificationSettingsPage.render(page))
    }

    static func model(_ req: Request) async throws -> NotificationSettingsPage.Model {
        let viewer = try req.viewer()
        let user = try? await req.store.user(viewer.userID)
        let chosen = try await req.store.noticePreferences(of: [viewer.userID])[viewer.userID] ?? [:]
        var model = NotificationSettingsPage.Model(
            chrome: try await PageChromes.make(req), email: user?.email?.text,
            choices: NoticeKind.allCases.map { ($0, chosen[$0] ?? .standard) })
        // Several programs: no one day to show; the CLI and the API name the program.
        if let program = try? await InboxReading(req: req).program(for: viewer, requested: nil) {
            model.digestDay = program.settings.digestDay
            model.mayChangeDigestDay = viewer.role == .programAdmin
        }
        return model
    }

    /// Shows what the link stops; changes nothing (mail scanners open links).
    @Sendable static func unsubscribePage(req: Request) async throws -> Response {
        let (token, target, user) = try await unsubscribeTarget(req)
        return HTMLResponse.page(UnsubscribePage.render(try await unsubscribeModel(req, token, target.kind, user, done: false)))
    }

    /// Stops the message's kind for its recipient: the link's secret is the proof, no session is needed.
    @Sendable static func unsubscribe(req: Request) async throws -> Response {
        let (token, target, user) = try await unsubscribeTarget(req)
        try await req.store.setNoticePreferences(
            [target.kind: .never], userID: user.id, by: Actor(name: user.name, role: user.role), at: req.clock.now())
        return HTMLResponse.page(UnsubscribePage.render(try await unsubscribeModel(req, token, target.kind, user, done: true)))
    }

    static func unsubscribeTarget(_ req: Request) async throws -> (String, (userID: UUID, kind: NoticeKind), User) {
        let token = try unsubscribeToken(req)
        guard let target = try await req.store.unsubscribeTarget(token: token), let user = try? await req.store.user(target.userID) else {
            throw Abort(.notFound, reason: "This unsubscribe link is not known.")
        }
        return (token, target, user)
    }

    static func unsubscribeModel(_ req: Request, _ token: String, _ kind: NoticeKind, _ user: User, done: Bool) async throws
        -> UnsubscribePage.Model
    {
        UnsubscribePage.Model(
            chrome: try await PageChromes.make(req), token: token, kind: kind, email: user.email?.text ?? user.name, done: done)
    }

    static func unsubscribeToken(_ req: Request) throws -> String {
        guard let token = req.parameters.get("token"), token.count <= 200, token.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            throw Abort(.notFound, reason: "This unsubscribe link is not known.")
        }
        return token
    }
}
