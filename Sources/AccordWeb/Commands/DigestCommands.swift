import AccordCore
import AccordStore
import Foundation
import Vapor

/// `accord digest send [--dry-run] [--program ID]` and `accord digest day [--set DAY] [--program ID]`: the weekly "where do
/// we stand" digest (issue 19), which `accord serve` also sends on each program's day.
struct DigestCommands: AsyncCommandGroup {
    var help: String { "Sends this week's digests (send) or shows and sets the program's digest day (day)." }
    var commands: [String: any AnyAsyncCommand] { ["send": Send(), "day": DayCommand()] }

    struct Send: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "program", help: "Program id (default: every program).") var program: String?
            @Flag(name: "dry-run", help: "Print what each recipient would receive; write and claim nothing.") var dryRun: Bool
        }

        var help: String {
            "Writes this week's digest of every program to the outbox, once per week (the schedule in accord serve does the same)."
        }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            let store = AccordStore(database: app.db)
            let programID = signature.program == nil ? nil : try await resolveProgram(signature.program, store: store)
            let run = DigestRun(store: store, publicURL: app.publicURL, clock: app.clock)
            if signature.dryRun {
                for report in try await run.preview(programID: programID) {
                    context.console.info("\(report.program.name), week of \(report.week.readable): \(report.messages.count) digests")
                    for message in report.messages {
                        context.console.output("To: \(message.to.text)\nSubject: \(message.subject)\n\n\(message.text)".consoleText())
                    }
                }
                return
            }
            for report in try await run.sendDue(programID: programID) {
                if report.notDue {
                    context.console.info(
                        "\(report.program.name): the digest goes out on \(report.program.settings.digestDay.name)s; name the program with --program to send it now."
                    )
                    continue
                }
                context.console.info(
                    report.alreadySent
                        ? "\(report.program.name): the digest of the week of \(report.week.readable) was written before; nothing new."
                        : "\(report.program.name): \(report.messages.count) digests for the week of \(report.week.readable) written to the outbox."
                )
            }
        }
    }

    struct DayCommand: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "set", help: "monday … sunday; leave out to show the day") var day: String?
            @Option(name: "program", help: "Program id (needed only when there are several programs).") var program: String?
        }

        var help: String { "Shows or sets the day of the week the program's digest goes out." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let store = AccordStore(database: context.application.db)
            let programID = try await resolveProgram(signature.program, store: store)
            guard let text = signature.day else {
                let program = try await store.program(programID)
                context.console.output("\(program.name): the digest goes out on \(program.settings.digestDay.name)s.".consoleText())
                return
            }
            guard let day = Weekday(text: text) else { throw InputError("'\(text.prefix(40))' is not a day of the week (monday … sunday)") }
            let program = try await store.update(programID: programID, by: operatorActor, at: context.application.clock.now()) {
                $0.settings.digestDay = day
            }
            context.console.output("\(program.name): the digest goes out on \(program.settings.digestDay.name)s.".consoleText())
        }
    }
}

/// `accord reminders send [--dry-run]`: the reminders due now (a proposal about to lapse, an action item due soon).
struct ReminderCommands: AsyncCommandGroup {
    var help: String { "Writes the reminders that are due to the outbox (accord serve does it every few minutes)." }
    var commands: [String: any AnyAsyncCommand] { ["send": Send()] }

    struct Send: AsyncCommand {
        struct Signature: CommandSignature {
            @Flag(name: "dry-run", help: "Print the reminders that are due; write nothing.") var dryRun: Bool
        }

        var help: String { "Writes the reminders due now to the outbox; one per event and recipient, so running it again adds nothing." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            let messages = try await ReminderRun(store: AccordStore(database: app.db), publicURL: app.publicURL, clock: app.clock)
                .send(write: !signature.dryRun)
            context.console.info(
                "\(messages.count) reminders " + (signature.dryRun ? "due (dry run: nothing written)." : "written to the outbox."))
            for message in messages { context.console.output("\(message.to.text)\t\(message.subject)".consoleText()) }
        }
    }
}
