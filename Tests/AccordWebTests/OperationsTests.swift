import AccordCore
import AccordStore
import Fluent
import FluentPostgresDriver
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// What the people who run Accord rely on: health and readiness, metrics, request ids, backups, and a clean 503
/// while the database is away.
@Suite("Operations")
struct OperationsTests {
    @Test func healthAndReadinessAnswerWithoutSigningIn() async throws {
        try await withAccord { app in
            try await app.testing().test(.GET, "/healthz") { res in #expect(res.status == .ok) }
            try await app.testing().test(.GET, "/readyz") { res in
                #expect(res.status == .ok)
                #expect(res.body.string.contains(#""status":"ready""#))
            }
        }
    }

    @Test func metricsCountRequestsByRouteAndImportedRows() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            try await app.testing().test(.GET, "/api/v1/partners/\(world.partnerID)", headers: world.cam) { #expect($0.status == .ok) }
            let csv = "transaction_id,partner_key,date,amount,currency,customer\nMX1,GX-1,2026-10-01,5.00,USD,A\n"
            try await app.testing().test(
                .POST, "/api/v1/imports/sales", headers: world.cam, body: ByteBuffer(string: csv)
            ) { #expect($0.status == .created) }
            try await app.testing().test(.GET, "/metrics") { res in
                #expect(res.status == .ok)
                #expect(res.headers.contentType?.description.hasPrefix("text/plain") == true)
                let text = res.body.string
                // The route's pattern, never the partner's id: ids stay out of metric labels.
                #expect(text.contains(#"accord_http_requests_total{method="GET",route="/api/v1/partners/:partnerID",status="200"}"#))
                #expect(!text.contains(world.partnerID.uuidString.lowercased()) && !text.contains(world.partnerID.uuidString))
                #expect(text.contains(#"accord_http_request_duration_seconds_bucket{method="GET",route="/api/v1/partners/:partnerID""#))
                #expect(text.contains(#"accord_import_rows_total{kind="sales",outcome="inserted"}"#))
                #expect(text.contains("accord_database_pool_max_connections"))
            }
        }
    }

    @Test func everyResponseCarriesARequestIdAndASaneOneFromTheProxyIsKept() async throws {
        try await withAccord { app in
            try await app.testing().test(.GET, "/healthz", headers: ["X-Request-Id": "proxy-42.a"]) { res in
                #expect(res.headers.first(name: "X-Request-Id") == "proxy-42.a")
            }
            try await app.testing().test(.GET, "/healthz", headers: ["X-Request-Id": "<script>alert(1)</script>"]) { res in
                let id = res.headers.first(name: "X-Request-Id") ?? ""
                #expect(UUID(uuidString: id) != nil)
            }
            try await app.testing().test(.GET, "/api/v1/partners") { res in
                #expect(res.status == .unauthorized)
                #expect(UUID(uuidString: res.headers.first(name: "X-Request-Id") ?? "") != nil)
            }
        }
    }

    @Test func aDatabaseOutageIsA503WithRetryAfterNotA500() {
        for error: any Error in [
            ConnectionPoolTimeoutError.connectionRequestTimeout, ConnectionPoolError.shutdown, ChannelError.ioOnClosedChannel,
            IOError(errnoCode: ECONNREFUSED, reason: "connect"),
        ] {
            let mapped = ErrorMapping.map(error)
            #expect(mapped?.status == .serviceUnavailable, "\(error)")
            #expect(mapped?.headers.first(name: "Retry-After") == "5")
        }
        #expect(ErrorMapping.map(IOError(errnoCode: ENOSPC, reason: "write")) == nil)
    }

    @Test func aBackupIsACompleteSQLiteCopyAndNeverOverwrites() async throws {
        try await withAccord { app in
            let world = try await World.make(app)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("accord-backup-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("copy.sqlite").path
            let store = AccordStore(database: app.db)
            guard (app.db as? any SQLDatabase)?.dialect.name == "sqlite" else {
                await #expect(throws: BackupError.notSQLite) { try await runCommand(BackupCommand(), ["backup", file], app: app) }
                return
            }
            try await runCommand(BackupCommand(), ["backup", file], app: app)
            await #expect(throws: BackupError.exists(file)) { try await runCommand(BackupCommand(), ["backup", file], app: app) }
            let copy = try await Application.make(.testing)
            copy.logger.logLevel = .warning
            try await configure(copy, options: AccordOptions(database: .sqliteFile(file), autoMigrate: false, bcryptCost: 4))
            let copied = AccordStore(database: copy.db)
            let partners = try await copied.partners(of: world.programID).map(\.externalKey).sorted()
            let totals = try await copied.factTotals(programID: world.programID)
            let original = try await store.factTotals(programID: world.programID)
            try await copy.asyncShutdown()
            #expect(partners == ["GX-1", "IN-2"])
            #expect(totals.salesLines == original.salesLines && totals.salesLines > 0)
        }
    }
}
