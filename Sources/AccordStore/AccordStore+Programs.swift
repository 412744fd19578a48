import AccordCore
import FluentKit
import Foundation

extension AccordStore {
    /// Creates a program with the built-in metric catalog (DOMAIN §4).
    public func create(_ program: Program, by actor: Actor, at now: Date) async throws {
        try await transaction { store in
            try await ProgramModel(program, at: now).create(on: store.database)
            for metric in MetricCatalog.all {
                try await MetricModel(metric, programID: program.id).create(on: store.database)
            }
            try await store.append(
                .change("create", of: "program", id: program.id.uuidString, before: nil as Program?, after: program, by: actor, at: now))
        }
    }

    public func programs() async throws -> [Program] {
        try await ProgramModel.query(on: database).sort(\.$createdAt).all().map { try $0.core() }
    }

    public func program(_ id: UUID) async throws -> Program {
        guard let model = try await ProgramModel.find(id, on: database) else { throw StoreError.notFound("program \(id)") }
        return try model.core()
    }

    public func update(_ program: Program, by actor: Actor, at now: Date) async throws {
        try await transaction { store in try await store.write(program, by: actor, at: now) }
    }

    /// Changes a program's settings from their state at commit, not from a copy read earlier: the program's row is
    /// locked first, then read, changed by `change` (which may refuse by throwing) and written. Two admins saving
    /// different settings at once keep both changes instead of the later one silently reverting the other.
    @discardableResult
    public func update(
        programID: UUID, by actor: Actor, at now: Date, _ change: @escaping @Sendable (inout Program) throws -> Void
    ) async throws -> Program {
        try await transaction { store in
            guard
                try await store.sql.raw("UPDATE programs SET id = id WHERE id = \(bind: programID) RETURNING id").first() != nil
            else { throw StoreError.notFound("program \(programID)") }
            var program = try await store.program(programID)
            try change(&program)
            try await store.write(program, by: actor, at: now)
            return program
        }
    }

    /// Writes a program with its audit entry; call inside a transaction.
    private func write(_ program: Program, by actor: Actor, at now: Date) async throws {
        guard let model = try await ProgramModel.find(program.id, on: database) else { throw StoreError.notFound("program \(program.id)") }
        let before = try model.core()
        try model.update(from: program)
        try await model.update(on: database)
        try await append(.change("update", of: "program", id: program.id.uuidString, before: before, after: program, by: actor, at: now))
        // Settings move progress (seasonality, the at-risk threshold, the checklist, the response window): the
        // maintained standings follow in the same transaction, as of the day they were.
        guard program.settings.movesProgress(from: before.settings), let day = try await lockStandings(programID: program.id) else {
            return
        }
        if program.settings.movesOnlyPacing(from: before.settings) {
            try await repaceStandings(
                programID: program.id, asOf: day, settings: program.settings,
                regions: program.settings.regionsRepaced(from: before.settings))
        } else {
            try await rebuildStandings(programID: program.id, asOf: day)
        }
    }

    public func metrics(of programID: UUID) async throws -> [Metric] {
        try await MetricModel.query(on: database).filter(\.$programID == programID).all().map { try $0.core() }
            .sorted { ($0.category.rawValue, $0.name) < ($1.category.rawValue, $1.name) }
    }

    public func metric(_ key: String, of programID: UUID) async throws -> Metric {
        guard let model = try await MetricModel.query(on: database).filter(\.$programID == programID).filter(\.$key == key).first()
        else { throw StoreError.notFound("metric '\(key)'") }
        return try model.core()
    }

    /// Adds a program's own metric (DOMAIN §4).
    public func add(_ metric: Metric, to programID: UUID, by actor: Actor, at now: Date) async throws {
        try await transaction { store in
            let existing = try await MetricModel.query(on: store.database).filter(\.$programID == programID)
                .filter(\.$key == metric.key).count()
            guard existing == 0 else { throw StoreError.duplicate("metric '\(metric.key)'") }
            try await MetricModel(metric, programID: programID).create(on: store.database)
            try await store.append(
                .change("create", of: "metric", id: metric.key, before: nil as Metric?, after: metric, by: actor, at: now))
        }
    }
}
