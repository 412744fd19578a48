import AccordCore
import AccordStore
import Foundation
import Vapor

/// `accord reviews schedule|overdue`: reviews on the partners' rhythms (DOMAIN §11).
struct ReviewCommands: AsyncCommandGroup {
    var help: String { "Schedules reviews from agreed plans and lists overdue reviews and action items." }
    var commands: [String: any AnyAsyncCommand] { ["schedule": Schedule(), "overdue": Overdue()] }

    struct Schedule: AsyncCommand {
        struct Signature: CommandSignature {}
        var help: String { "Creates the reviews that fall due under every agreed plan's cadence (safe to run daily)." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            let store = AccordStore(database: app.db)
            let programID = try await resolveProgram(nil, store: store)
            var created = 0
            for partner in try await store.partners(of: programID) {
                guard let plan = try await store.plans(partnerID: partner.id).first(where: { $0.agreedContent != nil }),
                    let content = plan.agreedContent
                else { continue }
                created += try await store.scheduleReviews(
                    partnerID: partner.id, calendar: partner.calendar, cadence: content.cadence, from: app.clock.today,
                    through: partner.calendar.firstDay(ofFiscalYear: content.lastFiscalYear + 1), at: app.clock.now())
            }
            context.console.info("Scheduled \(created) review(s).")
        }
    }

    struct Overdue: AsyncCommand {
        struct Signature: CommandSignature {}
        var help: String { "Lists reviews not held in time and open action items past their due date." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            let store = AccordStore(database: app.db)
            let today = app.clock.today
            var lines = 0
            for review in try await store.reviews(dueBy: today) {
                let partner = try await store.partner(review.partnerID)
                if review.isOverdue(today: today) {
                    context.console.output(
                        "\(partner.externalKey)\t\(partner.name)\treview of \(review.period.label) due \(review.due.iso)\tnot held"
                            .consoleText())
                    lines += 1
                }
                for item in review.actionItems where item.isOverdue(today: today) {
                    context.console.output(
                        "\(partner.externalKey)\t\(partner.name)\taction '\(item.title)' (\(item.side.rawValue), \(item.owner)) due \(item.due.iso)"
                            .consoleText())
                    lines += 1
                }
            }
            context.console.info(lines == 0 ? "Nothing is overdue." : "\(lines) overdue item(s).")
        }
    }
}
