import AccordCore
import Foundation

/// Two years of sales lines and activity records for one demo partner.
struct DemoFacts {
    let today: Day
    let checklist: [String]
    static let seasonality: [Double] = [0.8, 0.85, 1.0, 0.9, 0.95, 1.05, 0.8, 0.8, 1.0, 1.05, 1.15, 1.45]
    /// APAC buys in its own rhythm: quiet around the lunar new year, strong at the end of its March financial year.
    static let apacRegion = "APAC"
    static let apacSeasonality: [Double] = [0.9, 0.7, 1.4, 0.9, 0.95, 1.0, 0.95, 0.95, 1.1, 1.0, 1.05, 1.1]

    /// The monthly weights a partner's sales follow: its region's, else the program's.
    static func weights(of partner: Partner) -> [Double] { partner.region == apacRegion ? apacSeasonality : seasonality }

    /// The months of history, oldest first: (months before this one, first day, days in it up to yesterday).
    var months: [(back: Int, first: Day, days: Int)] {
        (0...24).reversed().compactMap { back in
            let first = today.firstOfMonth(addingMonths: -back)
            let next = first.firstOfMonth(addingMonths: 1)
            let days = first.distance(to: min(next, today))
            return days > 0 ? (back, first, days) : nil
        }
    }

    func isSelling(_ profile: DemoProfile, back: Int, stage: LifecycleStage) -> Bool {
        stage == .exited ? back >= 10 && back < 24 : back < profile.monthsActive
    }

    func sales(for partner: Partner, profile: DemoProfile, random: inout DemoRandom) -> [SalesLine] {
        var lines: [SalesLine] = []
        for (back, first, days) in months where isSelling(profile, back: back, stage: partner.stage) && profile.monthlyRevenue > 0 {
            let trend = pow(1 + profile.yearlyGrowth, -Double(back) / 12)
            let expected = profile.monthlyRevenue * trend * Self.weights(of: partner)[first.month - 1] * Double(days) / 30
            let count = max(1, Int(Double(profile.linesPerMonth) * Double(days) / 30))
            let customerPool = 4 + (24 - back) / 2
            for n in 0..<count {
                let amount = expected / Double(count) * random.double(in: 0.6...1.4)
                let customer = random.int(in: 0...(customerPool - 1))
                lines.append(
                    SalesLine(
                        id: "S-\(partner.externalKey)-\(first.iso.prefix(7))-\(n)", partnerKey: partner.externalKey,
                        day: first.advanced(by: random.int(in: 0...(days - 1))),
                        amount: Money(minorUnits: Int64(amount * 100), currency: .usd),
                        solution: DemoCast.solutions[(customer + n) % DemoCast.solutions.count],
                        customer: "\(partner.externalKey)-C\(String(format: "%03d", customer))", region: partner.region))
            }
        }
        return lines
    }

    func activities(for partner: Partner, profile: DemoProfile, random: inout DemoRandom) -> [ActivityRecord] {
        var records: [ActivityRecord] = []
        func add(_ metric: String, _ day: Day, _ value: Int64, subject: String = "", suffix: String = "") {
            records.append(
                ActivityRecord(
                    id: "A-\(partner.externalKey)-\(metric)-\(day.iso)\(suffix)", partnerKey: partner.externalKey, day: day,
                    metricKey: metric, value: value, subject: subject))
        }
        let level = profile.activityLevel
        var certified = profile.certified
        for (back, first, days) in months where isSelling(profile, back: back, stage: partner.stage) || partner.stage == .recruited {
            let day = { (offset: Int) in first.advanced(by: min(offset, days - 1)) }
            if profile.monthlyRevenue > 0 {
                let growthBoost = 1 + max(profile.yearlyGrowth, 0) * Double(24 - back) / 24
                for n in 0..<Int(Double(random.int(in: 1...4)) * level * growthBoost) {
                    add("deal_registrations", day(random.int(in: 0...27)), 100, suffix: "-\(n)")
                }
                add("customer_satisfaction", day(20), Int64(random.double(in: 6.5...9.6) * 100))
                add("average_discount", day(25), Int64(random.double(in: 9...21) * 100))
                add("pipeline_value", day(27), Int64(profile.monthlyRevenue * random.double(in: 2...4) * 100))
                add("leads_passed", day(10), Int64(random.int(in: 0...5)) * 100)
                if random.chance(0.35 * level) { add("marketing_campaigns", day(12), 100) }
            }
            if first.month % 3 == 0 {
                if random.chance(0.6) && certified < profile.engineers {
                    certified += 1
                    add("certifications_earned", day(14), 100)
                }
                add("certified_engineers", day(15), Int64(certified) * 100)
                add("certified_engineers_pct", day(15), Int64(certified) * 10_000 / Int64(max(profile.engineers, 1)))
                if profile.monthlyRevenue > 0 {
                    add("renewal_rate", day(26), Int64(random.double(in: 70...96) * 100))
                    add("mdf_delivered", day(5), Int64(profile.monthlyRevenue * 0.02 * 100))
                }
                add("enablement_sessions", day(8), 100)
            }
        }
        // Enablement checklist: established partners finished it long ago; new ones are part-way.
        let done: Int
        switch partner.stage {
        case .recruited: done = 1
        case .onboarding: done = 3
        default: done = checklist.count
        }
        for (n, item) in checklist.prefix(done).enumerated() {
            let back = partner.stage.isEarly ? 3 - min(n, 3) : 20 - n
            add("enablement_checklist", today.firstOfMonth(addingMonths: -back).advanced(by: 3 + n), 100, subject: item, suffix: "-\(item)")
        }
        return records
    }
}
