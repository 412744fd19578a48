import AccordStore
import Vapor

/// `accord refresh`: brings every program's maintained goal progress to today (for cron; `accord serve` does it
/// itself every hour and whenever a page finds it a day behind).
struct RefreshCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Brings the maintained goal progress of every program to today." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let store = AccordStore(database: app.db)
        let today = app.clock.today
        for program in try await store.programs() {
            let moved = try await store.bringStandings(programID: program.id, to: today)
            context.console.info("\(program.name): goal progress \(moved ? "brought to" : "already as of") \(today.iso)")
        }
    }
}
