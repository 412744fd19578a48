import AccordCore
import AccordStore
import Vapor

/// `accord bench-goals --quarter-containing DAY [--per-partner 5]`: the benchmark workload's goals (bench/).
///
/// Every partner gets agreed goals for its fiscal quarter containing DAY, proposed by its channel manager and
/// accepted by the partner through AccordCore's agreement rules, without the per-goal grounding queries of the
/// web flow: a load generator, not a way to set real goals (those are agreed one by one, DOMAIN §5.2).
struct BenchGoalsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "quarter-containing", help: "A day (YYYY-MM-DD) in the quarter the goals are for.") var day: String?
        @Option(name: "per-partner", help: "Goals per partner, 1 to 5 (default 5).") var perPartner: Int?
        @Option(name: "program", help: "Program id (needed only when there are several programs).") var program: String?
    }

    var help: String { "Benchmark only: gives every partner agreed goals for one quarter." }

    static let plan: [(metric: String, target: Int64, behaviour: String)] = [
        ("revenue", 40_000_00, "Grow revenue with the vendor's solutions"),
        ("deal_registrations", 12_00, "Register opportunities early"),
        ("marketing_campaigns", 2_00, "Run joint campaigns"),
        ("certifications_earned", 2_00, "Certify the presales team"),
        ("customer_satisfaction", 8_00, "Keep customers satisfied"),
    ]

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let text = signature.day, let day = Day(iso: text) else { throw InputError("--quarter-containing takes a day, YYYY-MM-DD") }
        let perPartner = signature.perPartner ?? 5
        guard (1...Self.plan.count).contains(perPartner) else { throw InputError("--per-partner is 1 to \(Self.plan.count)") }
        let store = AccordStore(database: context.application.db)
        let programID = try await resolveProgram(signature.program, store: store)
        let program = try await store.program(programID)
        let metrics = Dictionary(uniqueKeysWithValues: try await store.metrics(of: programID).map { ($0.key, $0) })
        let partners = try await store.partners(of: programID)
        var made = 0
        for batch in stride(from: 0, to: partners.count, by: 500).map({ partners[$0..<min($0 + 500, partners.count)] }) {
            var goals: [Goal] = []
            for partner in batch {
                let period = partner.calendar.period(.quarter, containing: day)
                let proposedOn = period.start.advanced(by: -10)
                let context = ImprovementContext(
                    baseline: nil, bestAchievedTarget: nil, rule: program.settings.improvementRule, currency: program.currency)
                for entry in Self.plan.prefix(perPartner) {
                    guard let metric = metrics[entry.metric] else { continue }
                    var goal = try Goal.propose(
                        GoalProposal(
                            partnerID: partner.id, period: period, metric: metric, ownerSide: .partner, target: entry.target,
                            behaviour: entry.behaviour),
                        context: context, by: Actor(name: partner.channelManager, role: .channelManager), today: proposedOn,
                        now: proposedOn.noonUTC)
                    try goal.accept(
                        by: Actor(name: "Partner admin at \(partner.name)", role: .partnerAdmin), today: proposedOn.advanced(by: 2),
                        now: proposedOn.advanced(by: 2).noonUTC)
                    goals.append(goal)
                }
            }
            try await store.save(goals.map { ($0, "bench") }, programID: programID, by: operatorActor, at: Date())
            made += goals.count
        }
        context.console.info("Made \(made) agreed goal(s) for \(partners.count) partner(s).")
    }
}
