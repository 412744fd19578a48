import AccordCore
import AccordStore
import Foundation
import Vapor

/// `/api/v1/lowered-targets` (vendor staff) and `/api/v1/partners/{id}/lowered-targets` (the vendor and that
/// partner's users): "targets lowered this year" (DOMAIN §5.3).
enum LoweredTargetsAPI {
    struct Line: Content {
        let goalId: UUID
        let partnerId: UUID
        let partner: String
        let channelManager: String?
        let metric: String
        let period: String
        let periodFirstDay: Day
        let periodLastDay: Day
        let targetBefore: String
        let targetAfter: String
        let loweredBy: String
        let role: String
        let loweredAt: Date
        let reason: String
    }

    struct Report: Content {
        let year: String
        let yearFirstDay: Day
        let yearLastDay: Day
        let total: Int
        let items: [Line]
    }

    @Sendable static func program(req: Request) async throws -> Report {
        let program = try await req.program(nil)
        let report = try await LoweredTargetsReport.load(
            store: req.store, program: program, today: req.clock.today, channelManager: try req.queryText("channel_manager"))
        return out(report, vendor: true)
    }

    @Sendable static func partner(req: Request) async throws -> Report {
        let partner = try await req.store.partner(try req.id("partnerID"))
        let program = try await req.store.program(partner.programID)
        let report = try await LoweredTargetsReport.load(store: req.store, program: program, today: req.clock.today, partnerID: partner.id)
        return out(report, vendor: try req.viewer().side == .vendor)
    }

    /// A partner user reads its own lowered goals; who owns the partner at the vendor is the vendor's business.
    static func out(_ report: LoweredTargetsReport, vendor: Bool) -> Report {
        Report(
            year: report.year.label, yearFirstDay: report.year.start, yearLastDay: report.year.lastDay, total: report.lines.count,
            items: report.lines.map { line in
                Line(
                    goalId: line.goalID, partnerId: line.partnerID, partner: line.partnerName,
                    channelManager: vendor ? line.channelManager : nil, metric: line.metricKey, period: line.period.label,
                    periodFirstDay: line.period.start, periodLastDay: line.period.lastDay, targetBefore: report.plain(line.from, of: line),
                    targetAfter: report.plain(line.to, of: line), loweredBy: line.actor.name, role: line.actor.role.rawValue,
                    loweredAt: line.at, reason: line.reason)
            })
    }
}
