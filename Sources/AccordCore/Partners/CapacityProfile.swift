/// A dated snapshot of a partner's size and capability (DOMAIN §3); a new one is added, none is overwritten.
public struct CapacityProfile: Hashable, Codable, Sendable {
    public let asOf: Day
    /// The partner company's total annual revenue, in program currency minor units.
    public let companyRevenue: Int64
    /// Revenue with this vendor over the trailing twelve months.
    public let vendorRevenueTTM: Int64
    public let engineers: Int
    public let certifiedEngineers: Int

    public init(
        asOf: Day, companyRevenue: Int64, vendorRevenueTTM: Int64, engineers: Int, certifiedEngineers: Int
    ) throws(PartnerError) {
        guard companyRevenue >= 0, vendorRevenueTTM >= 0 else { throw .capacity("revenues cannot be negative") }
        guard vendorRevenueTTM <= companyRevenue || companyRevenue == 0 else {
            throw .capacity("revenue with the vendor cannot exceed the company's revenue")
        }
        guard engineers >= 0, certifiedEngineers >= 0 else { throw .capacity("engineer counts cannot be negative") }
        guard engineers <= Self.largestEngineerCount else {
            throw .capacity("a partner can have at most \(Self.largestEngineerCount) systems engineers")
        }
        guard certifiedEngineers <= engineers else {
            throw .capacity("certified engineers (\(certifiedEngineers)) cannot exceed engineers (\(engineers))")
        }
        self.asOf = asOf
        self.companyRevenue = companyRevenue
        self.vendorRevenueTTM = vendorRevenueTTM
        self.engineers = engineers
        self.certifiedEngineers = certifiedEngineers
    }

    /// More systems engineers than any company employs (FigureLimits keeps the money figures).
    public static let largestEngineerCount = 10_000_000

    /// Revenue with the vendor ÷ company revenue; nil when the company revenue is unknown (0).
    public var shareOfWallet: Double? {
        companyRevenue > 0 ? Double(vendorRevenueTTM) / Double(companyRevenue) : nil
    }

    /// Certified ÷ all systems engineers; nil without engineers.
    public var trainedShare: Double? {
        engineers > 0 ? Double(certifiedEngineers) / Double(engineers) : nil
    }
}
