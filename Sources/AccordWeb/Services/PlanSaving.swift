import AccordCore
import AccordStore
import Foundation
import Vapor

extension Request {
    /// Saves a plan change made in this request, with the messages it sends to the other side (issue 19) in the
    /// same transaction.
    @discardableResult
    func save(_ plan: JointPlan, action: String, by actor: Actor, at now: Date) async throws -> JointPlan {
        let partner = try await store.partner(plan.partnerID)
        let messages = try await Notifier(store: store, publicURL: application.publicURL).messages(
            for: plan, action: action, by: actor, partner: partner, at: now)
        return try await store.save(plan, action: action, by: actor, at: now, messages: messages)
    }
}
