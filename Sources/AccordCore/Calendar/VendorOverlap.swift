/// One vendor period that a partner period overlaps, with the share of the partner period's days in it.
public struct VendorShare: Hashable, Sendable {
    public let period: Period
    public let days: Int
    public let share: Double
}

/// Shows a goal period set in the partner's calendar in the vendor's calendar (DOMAIN §2).
public enum VendorOverlap {
    /// The vendor periods of the same length that `partnerPeriod` overlaps, in order; shares add up to 1.
    public static func shares(of partnerPeriod: Period, in vendor: FiscalCalendar) -> [VendorShare] {
        var result: [VendorShare] = []
        var current = vendor.period(partnerPeriod.kind, containing: partnerPeriod.start)
        while current.start < partnerPeriod.end {
            let overlap = max(current.start, partnerPeriod.start).distance(to: min(current.end, partnerPeriod.end))
            if overlap > 0 {
                result.append(
                    VendorShare(period: current, days: overlap, share: Double(overlap) / Double(partnerPeriod.days)))
            }
            current = current.next
        }
        return result
    }

    /// e.g. "FY2027 Q1 = Vendor FY2026 Q3 (61 %) + FY2026 Q4 (39 %)".
    public static func describe(_ partnerPeriod: Period, in vendor: FiscalCalendar) -> String {
        "\(partnerPeriod.label) (\(partnerPeriod.dates)) = " + vendorEquivalent(of: partnerPeriod, in: vendor)
    }

    /// "Vendor FY2027 Q1 (67 %) + FY2027 Q2 (33 %)": the vendor periods a partner period overlaps.
    public static func vendorEquivalent(of partnerPeriod: Period, in vendor: FiscalCalendar) -> String {
        let all = shares(of: partnerPeriod, in: vendor)
        let parts = all.map { share in
            all.count == 1 ? share.period.label : "\(share.period.label) (\(Int((share.share * 100).rounded())) %)"
        }
        return "Vendor " + parts.joined(separator: " + ")
    }
}
