import AccordCore
import AccordStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// DOMAIN §5.2 as people meet it: a conversation on each goal, answers that cannot be undone confirmed, and
/// "Waiting for you" telling each side what it owes — and nothing of anyone else's.
@Suite("§5.2 Negotiation that reaches people")
struct NegotiationTests {
    func goal(_ app: Application, _ id: UUID, as headers: HTTPHeaders) async throws -> DTO.Goal {
        var goal: DTO.Goal!
        try await app.testing().test(.GET, "/api/v1/goals/\(id)", headers: headers) { res in
            #expect(res.status == .ok)
            goal = try res.content.decode(DTO.Goal.self)
        }
        return goal
    }

    func inbox(_ app: Application, as headers: HTTPHeaders) async throws -> DTO.Inbox {
        var inbox: DTO.Inbox!
        try await app.testing().test(.GET, "/api/v1/inbox", headers: headers) { res in
            #expect(res.status == .ok, "\(res.body.string)")
            inbox = try res.content.decode(DTO.Inbox.self)
        }
        return inbox
    }

    @Test func bothSidesReadTheConversationAndACounterKeepsItsReasonBesideTheBehaviour() async throws {
        try await withAccord { app in
            // setup
            let world = try await World.make(app)
            _ = try await world.propose(app, metric: "deal_registrations", target: "6")
            let proposed = try await world.propose(app, target: "130000").content.decode(DTO.Goal.self)
            // act
            try await app.testing().test(
                .POST, "/api/v1/goals/\(proposed.id)/counter", headers: world.partnerAdmin,
                body: json(["target": "115000", "comment": "Two of our sales reps leave in October."])
            ) { res in #expect(res.status == .ok) }
            try await app.testing().test(
                .POST, "/api/v1/goals/\(proposed.id)/comments", headers: world.cam, body: json(["text": "Understood; 120,000?"])
            ) { res in
                #expect(res.status == .created)
                let goal = try res.content.decode(DTO.Goal.self)
                #expect(goal.comments.count == 2)
            }
            // validate
            let seen = try await goal(app, proposed.id, as: world.partnerAdmin)
            #expect(seen.behaviour == proposed.behaviour, "the reason did not overwrite the behaviour")
            #expect(seen.comments.map(\.text) == ["Two of our sales reps leave in October.", "Understood; 120,000?"])
            #expect(seen.comments.map(\.revision) == [2, 2])
            #expect(seen.comments.map(\.side) == ["partner", "vendor"])
            #expect(try await goal(app, proposed.id, as: world.partnerMember).comments.count == 2, "a member reads it too")
            try await app.testing().test(
                .POST, "/api/v1/goals/\(proposed.id)/comments", headers: world.partnerMember, body: json(["text": "me too"])
            ) { res in #expect(res.status == .forbidden, "a member is read-mostly") }
            try await app.testing().test(
                .POST, "/api/v1/goals/\(proposed.id)/comments", headers: world.otherPartnerAdmin, body: json(["text": "hello"])
            ) { res in #expect(res.status == .notFound) }
            try await app.testing().test(
                .POST, "/api/v1/goals/\(proposed.id)/comments", headers: world.cam, body: json(["text": "  "])
            ) { res in #expect(res.status == .unprocessableEntity) }
            let audit = try await AccordStore(database: app.db).auditEntries(entity: "goal", entityID: proposed.id.uuidString)
            #expect(audit.map(\.action).contains("comment"), "a comment is kept in the audit log")
        }
    }

    @Test func aDraftHasNoConversationAndADeclineNeedsAReason() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            var draft: DTO.Goal!
            try await app.testing().test(
                .POST, "/api/v1/goals", headers: world.cam,
                body: json([
                    "partner_id": world.partnerID.uuidString, "period": "FY2026 Q4", "metric": "deal_registrations", "target": "6",
                    "behaviour": "Register every deal", "draft": true,
                ])
            ) { res in draft = try res.content.decode(DTO.Goal.self) }
            try await app.testing().test(
                .POST, "/api/v1/goals/\(draft.id)/comments", headers: world.partnerAdmin, body: json(["text": "?"])
            ) {
                res in #expect(res.status == .notFound, "the partner cannot reach the vendor's draft")
            }
            try await app.testing().test(.POST, "/api/v1/goals/\(draft.id)/comments", headers: world.cam, body: json(["text": "note"])) {
                res in #expect(res.status == .unprocessableEntity)
            }
            try await app.testing().test(.POST, "/api/v1/goals/\(draft.id)/send", headers: world.cam) { res in #expect(res.status == .ok) }
            try await app.testing().test(.POST, "/api/v1/goals/\(draft.id)/decline", headers: world.partnerAdmin, body: json([:])) { res in
                #expect(res.status == .unprocessableEntity)
                #expect(res.errorReason?.contains("Say why") == true)
            }
            try await app.testing().test(
                .POST, "/api/v1/goals/\(draft.id)/decline", headers: world.partnerAdmin, body: json(["reason": "Not this quarter"])
            ) { res in
                let goal = try res.content.decode(DTO.Goal.self)
                #expect(goal.status == "declined")
            }
        }
    }

    @Test func theInboxListsWhatWaitsForEachSideAndNothingOfAnyoneElses() async throws {
        try await withAccord { app in
            // setup: the CAM proposes two goals to partner A
            let world = try await World.make(app)
            let deals = try await world.propose(app, metric: "deal_registrations", target: "6").content.decode(DTO.Goal.self)
            let revenue = try await world.propose(app, target: "130000").content.decode(DTO.Goal.self)
            // validate: the partner admin owes two answers; nobody else does
            let partner = try await inbox(app, as: world.partnerAdmin)
            #expect(partner.counts["goal_to_answer"] == 2 && Set(partner.items.compactMap(\.goalId)) == [deals.id, revenue.id])
            #expect(try await inbox(app, as: world.partnerMember).total == 0, "a member answers nothing for the partner")
            #expect(try await inbox(app, as: world.otherPartnerAdmin).total == 0, "another partner's proposals are not theirs")
            #expect(try await inbox(app, as: world.cam).counts["goal_to_answer"] == 0, "the CAM's own proposals wait for the partner")
            // act: the partner counters one and declines the other
            try await app.testing().test(
                .POST, "/api/v1/goals/\(revenue.id)/counter", headers: world.partnerAdmin, body: json(["target": "115000"])
            ) {
                res in #expect(res.status == .ok)
            }
            try await app.testing().test(
                .POST, "/api/v1/goals/\(deals.id)/decline", headers: world.partnerAdmin,
                body: json(["reason": "We count deals by quarter end"])
            ) { res in #expect(res.status == .ok) }
            // validate: the counter waits for the vendor in the CAM's portfolio and the program, not in the other CAM's
            let cam = try await inbox(app, as: world.cam)
            #expect(cam.counts["goal_to_answer"] == 1 && cam.items.first { $0.kind == "goal_to_answer" }?.goalId == revenue.id)
            #expect(cam.counts["declined_goal"] == 1)
            #expect(cam.items.first { $0.kind == "declined_goal" }?.text == "We count deals by quarter end")
            #expect(try await inbox(app, as: world.admin).counts["goal_to_answer"] == 1)
            #expect(try await inbox(app, as: world.otherCAM).total == 0)
            #expect(try await inbox(app, as: world.partnerAdmin).total == 0, "the partner has answered everything")
            // act: proposed again, the decline is decided
            _ = try await world.propose(app, metric: "deal_registrations", target: "7")
            #expect(try await inbox(app, as: world.cam).counts["declined_goal"] == 0)
            // a vendor draft reaches no partner inbox
            try await app.testing().test(
                .POST, "/api/v1/goals", headers: world.cam,
                body: json([
                    "partner_id": world.partnerID.uuidString, "period": "FY2027 Q1", "metric": "deal_registrations", "target": "6",
                    "behaviour": "Register every deal", "draft": true,
                ])
            ) { res in #expect(res.status == .created) }
            #expect(try await inbox(app, as: world.partnerAdmin).counts["goal_to_answer"] == 1, "the new deals goal only, not the draft")
        }
    }

    @Test func aProposalAboutToLapseReviewsToHoldAndOwnedActionItemsWaitForTheirPeople() async throws {
        try await withAccord { app in
            // setup: a proposal with the response window's fourteen days ahead of it
            let world = try await World.make(app)
            let proposed = try await world.propose(app, metric: "deal_registrations", target: "6").content.decode(DTO.Goal.self)
            #expect(try await inbox(app, as: world.cam).counts["proposal_lapsing"] == 0, "fourteen days left: nothing to chase yet")
            let start = app.clock.now()
            app.clock = .fixed(start.addingTimeInterval(12 * 86_400))
            let chase = try await inbox(app, as: world.cam)
            #expect(
                chase.counts["proposal_lapsing"] == 1 && chase.items.first?.goalId == proposed.id && chase.items.first?.overdue == false)
            #expect(try await inbox(app, as: world.partnerAdmin).counts["goal_to_answer"] == 1, "the partner still owes the answer")
            app.clock = .fixed(start.addingTimeInterval(15 * 86_400))
            #expect(try await inbox(app, as: world.cam).items.first { $0.kind == "proposal_lapsing" }?.overdue == true, "lapsed unanswered")
            app.clock = .fixed(start)
            let store = AccordStore(database: app.db)
            let calendar = FiscalCalendar(validStartMonth: 1)
            let november = Period(calendar: calendar, kind: .month, fiscalYear: 2026, index: 11)
            let september = Period(calendar: calendar, kind: .month, fiscalYear: 2026, index: 9)
            try await store.save(Review(partnerID: world.partnerID, period: november), created: app.clock.now())
            var held = Review(partnerID: world.partnerID, period: september)
            try held.hold(
                on: Day(year: 2026, month: 10, day: 2),
                attendees: [.init(name: "Casey", side: .vendor), .init(name: "Pat", side: .partner)],
                snapshot: [], notes: "", decisions: [],
                actionItems: [
                    ActionItem(
                        side: .partner, owner: "token Pat Partner", title: "Send the healthcare pipeline", due: testToday.advanced(by: -2)),
                    ActionItem(side: .vendor, owner: "token Casey CAM", title: "Book the MDF event", due: testToday.advanced(by: 5)),
                ])
            try await store.save(held, created: app.clock.now())
            // validate: the review due 30 November can be held; each owner has their own item, overdue first
            let partner = try await inbox(app, as: world.partnerAdmin)
            #expect(partner.counts["review_to_hold"] == 1 && partner.counts["action_item"] == 1)
            #expect(partner.items.first?.kind == "action_item" && partner.items.first?.overdue == true, "the overdue item comes first")
            let cam = try await inbox(app, as: world.cam)
            #expect(cam.items.first { $0.kind == "action_item" }?.text == "Book the MDF event")
            #expect(try await inbox(app, as: world.otherPartnerAdmin).total == 0)
            // act: the item is marked done
            let item = try #require(held.actionItems.first)
            _ = try await store.closeActionItem(
                reviewID: held.id, itemID: item.id, as: .done, on: testToday, by: Actor(name: "token Pat Partner", role: .partnerAdmin),
                at: app.clock.now())
            #expect(try await inbox(app, as: world.partnerAdmin).counts["action_item"] == 0)
        }
    }

    @Test func declineAndWithdrawAreConfirmedBeforeAnythingIsSavedAndEachActionSaysItWorked() async throws {
        try await withAccord { app in
            // setup
            let world = try await World.make(app)
            let deals = try await world.propose(app, metric: "deal_registrations", target: "6").content.decode(DTO.Goal.self)
            let revenue = try await world.propose(app, target: "130000").content.decode(DTO.Goal.self)
            var partner = try await signedIn(app, "pat", name: "Pat Partner", role: .partnerAdmin, partner: world.partnerID)
            let page = try await partner.get("/goals/\(deals.id)")
            #expect(page.body.string.contains(#"<span class="count">2</span>"#), "two answers wait, counted in the navigation")
            let csrf = Browser.csrf(in: page)
            // act and validate: no reason, no decline
            let blank = try await partner.post("/goals/\(deals.id)/decline", form: ["_csrf": csrf, "reason": "  "])
            #expect(blank.status == .unprocessableEntity && blank.body.string.contains(#"id="reason-error">Say why"#))
            // a reason: read back once, nothing saved yet
            let asked = try await partner.post(
                "/goals/\(deals.id)/decline", form: ["_csrf": csrf, "reason": "We count deals at quarter end"])
            #expect(asked.status == .ok && asked.body.string.contains("Decline this goal?"))
            #expect(asked.body.string.contains(#"name="confirmed" value="yes""#))
            #expect(try await goal(app, deals.id, as: world.admin).status == "proposed", "nothing is saved before the confirmation")
            let done = try await partner.post(
                "/goals/\(deals.id)/decline", form: ["_csrf": csrf, "reason": "We count deals at quarter end", "confirmed": "yes"])
            #expect(
                done.status == .seeOther && done.headers.first(name: .location) == "/goals/\(deals.id.uuidString.lowercased())?done=decline"
            )
            #expect(try await goal(app, deals.id, as: world.admin).status == "declined")
            var cam = try await signedIn(app, "casey", name: "Casey CAM", role: .channelManager)
            let declined = try await cam.get("/goals/\(deals.id)?done=decline")
            #expect(declined.body.string.contains("You declined the proposal"))
            #expect(declined.body.string.contains("Propose again from these terms"))
            let again = try await cam.get(
                "/partners/\(world.partnerID.uuidString.lowercased())/goals/new?period=FY2026%20Q4&metric=deal_registrations&target=6&behaviour=Win%20two&owner=partner"
            )
            #expect(again.body.string.contains(#"name="target" id="target" value="6""#), "the form is prefilled with the declined terms")
            // the CAM's withdraw is asked once more too
            let camCSRF = Browser.csrf(in: declined)
            let withdrawAsked = try await cam.post("/goals/\(revenue.id)/withdraw", form: ["_csrf": camCSRF])
            #expect(withdrawAsked.status == .ok && withdrawAsked.body.string.contains("Withdraw this proposal?"))
            #expect(try await goal(app, revenue.id, as: world.admin).status == "proposed")
            let withdrawn = try await cam.post("/goals/\(revenue.id)/withdraw", form: ["_csrf": camCSRF, "confirmed": "yes"])
            #expect(withdrawn.status == .seeOther)
            #expect(try await goal(app, revenue.id, as: world.admin).status == "withdrawn")
            // an answer that may not be given is refused on the first step, with the rule's reason
            let refused = try await partner.post("/goals/\(revenue.id)/decline", form: ["_csrf": csrf, "reason": "late"])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("cannot be declined"))
        }
    }

    @Test func theInboxPageListsWhatWaitsWithLinksAndCommentsAreWrittenOnTheGoalPage() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let deals = try await world.propose(app, metric: "deal_registrations", target: "6").content.decode(DTO.Goal.self)
            var partner = try await signedIn(app, "pat", name: "Pat Partner", role: .partnerAdmin, partner: world.partnerID)
            let inbox = try await partner.get("/inbox")
            #expect(inbox.status == .ok)
            let html = inbox.body.string
            #expect(html.contains("Goal to answer · Globex Resellers"))
            #expect(html.contains(#"href="/goals/\#(deals.id.uuidString.lowercased())""#))
            #expect(html.contains("Deal registrations · FY2026 Q4"))
            let csrf = Browser.csrf(in: inbox)
            let commented = try await partner.post(
                "/goals/\(deals.id)/comment", form: ["_csrf": csrf, "comment": "Can we make it 5 <this> quarter?"])
            #expect(commented.status == .seeOther)
            let page = try await partner.get("/goals/\(deals.id)?done=comment")
            #expect(page.body.string.contains("Can we make it 5 &lt;this&gt; quarter?"), "the comment is shown, escaped")
            #expect(page.body.string.contains("Your comment was added"))
            let empty = try await partner.post("/goals/\(deals.id)/comment", form: ["_csrf": csrf, "comment": ""])
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains(#"id="comment-error">Write the comment first."#))
            var member = try await signedIn(app, "mo.member", name: "Mo Member", role: .partnerMember, partner: world.partnerID)
            let memberInbox = try await member.get("/inbox")
            #expect(memberInbox.body.string.contains("Nothing waits for you"), "a member answers nothing for the partner")
        }
    }

    @Test func aTargetFarOutsideTheMetricsHistoryIsAskedAboutNotSavedSilently() async throws {
        try await withAccord { app in
            // setup: four deal registrations a year ago
            let world = try await World.make(app)
            // act and validate: through the API
            let far = try await world.propose(app, metric: "deal_registrations", target: "450000")
            #expect(far.status == .unprocessableEntity && far.errorReason?.contains("far outside this metric's history") == true)
            try await app.testing().test(
                .POST, "/api/v1/goals", headers: world.cam,
                body: json([
                    "partner_id": world.partnerID.uuidString, "period": "FY2026 Q4", "metric": "deal_registrations", "target": "450000",
                    "behaviour": "Register every deal", "confirm_far_target": true,
                ])
            ) { res in #expect(res.status == .created, "meant, and said so") }
            // and on the page: the refusal offers the confirmation, which then proposes
            var cam = try await signedIn(app, "casey", name: "Casey CAM", role: .channelManager)
            let path = "/partners/\(world.partnerID)/goals/new"
            let form = try await cam.get(path + "?period=FY2026%20Q4&metric=deal_registrations")
            var fields = [
                "_csrf": Browser.csrf(in: form), "period": "FY2026 Q4", "metric": "deal_registrations", "shown_period": "FY2026 Q4",
                "shown_metric": "deal_registrations", "target": "900", "behaviour": "Register every deal", "owner": "vendor",
            ]
            let asked = try await cam.post(path, form: fields)
            #expect(asked.status == .unprocessableEntity)
            #expect(asked.body.string.contains(#"name="confirm_far""#) && asked.body.string.contains(#"value="900""#))
            fields["confirm_far"] = "yes"
            let saved = try await cam.post(path, form: fields)
            #expect(saved.status == .seeOther)
        }
    }

    @Test func thePartnersHomeSaysWhereItStandsAndWhatEachGoalEarnsOrCosts() async throws {
        try await withAccord { app in
            // setup: an agreed revenue goal that grants MDF and withdraws co-selling, under a carrot-and-stick policy
            let world = try await World.make(app)
            let goal = try await world.agreedRevenueGoal(app)
            try await app.testing().test(
                .POST, "/api/v1/programs/\(world.programID)/settings/motivation", headers: world.admin,
                body: json(["motivation_policy": "both"])
            ) { res in #expect(res.status == .ok, "\(res.body.string)") }
            try await app.testing().test(
                .POST, "/api/v1/goals/\(goal.id)/benefits", headers: world.admin,
                body: json([
                    "rewards": [["kind": "mdf", "amount": "5000"]], "consequences": [["kind": "co_selling", "detail": "joint calls"]],
                ])
            ) { res in #expect(res.status == .ok, "\(res.body.string)") }
            let sale = "transaction_id,partner_key,date,amount,currency,customer\nQ4-1,GX-1,2026-10-20,30000.00,USD,Acme\n"
            try await app.testing().test(.POST, "/api/v1/imports/sales", headers: world.cam, body: ByteBuffer(string: sale)) { res in
                #expect(res.status == .created)
            }
            // act
            var partner = try await signedIn(app, "pat", name: "Pat Partner", role: .partnerAdmin, partner: world.partnerID)
            let html = try await partner.get("/partners/\(world.partnerID)").body.string
            // validate
            #expect(html.contains("Where you stand in FY2026 Q4:"))
            #expect(html.contains("Making it earns: </strong>") && html.contains("$5,000"))
            #expect(html.contains("Missing it withdraws: </strong>"))
            #expect(html.contains("At this pace"), "an active goal says where it ends at today's pace")
        }
    }
}
