import Vapor

/// Registers Accord's commands next to Vapor's `migrate` and `routes`.
enum AccordCommands {
    static func register(on app: Application) {
        if let serve = app.asyncCommands.commands["serve"] {
            app.asyncCommands.use(ServeCommandWithDemo(serve: serve), as: "serve", isDefault: true)
        }
        app.asyncCommands.use(ImportCommand(), as: "import")
        app.asyncCommands.use(ClosePeriodCommand(), as: "close-period")
        app.asyncCommands.use(CheckRollupsCommand(), as: "check-rollups")
        app.asyncCommands.use(CheckScorecardCommand(), as: "check-scorecard")
        app.asyncCommands.use(RefreshCommand(), as: "refresh")
        app.asyncCommands.use(BackupCommand(), as: "backup")
        app.asyncCommands.use(BenchGoalsCommand(), as: "bench-goals")
        app.asyncCommands.use(ScorecardCommand(), as: "scorecard")
        app.asyncCommands.use(ProgramCreateCommand(), as: "program-create")
        app.asyncCommands.use(SeasonalityCommand(), as: "seasonality")
        app.asyncCommands.use(DemoCommand(), as: "demo")
        app.asyncCommands.use(UserCommands(), as: "user")
        app.asyncCommands.use(TokenCommands(), as: "token")
        app.asyncCommands.use(ReviewCommands(), as: "reviews")
        app.asyncCommands.use(OutboxCommands(), as: "outbox")
        app.asyncCommands.use(DigestCommands(), as: "digest")
        app.asyncCommands.use(ReminderCommands(), as: "reminders")
    }
}

/// `accord serve [--demo]`: Vapor's serve, after loading the demo program into an empty database.
struct ServeCommandWithDemo: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "demo", help: "Load the demo program first if the database holds no program.")
        var demo: Bool
        @Option(name: "hostname", short: "H", help: "Set the hostname the server will run on (default 127.0.0.1).")
        var hostname: String?
        @Option(name: "port", short: "p", help: "Set the port the server will run on (default 8080).")
        var port: Int?
        @Option(name: "bind", short: "b", help: "Convenience for setting hostname and port together.")
        var bind: String?
    }

    let serve: any AnyAsyncCommand
    var help: String { "Serves Accord (with --demo: loads the demo program into an empty database first)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        if signature.demo {
            let loaded = try await DemoLoader(app: context.application).loadIfEmpty()
            context.console.info(
                loaded ? "Loaded the demo program." : "The database already holds a program; the demo was not loaded again.")
            context.console.info(DemoUsers.signInHelp)
        }
        // A relay that cannot be read stops the server here, naming the variable, instead of losing messages later.
        if let relay = try SMTPRelay.fromEnvironment(ProcessInfo.processInfo.environment, publicURL: context.application.publicURL) {
            OutboxWorker.start(on: context.application, relay: relay)
            context.console.info("Messages go to the relay \(relay.host):\(relay.port) from \(relay.from).")
        } else {
            context.console.info("ACCORD_SMTP_URL is not set: messages stay in the outbox (accord outbox list).")
        }
        StandingsTick.start(on: context.application)
        NoticeSchedule.start(on: context.application)
        var arguments = ["accord serve"]
        if let hostname = signature.hostname { arguments += ["--hostname", hostname] }
        if let port = signature.port { arguments += ["--port", String(port)] }
        if let bind = signature.bind { arguments += ["--bind", bind] }
        var inner = context
        inner.input = CommandInput(arguments: arguments)
        try await serve.run(using: &inner)
    }
}
