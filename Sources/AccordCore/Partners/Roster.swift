import Foundation

/// One partner as the vendor's CRM exports it (DOMAIN §3): the roster import creates partners it has not seen
/// and updates those it has, by external key.
public struct RosterEntry: Hashable, Sendable {
    public let externalKey: String
    public let name: String
    public let businessModel: BusinessModel
    public let region: String
    public let channelManager: String
    /// Nil keeps a known partner's calendar, and gives a new partner the program's.
    public let fiscalStartMonth: Int?
    /// Nil keeps a known partner's tier, and gives a new partner the first level of the program.
    public let tier: String?
    /// Nil keeps a known partner's stage; a new partner starts recruited.
    public let stage: LifecycleStage?
    public let capacity: CapacityProfile?
    public let line: Int
}

/// Turns roster CSV records into validated entries, naming the line of each problem.
public struct RosterRowParser: Sendable {
    public static let requiredColumns = ["partner_key", "name", "business_model", "region", "channel_manager"]
    public static let optionalColumns = [
        "fiscal_start_month", "tier", "stage", "company_revenue", "vendor_revenue_ttm", "engineers", "certified_engineers",
    ]
    static let capacityColumns = ["company_revenue", "vendor_revenue_ttm", "engineers", "certified_engineers"]

    public let currency: Currency
    /// The day a capacity profile in the file is dated (the import's day: the profile is history, DOMAIN §3).
    public let asOf: Day
    private var header: CSVHeader

    public init(currency: Currency, asOf: Day, columnNames: [String: String] = [:]) {
        self.currency = currency
        self.asOf = asOf
        self.header = CSVHeader(required: Self.requiredColumns, optional: Self.optionalColumns, columnNames: columnNames)
    }

    public mutating func readHeader(_ record: CSVReader.Record) throws(RowError) { try header.read(record) }

    public func entry(_ record: CSVReader.Record) throws(RowError) -> RosterEntry {
        let row = try header.row(record)
        let key = try row.required("partner_key")
        guard !key.contains(where: \.isNewline), key.count <= 64 else { throw row.error("partner_key '\(key)' is not a key") }
        let modelText = try row.required("business_model").lowercased().replacingOccurrences(of: " ", with: "_")
        guard let model = BusinessModel(rawValue: modelText) ?? BusinessModel.allCases.first(where: { $0.label.lowercased() == modelText })
        else {
            throw row.error(
                "business_model '\(row.optional("business_model"))' is not one of "
                    + BusinessModel.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let month = try row.integer("fiscal_start_month", in: 1...12).map(Int.init)
        let stageText = row.optional("stage").lowercased()
        let stage = LifecycleStage(rawValue: stageText)
        guard stageText.isEmpty || stage != nil else {
            throw row.error("stage '\(stageText)' is not one of " + LifecycleStage.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let tier = row.optional("tier")
        return RosterEntry(
            externalKey: key, name: try row.required("name"), businessModel: model, region: try row.required("region"),
            channelManager: try row.required("channel_manager"), fiscalStartMonth: month, tier: tier.isEmpty ? nil : tier,
            stage: stage, capacity: try capacity(row), line: record.line)
    }

    /// All four capacity figures, or none: half a profile would read as zeros.
    private func capacity(_ row: CSVRow) throws(RowError) -> CapacityProfile? {
        let given = Self.capacityColumns.filter { !row.optional($0).isEmpty }
        guard !given.isEmpty else { return nil }
        guard given.count == Self.capacityColumns.count else {
            throw row.error("a capacity profile needs all of " + Self.capacityColumns.joined(separator: ", "))
        }
        func money(_ name: String) throws(RowError) -> Int64 {
            do { return try FigureLimits.parse(row.optional(name), unit: .currency, currency: currency) } catch {
                throw row.error("\(name) \(error)")
            }
        }
        let engineers = try row.integer("engineers", in: 0...1_000_000) ?? 0
        let certified = try row.integer("certified_engineers", in: 0...1_000_000) ?? 0
        let (company, vendor) = (try money("company_revenue"), try money("vendor_revenue_ttm"))
        do {
            return try CapacityProfile(
                asOf: asOf, companyRevenue: company, vendorRevenueTTM: vendor, engineers: Int(engineers), certifiedEngineers: Int(certified)
            )
        } catch {
            throw row.error("\(error)")
        }
    }
}

/// What a roster entry does to the partner it names (DOMAIN §3): a new partner starts recruited at the program's
/// first level unless the file says otherwise; a known one takes the CRM's fields; a stage move is checked and
/// recorded as a change with its reason; a capacity profile is added as history when its figures changed.
public struct RosterChange: Sendable, Hashable {
    public let partner: Partner
    public let isNew: Bool
    public let fieldsChanged: Bool
    public let stageChange: StageChange?
    public let capacity: CapacityProfile?

    public static func make(
        _ entry: RosterEntry, existing: Partner?, latestCapacity: CapacityProfile?, programID: UUID, programStartMonth: Int,
        firstTier: String, today: Day, by actor: String
    ) throws(RowError) -> RosterChange {
        let rowError = { (reason: String) in RowError(line: entry.line, reason: reason) }
        let calendar = FiscalCalendar(validStartMonth: entry.fiscalStartMonth ?? existing?.calendar.startMonth ?? programStartMonth)
        var partner = Partner(
            id: existing?.id ?? UUID(), programID: programID, name: entry.name, externalKey: entry.externalKey,
            businessModel: entry.businessModel, region: entry.region, channelManager: entry.channelManager, calendar: calendar,
            tier: entry.tier ?? existing?.tier ?? firstTier, stage: existing?.stage ?? entry.stage ?? .recruited,
            showOnRecognitionWall: existing?.showOnRecognitionWall ?? true)
        do { partner = try partner.validated() } catch { throw rowError("\(error)") }
        var stageChange: StageChange?
        if let existing, let stage = entry.stage, stage != existing.stage {
            do {
                stageChange = try StageChange.make(
                    from: existing.stage, to: stage, on: today, by: actor, reason: "Roster import from the CRM")
            } catch { throw rowError("\(error)") }
        }
        let capacity = entry.capacity.flatMap { profile in
            latestCapacity.map { Self.sameFigures($0, profile) } == true ? nil : profile
        }
        return RosterChange(
            partner: partner, isNew: existing == nil, fieldsChanged: existing.map { $0 != partner } ?? true, stageChange: stageChange,
            capacity: capacity)
    }

    static func sameFigures(_ a: CapacityProfile, _ b: CapacityProfile) -> Bool {
        a.companyRevenue == b.companyRevenue && a.vendorRevenueTTM == b.vendorRevenueTTM && a.engineers == b.engineers
            && a.certifiedEngineers == b.certifiedEngineers
    }
}
