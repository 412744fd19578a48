import AccordCore
import AccordStore
import AccordViews
import Vapor

/// Route-group guards: each group of `routes.swift` states who may enter, in one place.
enum Guard {
    /// Signed-in users only: pages redirect to the sign-in page, the API answers 401.
    struct SignedIn: AsyncMiddleware {
        func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            guard request.signedIn != nil else {
                if request.url.path.hasPrefix("/api/") {
                    throw Abort(.unauthorized, reason: "Sign in, or send an API token as 'Authorization: Bearer …'.")
                }
                let target = request.url.path + (request.url.query.map { "?" + $0 } ?? "")
                return request.redirect(to: SiteURL.login(next: request.method == .GET ? target : nil).path)
            }
            return try await next.respond(to: request)
        }
    }

    /// Vendor staff only (partner records, sales facts, internal figures).
    struct Vendor: AsyncMiddleware {
        func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            guard AccessRule.mayManagePartners(try request.viewer()) else {
                throw Abort(.forbidden, reason: "This is for the vendor's staff.")
            }
            return try await next.respond(to: request)
        }
    }

    /// Program admins only (programs, metrics, users, tokens, the audit log).
    struct Admin: AsyncMiddleware {
        func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            guard AccessRule.mayAdminister(try request.viewer()) else {
                throw Abort(.forbidden, reason: "This is for program admins.")
            }
            return try await next.respond(to: request)
        }
    }

    /// Routes about one partner (by `:partnerID` or `:goalID`): a user who may not read that partner gets
    /// 404 — the same answer as for a partner that does not exist, so nothing leaks. Writes also need
    /// the right to change the partner (admins: any; channel managers: their portfolio; partner admins: their own).
    struct PartnerScope: AsyncMiddleware {
        func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            let viewer = try request.viewer()
            let (partnerID, what) = try await Self.partner(of: request)
            guard AccessRule.mayRead(partnerID: partnerID, as: viewer) else { throw Abort(.notFound, reason: "\(what) not found") }
            if ![HTTPMethod.GET, .HEAD].contains(request.method) {
                try await request.requireChange(partnerID: partnerID)
            }
            return try await next.respond(to: request)
        }

        /// The partner a route is about, from whichever id it carries.
        static func partner(of request: Request) async throws -> (UUID, String) {
            if request.parameters.get("goalID") != nil {
                // Another side's draft is not there for this viewer (DOMAIN §5.2): the same 404 as a goal that does not exist.
                guard let goal = try? await request.store.goal(try request.id("goalID"), seenBy: .side(try request.viewer().side)) else {
                    throw Abort(.notFound, reason: "goal not found")
                }
                return (goal.partnerID, "goal")
            }
            if request.parameters.get("planID") != nil {
                guard let plan = try? await request.store.plan(try request.id("planID")) else {
                    throw Abort(.notFound, reason: "plan not found")
                }
                return (plan.partnerID, "plan")
            }
            if request.parameters.get("reviewID") != nil {
                guard let review = try? await request.store.review(try request.id("reviewID")) else {
                    throw Abort(.notFound, reason: "review not found")
                }
                return (review.partnerID, "review")
            }
            return (try request.id("partnerID"), "partner")
        }
    }
}

extension Request {
    /// The partners this viewer may read: nil means all of them.
    func readablePartner() throws -> UUID? {
        let viewer = try viewer()
        return viewer.side == .vendor ? nil : viewer.partnerID
    }

    /// Refuses a change to a partner the viewer may not change; hides partners they may not read.
    func requireChange(partnerID: UUID) async throws {
        let viewer = try viewer()
        guard AccessRule.mayRead(partnerID: partnerID, as: viewer) else { throw Abort(.notFound, reason: "partner not found") }
        let partner = try await store.partner(partnerID)
        guard AccessRule.mayChange(partner, as: viewer) else {
            throw Abort(
                .forbidden,
                reason: viewer.role == .channelManager
                    ? "\(partner.name) is in another channel manager's portfolio." : "Your role cannot change this.")
        }
    }
}
