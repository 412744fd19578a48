import AccordCore
import FluentKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit

@testable import AccordStore

/// A migrated, empty database for one test: in-memory SQLite, or a fresh schema of the
/// PostgreSQL named by `TEST_DATABASE_URL`, dropped afterwards, so tests run in parallel.
func withStore<T>(_ body: (AccordStore) async throws -> T) async throws -> T {
    let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
    let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    let location: DatabaseLocation
    if let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty {
        location = .postgres(url: url, schema: String(schema))
    } else {
        location = .sqliteMemory
    }
    try location.register(on: databases)
    var logger = Logger(label: "accord.tests")
    logger.logLevel = .warning
    let database = databases.database(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
    let sql = database as! any SQLDatabase
    if location.isPostgres { try await sql.raw("CREATE SCHEMA \(ident: String(schema))").run() }
    let migrations = Migrations()
    migrations.add(AccordMigrations.all)
    let migrator = Migrator(databases: databases, migrations: migrations, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())
    do {
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
        let result = try await body(AccordStore(database: database))
        if location.isPostgres { try await sql.raw("DROP SCHEMA \(ident: String(schema)) CASCADE").run() }
        await databases.shutdownAsync()
        return result
    } catch {
        if location.isPostgres { try? await sql.raw("DROP SCHEMA \(ident: String(schema)) CASCADE").run() }
        await databases.shutdownAsync()
        throw error
    }
}

enum StoreFixture {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let admin = Actor(name: "Ada Admin", role: .programAdmin)
    static let cam = Actor(name: "Casey CAM", role: .channelManager)
    static let partnerAdmin = Actor(name: "Pat Partner", role: .partnerAdmin)

    static func program() -> Program {
        Program(name: "Test program", currency: .usd, calendar: .calendarYear)
    }

    /// A stored program with one stored partner (July calendar).
    static func programWithPartner(_ store: AccordStore) async throws -> (Program, Partner) {
        let program = program()
        try await store.create(program, by: admin, at: now)
        let partner = partner(program)
        try await store.create(partner, by: admin, at: now)
        return (program, partner)
    }

    static func partner(_ program: Program, key: String = "P-1", startMonth: Int = 7, stage: LifecycleStage = .established) -> Partner {
        Partner(
            programID: program.id, name: "Partner \(key)", externalKey: key, businessModel: .reseller, region: "EMEA",
            channelManager: "Casey CAM", calendar: FiscalCalendar(validStartMonth: startMonth), tier: "Gold", stage: stage)
    }

    static func sale(_ id: String, _ key: String, _ day: Day, _ cents: Int64, customer: String = "Globex") -> SalesLine {
        SalesLine(
            id: id, partnerKey: key, day: day, amount: Money(minorUnits: cents, currency: .usd), solution: "Firewall", customer: customer,
            region: "EMEA")
    }

    static func activity(_ id: String, _ key: String, _ day: Day, _ metric: String, _ value: Int64, subject: String = "") -> ActivityRecord
    {
        ActivityRecord(id: id, partnerKey: key, day: day, metricKey: metric, value: value, subject: subject)
    }
}
