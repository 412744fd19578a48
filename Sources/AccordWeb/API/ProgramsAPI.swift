import AccordCore
import AccordStore
import Foundation
import Vapor

/// `/api/v1/programs` and their metrics (DOMAIN §4).
enum ProgramsAPI {
    @Sendable static func list(req: Request) async throws -> DTO.Page<DTO.Program> {
        let programs = try await req.store.programs()
        let viewer = try req.viewer()
        return .init(items: programs.map { DTO.Program($0, seenBy: viewer) }, total: programs.count)
    }

    @Sendable static func show(req: Request) async throws -> DTO.Program {
        DTO.Program(try await req.store.program(try req.id("programID")), seenBy: try req.viewer())
    }

    /// Replaces the program's seasonality profiles (DOMAIN §6); audited, and the maintained progress is re-paced.
    @Sendable static func updateSeasonality(req: Request) async throws -> DTO.Program {
        let change = try req.json(DTO.SeasonalityIn.self).change
        let program = try await req.store.update(programID: try req.id("programID"), by: try req.actor(), at: req.clock.now()) {
            try change.apply(to: &$0)
        }
        return DTO.Program(program, seenBy: try req.viewer())
    }

    @Sendable static func updateDigestDay(req: Request) async throws -> DTO.Program {
        let text = try req.json(DTO.DigestDayIn.self).day
        guard let day = Weekday(text: text), Weekday.allCases.map({ $0.name.lowercased() }).contains(text.lowercased()) else {
            throw InputError("'\(text.prefix(40))' is not a day of the week: monday … sunday", field: "day")
        }
        let program = try await req.store.update(programID: try req.id("programID"), by: try req.actor(), at: req.clock.now()) {
            $0.settings.digestDay = day
        }
        return DTO.Program(program, seenBy: try req.viewer())
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let actor = try req.actor()
        let body = try req.json(DTO.NewProgram.self)
        let name = body.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200 else { throw InputError("a program needs a name of 1–200 characters", field: "name") }
        guard let currency = Currency(code: body.currency) else {
            throw InputError("'\(body.currency)' is not a currency code", field: "currency")
        }
        let program = Program(name: name, currency: currency, calendar: try FiscalCalendar(startMonth: body.fiscalYearStartMonth))
        try await req.store.create(program, by: actor, at: req.clock.now())
        return try await DTO.Program(program, seenBy: try req.viewer()).encodeResponse(status: .created, for: req)
    }

    @Sendable static func metrics(req: Request) async throws -> DTO.Page<DTO.Metric> {
        let metrics = try await req.store.metrics(of: try req.id("programID"))
        return .init(items: metrics.map(DTO.Metric.init), total: metrics.count)
    }

    @Sendable static func addMetric(req: Request) async throws -> Response {
        let actor = try req.actor()
        let programID = try req.id("programID")
        _ = try await req.store.program(programID)
        let body = try req.json(DTO.NewMetric.self)
        let metric = try Metric(
            key: body.key, name: body.name.trimmingCharacters(in: .whitespacesAndNewlines), unit: body.unit,
            aggregation: body.aggregation, direction: body.direction, category: body.category, source: .activity,
            summary: body.summary ?? ""
        ).validatedAsCustom()
        try await req.store.add(metric, to: programID, by: actor, at: req.clock.now())
        return try await DTO.Metric(metric).encodeResponse(status: .created, for: req)
    }
}

extension Request {
    /// The program named by `program_id` (query or body), or the only program when there is one.
    func program(_ id: UUID?) async throws -> Program {
        if let id = try id ?? queryUUID("program_id") { return try await store.program(id) }
        let programs = try await store.programs()
        guard let first = programs.first else { throw StoreError.notFound("a program (create one first)") }
        guard programs.count == 1 else { throw InputError("there are several programs: name one with program_id", field: "program_id") }
        return first
    }
}
