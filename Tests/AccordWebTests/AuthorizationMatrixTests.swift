import AccordCore
import AccordStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// Every registered route × every role × a resource of the viewer's own partner and of another partner.
/// A route missing from `policies` fails the test, so a new route cannot ship without a decision.
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    enum Who: String, CaseIterable {
        case anonymous, admin, cam, otherCAM, partnerAdmin, partnerMember
    }

    /// Partner A (the viewers' own: CAM's portfolio, the partner users' company) or partner B.
    enum Target: String, CaseIterable { case own, other }

    enum Outcome: Equatable {
        /// Authorization let it through: anything but 401, 403, 404, a redirect to sign-in, or a 5xx.
        case pass
        case unauthenticated
        case forbidden
        /// 404, exactly as for a record that does not exist.
        case hidden
        /// The request is refused row by row (422): other partners' keys read as unknown.
        case rowsRefused
        /// Never expected: a 5xx fails every case.
        case serverError
    }

    /// Who may do what, by kind of route.
    enum Policy {
        case everyone
        case signedIn
        /// A form post for signed-in users: anonymous posts fail the CSRF check first.
        case signedInForm
        case readPartner
        case changePartner
        /// A form post that changes a partner: anonymous posts fail the CSRF check first.
        case changePartnerForm
        case vendor
        case vendorChangePartner
        case admin
        case scopedRows
        case signInForm
        /// Signing out ends in a redirect to the sign-in page.
        case signOut
        /// One's own account (password, e-mail choices) is for people: API tokens have none.
        case passwordForm
        /// An unknown one-time link is a 404 for everyone; posting to it needs the form's CSRF token first.
        case oneTimeLinkPage
        case oneTimeLinkForm
        /// An admin-only form post: anonymous posts fail the CSRF check first.
        case adminForm
        /// A program admin's override of one partner's goal (§5.3): everyone else is refused, and another partner's
        /// users do not learn the goal exists.
        case adminOverride

        func expected(_ who: Who, _ target: Target) -> Outcome {
            let ownsTarget = (who == .cam && target == .own) || (who == .otherCAM && target == .other)
            switch self {
            case .everyone: return .pass
            case .signInForm: return who == .anonymous ? .forbidden : .unauthenticated
            case .signOut: return who == .anonymous ? .forbidden : .unauthenticated
            case .passwordForm: return .forbidden
            case .oneTimeLinkPage: return .hidden
            case .oneTimeLinkForm: return who == .anonymous ? .forbidden : .hidden
            case .signedIn: return who == .anonymous ? .unauthenticated : .pass
            case .signedInForm: return who == .anonymous ? .forbidden : .pass
            case .readPartner:
                switch who {
                case .anonymous: return .unauthenticated
                case .admin, .cam, .otherCAM: return .pass
                case .partnerAdmin, .partnerMember: return target == .own ? .pass : .hidden
                }
            case .changePartnerForm:
                return who == .anonymous ? .forbidden : Policy.changePartner.expected(who, target)
            case .changePartner:
                switch who {
                case .anonymous: return .unauthenticated
                case .admin: return .pass
                case .cam, .otherCAM: return ownsTarget ? .pass : .forbidden
                case .partnerAdmin: return target == .own ? .pass : .hidden
                case .partnerMember: return target == .own ? .forbidden : .hidden
                }
            case .vendor:
                switch who {
                case .anonymous: return .unauthenticated
                case .admin, .cam, .otherCAM: return .pass
                case .partnerAdmin, .partnerMember: return .forbidden
                }
            case .vendorChangePartner:
                switch who {
                case .anonymous: return .unauthenticated
                case .admin: return .pass
                case .cam, .otherCAM: return ownsTarget ? .pass : .forbidden
                case .partnerAdmin, .partnerMember: return .forbidden
                }
            case .admin:
                return who == .anonymous ? .unauthenticated : (who == .admin ? .pass : .forbidden)
            case .adminForm:
                return who == .anonymous ? .forbidden : (who == .admin ? .pass : .forbidden)
            case .adminOverride:
                switch who {
                case .anonymous: return .unauthenticated
                case .admin: return .pass
                case .cam, .otherCAM: return .forbidden
                case .partnerAdmin, .partnerMember: return target == .own ? .forbidden : .hidden
                }
            case .scopedRows:
                switch who {
                case .anonymous: return .unauthenticated
                case .admin, .cam, .otherCAM: return .pass
                case .partnerAdmin, .partnerMember: return target == .own ? .pass : .rowsRefused
                }
            }
        }
    }

    static let policies: [String: Policy] = [
        "GET /healthz": .everyone,
        "GET /readyz": .everyone,
        "GET /metrics": .everyone,
        "GET /styles.css": .everyone,
        "GET /api/v1/openapi.yaml": .everyone,
        "GET /docs/api": .everyone,
        "GET /login": .everyone,
        "POST /login": .signInForm,
        "GET /invitations/:token": .oneTimeLinkPage,
        "POST /invitations/:token": .oneTimeLinkForm,
        // An unsubscribe link's secret is its proof (RFC 8058 one-click): unknown, it is a 404 for everyone.
        "GET /unsubscribe/:token": .oneTimeLinkPage,
        "POST /unsubscribe/:token": .oneTimeLinkPage,
        "GET /": .signedIn,
        "POST /logout": .signOut,
        "GET /account/password": .signedIn,
        "POST /account/password": .passwordForm,
        "GET /partners/:partnerID": .readPartner,
        "GET /partners/:partnerID/goals/new": .changePartner,
        "POST /partners/:partnerID/goals/new": .changePartnerForm,
        "GET /goals/:goalID": .readPartner,
        "POST /goals/:goalID/:action": .changePartnerForm,
        "GET /plans/:planID": .readPartner,
        "GET /partners/:partnerID/plans/new": .changePartner,
        "POST /partners/:partnerID/plans/new": .changePartnerForm,
        "GET /plans/:planID/edit": .changePartner,
        "POST /plans/:planID/:action": .changePartnerForm,
        "GET /reviews/:reviewID": .readPartner,
        "POST /reviews/:reviewID/hold": .changePartnerForm,
        "POST /reviews/:reviewID/action-items/:itemID": .changePartnerForm,
        "GET /partners": .vendor,
        "GET /portfolio": .vendor,
        "GET /import": .signedIn,
        "GET /inbox": .signedIn,
        "GET /account/notifications": .signedIn,
        "POST /account/notifications": .passwordForm,
        "POST /import": .signedInForm,
        "GET /api/v1/programs": .signedIn,
        "GET /api/v1/programs/:programID": .signedIn,
        "GET /api/v1/programs/:programID/metrics": .signedIn,
        "GET /api/v1/partners": .signedIn,
        "GET /api/v1/goals": .signedIn,
        "POST /api/v1/goals": .changePartner,
        "POST /api/v1/facts/activities": .scopedRows,
        "POST /api/v1/imports/activities": .scopedRows,
        "GET /api/v1/partners/:partnerID": .readPartner,
        "GET /api/v1/partners/:partnerID/capacity": .readPartner,
        "POST /api/v1/partners/:partnerID/capacity": .changePartner,
        "GET /api/v1/partners/:partnerID/scorecard": .readPartner,
        "GET /api/v1/partners/:partnerID/baseline": .readPartner,
        "GET /api/v1/partners/:partnerID/lowered-targets": .readPartner,
        "GET /api/v1/goals/:goalID": .readPartner,
        "POST /api/v1/goals/:goalID/send": .changePartner,
        "POST /api/v1/goals/:goalID/counter": .changePartner,
        "POST /api/v1/goals/:goalID/accept": .changePartner,
        "POST /api/v1/goals/:goalID/decline": .changePartner,
        "POST /api/v1/goals/:goalID/withdraw": .changePartner,
        "POST /api/v1/goals/:goalID/comments": .changePartner,
        "GET /api/v1/inbox": .signedIn,
        "POST /api/v1/goals/:goalID/lower": .adminOverride,
        "POST /api/v1/partners": .vendor,
        "POST /api/v1/partners/:partnerID/stage": .vendorChangePartner,
        "POST /api/v1/facts/sales": .vendor,
        "POST /api/v1/imports/sales": .vendor,
        "POST /api/v1/programs": .admin,
        "POST /api/v1/programs/:programID/metrics": .admin,
        "GET /api/v1/audit": .admin,
        "POST /api/v1/imports/partners": .admin,
        "GET /api/v1/partners/:partnerID/plans": .readPartner,
        "POST /api/v1/partners/:partnerID/plans": .changePartner,
        "GET /api/v1/plans/:planID": .readPartner,
        "POST /api/v1/plans/:planID/:action": .changePartner,
        "POST /api/v1/plans/:planID/comments": .changePartner,
        "GET /api/v1/plans/:planID/suggestions": .readPartner,
        "POST /api/v1/plans/:planID/objectives/:objectiveID/propose": .changePartner,
        "GET /api/v1/partners/:partnerID/reviews": .readPartner,
        "POST /api/v1/reviews/:reviewID/hold": .changePartner,
        "POST /api/v1/reviews/:reviewID/action-items/:itemID": .changePartner,
        "GET /api/v1/reviews/overdue": .vendor,
        // motivation and insight (DOMAIN §7, §8, §9, §12, §13): internal planning is for vendor staff only
        "GET /recognition": .signedIn,
        "POST /partners/:partnerID/recognition": .changePartnerForm,
        "GET /segments": .vendor,
        "GET /coverage": .vendor,
        "GET /tiers": .vendor,
        "GET /channel-managers": .vendor,
        "GET /settings/seasonality": .vendor,
        "POST /settings/seasonality": .adminForm,
        "POST /settings/digest-day": .adminForm,
        "GET /lowered-targets": .vendor,
        "GET /lowered-targets.csv": .vendor,
        "POST /coverage/plan": .adminForm,
        "POST /tiers/review": .adminForm,
        "POST /tiers/recommendations/:recommendationID/:decision": .adminForm,
        "GET /api/v1/recognition": .signedIn,
        "GET /api/v1/partners/:partnerID/benefits": .readPartner,
        "POST /api/v1/partners/:partnerID/recognition": .changePartner,
        "POST /api/v1/goals/:goalID/benefits": .vendorChangePartner,
        "GET /api/v1/partners/:partnerID/planning-expectation": .vendor,
        "GET /api/v1/segments": .vendor,
        "GET /api/v1/tiers": .vendor,
        "GET /api/v1/channel-managers": .vendor,
        "GET /api/v1/planning/coverage": .vendor,
        "POST /api/v1/programs/:programID/settings/motivation": .admin,
        "POST /api/v1/programs/:programID/settings/seasonality": .admin,
        "POST /api/v1/programs/:programID/settings/digest-day": .admin,
        "GET /api/v1/lowered-targets": .vendor,
        "POST /api/v1/planning/plans": .admin,
        "POST /api/v1/tiers/review": .admin,
        "POST /api/v1/tiers/recommendations/:recommendationID/:decision": .admin,
    ]

    @Test func everyRouteAnswersEveryRoleAsItsPolicySaysAndNothingLeaks() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let goals = try await Self.goals(app, world)
            let plans = (
                own: try await Self.plan(app, world, world.partnerID), other: try await Self.plan(app, world, world.otherPartnerID)
            )
            let reviews = (own: try await Self.review(app, world.partnerID), other: try await Self.review(app, world.otherPartnerID))
            let recommendations = (
                own: try await Self.recommendation(app, world, world.partnerID),
                other: try await Self.recommendation(app, world, world.otherPartnerID)
            )
            // A draft of each side on the viewers' own partner: the other side must not see it anywhere (DOMAIN §5.2).
            let drafts = (
                vendor: try await Self.draft(app, world, by: world.admin, "MATRIX-VENDOR-DRAFT"),
                partner: try await Self.draft(app, world, by: world.partnerAdmin, "MATRIX-PARTNER-DRAFT")
            )
            // Sign-in throttling has its own test; here it would answer the matrix's own attempts with 429.
            app.loginThrottle = LoginThrottle(perAccount: 10_000, perAddress: 10_000)
            let headers: [Who: HTTPHeaders] = [
                .anonymous: ["Content-Type": "application/json"], .admin: world.admin, .cam: world.cam, .otherCAM: world.otherCAM,
                .partnerAdmin: world.partnerAdmin, .partnerMember: world.partnerMember,
            ]
            let routes = app.routes.all.map { route in
                (route, route.method.rawValue + " /" + route.path.map(\.description).joined(separator: "/"))
            }
            let unlisted = routes.map(\.1).filter { Self.policies[$0] == nil }
            #expect(unlisted.isEmpty, "routes without an authorization decision: \(unlisted)")
            let stale = Set(Self.policies.keys).subtracting(routes.map(\.1))
            #expect(stale.isEmpty, "policies for routes that do not exist: \(stale)")

            var cases = 0
            var leaks: [String] = []
            for (route, key) in routes {
                guard let policy = Self.policies[key] else { continue }
                for who in Who.allCases {
                    for target in Target.allCases {
                        let partner = target == .own ? world.partnerID : world.otherPartnerID
                        let goal = target == .own ? goals.own : goals.other
                        let (plan, objective) = target == .own ? plans.own : plans.other
                        let review = target == .own ? reviews.own : reviews.other
                        let recommendation = target == .own ? recommendations.own : recommendations.other
                        let path =
                            "/"
                            + route.path.map { component -> String in
                                switch component.description {
                                case ":partnerID": partner.uuidString
                                case ":goalID": goal.uuidString
                                case ":planID": plan.uuidString
                                case ":reviewID": review.uuidString
                                case ":itemID": UUID().uuidString
                                case ":objectiveID": objective.uuidString
                                case ":programID": world.programID.uuidString
                                case ":token": "link_unknown"
                                case ":action": "accept"
                                case ":recommendationID": recommendation.uuidString
                                case ":decision": "dismiss"
                                default: component.description
                                }
                            }.joined(separator: "/")
                        var body = Self.body(for: key, partner: partner, key: target == .own ? "GX-1" : "IN-2", case: cases)
                        var hdrs = headers[who]!
                        if key.contains("/imports/") { hdrs.contentType = .plainText }
                        // Pages take their forms as browsers send them.
                        if !key.contains(" /api/"), route.method == .POST, key != "POST /import" {
                            hdrs.contentType = .urlEncodedForm
                            body = ByteBuffer(string: "")
                        }
                        try await app.testing().test(route.method, path, headers: hdrs, body: body) { res in
                            let outcome = Self.outcome(res)
                            let expected = policy.expected(who, target)
                            #expect(
                                outcome == expected,
                                "\(key) as \(who) on \(target) partner → \(res.status.code) \(res.body.string.prefix(160))")
                            // Neither side reads the other's draft, on any route.
                            let otherDraft =
                                [Who.partnerAdmin, .partnerMember].contains(who) ? "MATRIX-VENDOR-DRAFT" : "MATRIX-PARTNER-DRAFT"
                            if who != .anonymous, res.body.string.contains(otherDraft) {
                                leaks.append("\(key) as \(who) on \(target): the other side's draft")
                            }
                            // A partner user never reads the other partner's data, not even in an error.
                            if who == .partnerAdmin || who == .partnerMember {
                                let text = res.body.string
                                // A refused row echoes the key the user sent, word for word as for a key that does not
                                // exist (ImportTests); that says nothing about partner B, so only that key is allowed.
                                let echoed = expected == .rowsRefused ? ["IN-2"] : []
                                let secrets = ["Initrode", "IN-2", world.otherPartnerID.uuidString, "Olive CAM"].filter {
                                    !echoed.contains($0)
                                }
                                for secret in secrets where text.contains(secret) {
                                    leaks.append("\(key) as \(who) on \(target): '\(secret)'")
                                }
                            }
                        }
                        cases += 1
                    }
                }
            }
            // Whose side may see this state: the other side's draft, by its own id, is not there for anyone on any goal route.
            for (route, key) in routes where key.contains(":goalID") {
                for who in Who.allCases where who != .anonymous {
                    let draft = [Who.partnerAdmin, .partnerMember].contains(who) ? drafts.vendor : drafts.partner
                    let path =
                        "/"
                        + route.path.map {
                            $0.description == ":goalID" ? draft.uuidString : ($0.description == ":action" ? "send" : $0.description)
                        }
                        .joined(separator: "/")
                    var hdrs = headers[who]!
                    var body = Self.body(for: key, partner: world.partnerID, key: "GX-1", case: cases)
                    if !key.contains(" /api/"), route.method == .POST {
                        hdrs.contentType = .urlEncodedForm
                        body = ByteBuffer(string: "")
                    }
                    // Vendor-only routes refuse partner users before looking at any id.
                    let expected: HTTPStatus =
                        Self.policies[key] == .vendorChangePartner && [Who.partnerAdmin, .partnerMember].contains(who)
                        ? .forbidden : .notFound
                    try await app.testing().test(route.method, path, headers: hdrs, body: body) { res in
                        #expect(res.status == expected, "\(key) on the other side's draft as \(who) → \(res.status.code)")
                    }
                }
            }
            #expect(leaks.isEmpty, "leaks: \(leaks)")
            #expect(cases == routes.count * Who.allCases.count * Target.allCases.count)
            print(
                "authorization matrix: \(routes.count) routes × \(Who.allCases.count) roles × \(Target.allCases.count) cases = \(cases) requests, \(leaks.count) leaks"
            )
        }
    }

    static func outcome(_ res: TestingHTTPResponse) -> Outcome {
        switch res.status.code {
        case 401: return .unauthenticated
        case 403: return .forbidden
        case 404: return .hidden
        case 303, 302:
            return res.headers.first(name: .location)?.hasPrefix("/login") == true ? .unauthenticated : .pass
        case 500...: return .serverError
        default:
            if res.status.code == 422, res.body.string.contains("unknown partner key") { return .rowsRefused }
            return .pass
        }
    }

    /// A well-formed body for each write, so that what answers is authorization, not validation.
    static func body(for key: String, partner: UUID, key partnerKey: String, case n: Int) -> ByteBuffer? {
        switch key {
        case "POST /api/v1/goals":
            return json([
                "partner_id": partner.uuidString, "period": "FY2026 Q4", "metric": "marketing_campaigns", "target": "3",
                "behaviour": "Run campaigns",
            ])
        case "POST /api/v1/facts/activities":
            return json([
                "records": [["activity_id": "M\(n)", "partner_key": partnerKey, "date": "2026-10-02", "metric": "marketing_campaigns"]]
            ])
        case "POST /api/v1/imports/activities":
            return ByteBuffer(string: "activity_id,partner_key,date,metric\nI\(n),\(partnerKey),2026-10-03,marketing_campaigns\n")
        case "POST /api/v1/facts/sales":
            return json([
                "lines": [
                    [
                        "transaction_id": "S\(n)", "partner_key": partnerKey, "date": "2026-10-02", "amount": "10", "currency": "USD",
                        "customer": "C",
                    ]
                ]
            ])
        case "POST /api/v1/partners/:partnerID/recognition":
            return json(["shown": true])
        case "POST /api/v1/planning/plans":
            return json(["period": "FY2027", "amount": "1000000"])
        case "POST /api/v1/imports/partners":
            return ByteBuffer(
                string: "partner_key,name,business_model,region,channel_manager\nR\(n),Roster partner \(n),reseller,EMEA,Casey CAM\n")
        case "POST /api/v1/imports/sales":
            return ByteBuffer(string: "transaction_id,partner_key,date,amount,currency,customer\nI\(n),\(partnerKey),2026-10-03,10,USD,C\n")
        default:
            return json([:])
        }
    }

    /// A shared (proposed) joint plan on a partner, for the plan routes.
    static func plan(_ app: Application, _ world: World, _ partner: UUID) async throws -> (UUID, UUID) {
        var plan: PlansAPI.PlanOut!
        try await app.testing().test(.POST, "/api/v1/partners/\(partner)/plans", headers: world.admin, body: PlanAPITests.planBody()) {
            res in
            #expect(res.status == .created, "\(res.body.string)")
            plan = try res.content.decode(PlansAPI.PlanOut.self)
        }
        try await app.testing().test(.POST, "/api/v1/plans/\(plan.id)/share", headers: world.admin) { #expect($0.status == .ok) }
        return (plan.id, plan.content.objectives[0].id)
    }

    /// An open level recommendation on a partner, for the level routes.
    static func recommendation(_ app: Application, _ world: World, _ partner: UUID) async throws -> UUID {
        let rec = TierRecommendation(
            partnerID: partner, asOf: Day(year: 2026, month: 2, day: 1), kind: .promote, fromTier: "Registered", toTier: "Silver",
            reason: "meets Silver")
        try await AccordStore(database: app.db).save([rec], programID: world.programID)
        return rec.id
    }

    /// A scheduled review on a partner, for the review routes.
    static func review(_ app: Application, _ partner: UUID) async throws -> UUID {
        let store = AccordStore(database: app.db)
        _ = try await store.scheduleReviews(
            partnerID: partner, calendar: .calendarYear, cadence: .quarterly, from: Day(year: 2026, month: 1, day: 1), through: testToday,
            at: app.clock.now())
        return try await store.reviews(partnerID: partner).first!.id
    }

    /// A draft goal on partner A written by one side, its behaviour a text the other side must never read.
    static func draft(_ app: Application, _ world: World, by headers: HTTPHeaders, _ secret: String) async throws -> UUID {
        var id: UUID!
        try await app.testing().test(
            .POST, "/api/v1/goals", headers: headers,
            body: json([
                "partner_id": world.partnerID.uuidString, "period": "FY2026 Q4", "metric": "certifications_earned", "target": "4",
                "behaviour": secret, "draft": true,
            ])
        ) { res in
            #expect(res.status == .created, "\(res.body.string)")
            id = try res.content.decode(DTO.Goal.self).id
        }
        return id
    }

    /// A proposed goal on each partner, for the goal routes.
    static func goals(_ app: Application, _ world: World) async throws -> (own: UUID, other: UUID) {
        func propose(_ partner: UUID) async throws -> UUID {
            var id: UUID!
            try await app.testing().test(
                .POST, "/api/v1/goals", headers: world.admin,
                body: json([
                    "partner_id": partner.uuidString, "period": "FY2026 Q4", "metric": "deal_registrations", "target": "5",
                    "behaviour": "Register deals",
                ])
            ) { res in
                #expect(res.status == .created, "\(res.body.string)")
                id = try res.content.decode(DTO.Goal.self).id
            }
            return id
        }
        return (try await propose(world.partnerID), try await propose(world.otherPartnerID))
    }
}
