import AccordCore
import AccordStore
import Vapor

/// `GET /api/v1/inbox`: what waits for the signed-in user or token (issue 19), as the inbox page lists it.
enum InboxAPI {
    @Sendable static func list(req: Request) async throws -> DTO.Inbox {
        let viewer = try req.viewer()
        let reading = InboxReading(req: req)
        let program = try await reading.program(for: viewer, requested: try req.queryUUID("program_id"))
        let contents = try await reading.contents(for: viewer, in: program)
        let now = req.clock.now()
        return DTO.Inbox(
            total: contents.total,
            counts: Dictionary(uniqueKeysWithValues: Inbox.kinds(for: viewer).map { ($0.rawValue, contents.counts[$0] ?? 0) }),
            items: contents.items.map { DTO.InboxItem($0, now: now) })
    }
}

extension DTO {
    struct Inbox: Content {
        let total: Int
        /// Per kind, how many wait in all (`items` lists the first of each).
        let counts: [String: Int]
        let items: [InboxItem]
    }

    struct InboxItem: Content {
        let kind: String
        let partnerId: UUID
        let partnerName: String
        /// The goal, plan or review where the item is answered.
        let goalId: UUID?
        let planId: UUID?
        let reviewId: UUID?
        let actionItemId: UUID?
        let metric: String?
        let period: String?
        let text: String?
        let due: Date?
        let overdue: Bool

        init(_ item: AccordCore.InboxItem, now: Date) {
            kind = item.kind.rawValue
            partnerId = item.partnerID
            partnerName = item.partnerName
            switch item.kind {
            case .goalToAnswer, .proposalLapsing, .declinedGoal: (goalId, planId, reviewId) = (item.subjectID, nil, nil)
            case .planToAnswer: (goalId, planId, reviewId) = (nil, item.subjectID, nil)
            case .reviewToHold, .actionItem: (goalId, planId, reviewId) = (nil, nil, item.subjectID)
            }
            actionItemId = item.actionItemID
            metric = item.metricKey
            period = item.period?.label
            text = item.text
            due = item.due
            overdue = item.isOverdue(now: now)
        }
    }
}
