import AccordCore
import AccordStore
import Foundation
import Vapor

/// JSON shapes of the API, separate from Core types and Fluent models (ARCHITECTURE).
/// Values are strings in the metric's unit ("120000.00") plus integer minor units, so no amount is a float.
enum DTO {
    struct Program: Content {
        let id: UUID
        let name: String
        let currency: String
        let fiscalYearStartMonth: Int
        let minimumImprovement: Double
        let responseWindowDays: Int
        let checklistItems: [String]
        let motivationPolicy: MotivationPolicy
        let segmentThresholds: SegmentThresholds
        let tierGraceYears: Int
        /// The day of the week the digest goes out, lowercase ("monday").
        let digestDay: String
        /// Vendor staff only: the profiles are the vendor's configuration, and a solution's shapes its planning
        /// expectation (internal, DOMAIN §9).
        let seasonality: Seasonality?

        init(_ p: AccordCore.Program, seenBy viewer: Viewer) {
            id = p.id
            name = p.name
            currency = p.currency.code
            fiscalYearStartMonth = p.calendar.startMonth
            minimumImprovement = p.settings.minimumImprovement
            responseWindowDays = p.settings.responseWindowDays
            checklistItems = p.settings.checklistItems
            motivationPolicy = p.settings.motivationPolicy
            segmentThresholds = p.settings.segmentThresholds
            tierGraceYears = p.settings.tierGraceYears
            digestDay = p.settings.digestDay.name.lowercased()
            seasonality = AccessRule.maySeeInternalPlanning(viewer) ? Seasonality(SeasonalityChange(p.settings)) : nil
        }
    }

    /// A new digest day: "monday" … "sunday".
    struct DigestDayIn: Content {
        let day: String
    }

    /// The program's seasonality profiles (DOMAIN §6): twelve monthly weights each, January first.
    struct Seasonality: Content {
        struct Profile: Content {
            let name: String
            let weights: [Double]
        }
        /// Nil: flat by days.
        let program: [Double]?
        let regions: [Profile]
        let solutions: [Profile]

        init(_ change: SeasonalityChange) {
            program = change.program
            regions = change.regions.map { Profile(name: $0.name, weights: $0.weights) }
            solutions = change.solutions.map { Profile(name: $0.name, weights: $0.weights) }
        }
    }

    /// A new set of seasonality profiles: every profile as it should be (absent lists mean none).
    struct SeasonalityIn: Content {
        let program: [Double]?
        let regions: [Seasonality.Profile]?
        let solutions: [Seasonality.Profile]?

        var change: SeasonalityChange {
            SeasonalityChange(
                program: program, regions: (regions ?? []).map { ($0.name, $0.weights) },
                solutions: (solutions ?? []).map { ($0.name, $0.weights) })
        }
    }

    struct NewProgram: Content {
        let name: String
        let currency: String
        let fiscalYearStartMonth: Int
    }

    struct Metric: Content {
        let key: String
        let name: String
        let unit: String
        let aggregation: String
        let direction: String
        let category: String
        let source: String
        let summary: String

        init(_ m: AccordCore.Metric) {
            key = m.key
            name = m.name
            unit = m.unit.rawValue
            aggregation = m.aggregation.rawValue
            direction = m.direction.rawValue
            category = m.category.rawValue
            source = m.source.rawValue
            summary = m.summary
        }
    }

    struct NewMetric: Content {
        let key: String
        let name: String
        let unit: MetricUnit
        let aggregation: Aggregation
        let direction: Direction
        let category: MetricCategory
        let summary: String?
    }

    struct Capacity: Content {
        let asOf: Day
        let companyRevenue: String
        let vendorRevenueTtm: String
        let engineers: Int
        let certifiedEngineers: Int
        let shareOfWallet: Double?
        let trainedShare: Double?

        init(_ c: CapacityProfile, currency: Currency) {
            asOf = c.asOf
            companyRevenue = FixedPoint.format(c.companyRevenue, decimals: currency.decimals, grouping: false)
            vendorRevenueTtm = FixedPoint.format(c.vendorRevenueTTM, decimals: currency.decimals, grouping: false)
            engineers = c.engineers
            certifiedEngineers = c.certifiedEngineers
            shareOfWallet = c.shareOfWallet
            trainedShare = c.trainedShare
        }
    }

    struct NewCapacity: Content {
        let asOf: Day
        let companyRevenue: String
        let vendorRevenueTtm: String
        let engineers: Int
        let certifiedEngineers: Int
    }

    struct Partner: Content {
        let id: UUID
        let programId: UUID
        let name: String
        let externalKey: String
        let businessModel: String
        let region: String
        let channelManager: String
        let fiscalYearStartMonth: Int
        let tier: String
        let stage: String
        let currentPeriod: String

        init(_ p: AccordCore.Partner, today: Day) {
            id = p.id
            programId = p.programID
            name = p.name
            externalKey = p.externalKey
            businessModel = p.businessModel.rawValue
            region = p.region
            channelManager = p.channelManager
            fiscalYearStartMonth = p.calendar.startMonth
            tier = p.tier
            stage = p.stage.rawValue
            currentPeriod = p.calendar.period(.quarter, containing: today).label
        }
    }

    struct NewPartner: Content {
        let programId: UUID?
        let name: String
        let externalKey: String
        let businessModel: BusinessModel
        let region: String
        let channelManager: String
        let fiscalYearStartMonth: Int
        let tier: String?
        let stage: LifecycleStage?
        let capacity: NewCapacity?
    }

    struct StageChangeRequest: Content {
        let stage: LifecycleStage
        let reason: String
        let on: Day?
    }

    struct Revision: Content {
        let number: Int
        let target: String
        let behaviour: String
        let objective: String?
        let author: String
        let authorRole: String
        let at: Date
        let origin: String
    }

    struct Comment: Content {
        let revision: Int
        let author: String
        let authorRole: String
        let side: String
        let at: Date
        let text: String
    }

    struct NewComment: Content {
        let text: String
    }

    struct AcceptanceDTO: Content {
        let revision: Int
        let user: String
        let role: String
        let side: String
        let at: Date
    }

    struct Goal: Content {
        let id: UUID
        let partnerId: UUID
        let period: String
        /// The period's first and last days, both inside it (the stored end is exclusive; the API never shows it).
        let periodFirstDay: Day
        let periodLastDay: Day
        let metric: String
        let ownerSide: String
        let status: String
        let target: String
        let targetMinor: Int64
        let baseline: String?
        let baselineSource: String?
        let behaviour: String
        let objective: String?
        let awaitingSide: String?
        let carriedFrom: UUID?
        let closingActual: String?
        let declineReason: String?
        let revisions: [Revision]
        let acceptances: [AcceptanceDTO]
        /// The negotiation's conversation, oldest first (DOMAIN §5.2).
        let comments: [Comment]
        let lowered: Bool
        /// A carried-forward goal is agreed by the rule of DOMAIN §5.3, not by anyone's acceptance: `carried_from`
        /// names the goal whose agreement it continues.
        let agreedByCarryForward: Bool
        let objectiveId: UUID?
        /// Vendor staff only, before the partner agrees: the top-down echo check (DOMAIN §9).
        var topDownEcho: String?

        init(_ g: AccordCore.Goal, metric: AccordCore.Metric, currency: Currency) {
            let value = { (v: Int64) in metric.plainText(v, currency: currency) }
            id = g.id
            partnerId = g.partnerID
            period = g.period.label
            periodFirstDay = g.period.start
            periodLastDay = g.period.lastDay
            self.metric = g.metricKey
            ownerSide = g.ownerSide.rawValue
            status = g.status.rawValue
            target = value(g.target)
            targetMinor = g.target
            baseline = g.baseline.map { value($0.value) }
            baselineSource = g.baseline?.explanation
            behaviour = g.behaviour
            objective = g.objective
            awaitingSide = g.awaitingSide?.rawValue
            carriedFrom = g.carriedFrom
            closingActual = g.closingActual.map(value)
            declineReason = g.decline?.reason
            revisions = g.revisions.map {
                Revision(
                    number: $0.number, target: value($0.target), behaviour: $0.behaviour, objective: $0.objective,
                    author: $0.author.name, authorRole: $0.author.role.rawValue, at: $0.at, origin: $0.origin.rawValue)
            }
            acceptances = g.acceptances.map {
                AcceptanceDTO(
                    revision: $0.revision, user: $0.actor.name, role: $0.actor.role.rawValue, side: $0.actor.side.rawValue, at: $0.at)
            }
            comments = g.comments.map {
                Comment(
                    revision: $0.revision, author: $0.author.name, authorRole: $0.author.role.rawValue, side: $0.author.side.rawValue,
                    at: $0.at, text: $0.text)
            }
            lowered = g.wasLowered
            agreedByCarryForward = g.isAgreedByCarryForward
            objectiveId = g.objectiveID
        }
    }

    struct NewGoal: Content {
        let partnerId: UUID
        let period: String
        let metric: String
        let ownerSide: Side?
        let target: DecimalText
        let behaviour: String
        let objective: String?
        let draft: Bool?
        /// A target over a hundred times the baseline (a hundredth, where lower is better) is refused (422) unless this
        /// says it is meant.
        let confirmFarTarget: Bool?
    }

    struct CounterRequest: Content {
        let target: DecimalText
        let behaviour: String?
        /// Why these terms: kept in the goal's conversation, the behaviour left as it is.
        let comment: String?
    }

    struct DeclineRequest: Content {
        let reason: String?
    }

    struct LowerRequest: Content {
        let target: DecimalText
        let reason: String?
    }

    struct Baseline: Content {
        let partnerId: UUID
        let period: String
        let metric: String
        let baseline: String?
        let source: String?
        let bestAchievedTarget: String?
        let smallestAcceptableTarget: String?
        /// Realistic sizing (DOMAIN §5.5): a suggestion beside the target, never a limit.
        let shareOfWallet: Double?
        let certifiedShare: Double?
        let growthRate: Double?
        let growthCompared: String?
        let headroom: String?
        let headroomExplanation: String?
        let suggestedRange: SuggestedRange?
        let sizingExplanation: String

        struct SuggestedRange: Content {
            let low: String
            let high: String
        }
    }

    struct GoalProgressDTO: Content {
        let goal: Goal
        let actual: String?
        let attainment: Double?
        let improvementProgress: Double?
        let pacingStatus: String
        let elapsedShare: Double
        let expectedToDate: String
        let forecast: String?
    }

    struct Scorecard: Content {
        let partner: Partner
        let period: String
        let vendorPeriods: String
        let asOf: Day
        let goals: [GoalProgressDTO]
        let goalSetIssues: [String]
    }

    struct SalesLineIn: Content {
        let transactionId: String
        let partnerKey: String
        let date: String
        let amount: DecimalText
        let currency: String
        let customer: String
        let solution: String?
        let region: String?
    }

    struct ActivityIn: Content {
        let activityId: String
        let partnerKey: String
        let date: String
        let metric: String
        let value: DecimalText?
        let subject: String?
    }

    struct SalesBatch: Content {
        let programId: UUID?
        let lines: [SalesLineIn]
    }

    struct ActivityBatch: Content {
        let programId: UUID?
        let records: [ActivityIn]
    }

    struct ImportResult: Content {
        let inserted: Int
        let alreadyPresent: Int
        let rejected: [RowError]
        let rejectedCount: Int
    }

    struct AuditEntryDTO: Content {
        let at: Date
        let user: String
        let role: String
        let entity: String
        let entityId: String
        let action: String
        /// The raw record before and after, for machines.
        let before: String?
        let after: String?
        let reason: String?
        /// The same change as people read it: each field with its value before and after, in the program's terms.
        let changes: [Change]

        struct Change: Content {
            let field: String
            let before: String?
            let after: String?
        }
    }

    struct Page<Item: Content>: Content {
        let items: [Item]
        let total: Int
    }
}

/// A decimal typed as a JSON string ("1200.50") or number (1200.5), kept as exact text.
struct DecimalText: Codable, Sendable {
    let text: String

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            text = string
        } else if let number = try? container.decode(Decimal.self) {
            text = "\(number)"
        } else {
            throw DecodingError.typeMismatch(
                String.self, .init(codingPath: decoder.codingPath, debugDescription: "expected a decimal number or string"))
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
