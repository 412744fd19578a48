import AccordCore
import AccordStore
import Vapor

/// `accord program-create NAME [--currency USD] [--fiscal-start-month 1]`: a new, empty partner program, for a
/// first install without the demo (and for the benchmark).
struct ProgramCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "name", help: "The program's name") var name: String
        @Option(name: "currency", help: "ISO currency code of every amount (default USD).") var currency: String?
        @Option(name: "fiscal-start-month", help: "The month the vendor's fiscal year starts, 1–12 (default 1).") var month: Int?
    }

    var help: String { "Creates an empty partner program and prints its id." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let name = signature.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200 else { throw InputError("a program needs a name of 1–200 characters") }
        guard let currency = Currency(code: signature.currency ?? "USD") else {
            throw InputError("'\(signature.currency ?? "")' is not a currency code")
        }
        let calendar: FiscalCalendar
        do { calendar = try FiscalCalendar(startMonth: signature.month ?? 1) } catch { throw InputError("\(error)") }
        let program = Program(name: name, currency: currency, calendar: calendar)
        try await AccordStore(database: context.application.db).create(program, by: operatorActor, at: context.application.clock.now())
        context.console.output(program.id.uuidString.consoleText())
    }
}
