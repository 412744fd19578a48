import AccordCore
import AccordStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import AccordWeb

/// Every file of the malformed-input corpus (Tests/Fixtures/bad-csv) is refused whole, with an error naming its
/// line, and leaves facts and rollups as they were (DOMAIN §4; "bad input gets a clear error, and nothing is lost").
@Suite("§4 Malformed CSV corpus")
struct BadCSVCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/bad-csv")

    struct Case: CustomStringConvertible {
        let file: String
        let line: Int
        let fragment: String
        var description: String { file }
    }

    static func cases() throws -> [Case] {
        let text = try String(contentsOf: corpus.appendingPathComponent("EXPECTED.tsv"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let parts = line.split(separator: "\t", maxSplits: 2).map(String.init)
            return Case(file: parts[0], line: Int(parts[1])!, fragment: parts[2])
        }
    }

    @Test func theCorpusListsEveryFileItHolds() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter { $0.hasSuffix(".csv") }
        #expect(Set(files) == Set(try Self.cases().map(\.file)))
    }

    @Test(arguments: try cases())
    func everyMalformedFileIsRefusedWithItsLineAndChangesNothing(_ test: Case) async throws {
        try await withAccord { app in
            // setup
            let world = try await World.make(app)
            let store = AccordStore(database: app.db)
            let before = try await store.factTotals(programID: world.programID)
            let kind = test.file.hasPrefix("activities") ? "activities" : "sales"
            let body = try Data(contentsOf: Self.corpus.appendingPathComponent(test.file))
            // act
            try await app.testing().test(.POST, "/api/v1/imports/\(kind)", headers: world.cam, body: ByteBuffer(data: body)) { res in
                // validate
                #expect(res.status == .unprocessableEntity)
                let reason = res.errorReason ?? ""
                #expect(reason.contains("line \(test.line):"), "\(test.file): \(reason)")
                #expect(reason.contains(test.fragment), "\(test.file): \(reason)")
            }
            let after = try await store.factTotals(programID: world.programID)
            #expect(after == before)
            let differences = try await store.rollupDifferences(programID: world.programID)
            #expect(differences.isEmpty)
        }
    }
}
