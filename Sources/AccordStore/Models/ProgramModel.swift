import AccordCore
import FluentKit
import Foundation

final class ProgramModel: Model, @unchecked Sendable {
    static let schema = "programs"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "currency") var currency: String
    @Field(key: "fiscal_start_month") var fiscalStartMonth: Int
    /// ProgramSettings as JSON: settings change together and are read together.
    @Field(key: "settings") var settings: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(_ program: Program, at: Date) throws {
        id = program.id
        createdAt = at
        try update(from: program)
    }

    func update(from program: Program) throws {
        name = program.name
        currency = program.currency.code
        fiscalStartMonth = program.calendar.startMonth
        settings = String(decoding: try JSONEncoder().encode(program.settings), as: UTF8.self)
    }

    func core() throws -> Program {
        Program(
            id: try requireID(), name: name, currency: Currency(code: currency) ?? .usd,
            calendar: FiscalCalendar(validStartMonth: fiscalStartMonth),
            settings: try JSONDecoder().decode(ProgramSettings.self, from: Data(settings.utf8)))
    }
}

final class MetricModel: Model, @unchecked Sendable {
    static let schema = "metrics"

    @ID(key: .id) var id: UUID?
    @Field(key: "program_id") var programID: UUID
    @Field(key: "key") var key: String
    @Field(key: "name") var name: String
    @Field(key: "unit") var unit: String
    @Field(key: "aggregation") var aggregation: String
    @Field(key: "direction") var direction: String
    @Field(key: "category") var category: String
    @Field(key: "source") var source: String
    @Field(key: "summary") var summary: String

    init() {}

    init(_ metric: Metric, programID: UUID) {
        id = UUID()
        self.programID = programID
        key = metric.key
        name = metric.name
        unit = metric.unit.rawValue
        aggregation = metric.aggregation.rawValue
        direction = metric.direction.rawValue
        category = metric.category.rawValue
        source = metric.source.rawValue
        summary = metric.summary
    }

    func core() throws -> Metric {
        guard let unit = MetricUnit(rawValue: unit), let aggregation = Aggregation(rawValue: aggregation),
            let direction = Direction(rawValue: direction), let category = MetricCategory(rawValue: category),
            let source = FactSource(rawValue: source)
        else { throw StoreError.corrupt("metric \(key)") }
        return Metric(
            key: key, name: name, unit: unit, aggregation: aggregation, direction: direction, category: category,
            source: source, summary: summary)
    }
}
