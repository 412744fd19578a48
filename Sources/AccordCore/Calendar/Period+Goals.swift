/// Which goals belong to a period (DOMAIN §2, §6): the one answer pages, the API, the CLI, segments and period close
/// use. A goal belongs to a period when its own period is no longer and its middle day falls inside: a quarter holds
/// its quarter goal and the goals of its months, not the year's; a vendor quarter holds the partner quarter that is
/// mostly inside it, whatever month the partner's year starts in.
extension Period {
    public func holdsGoal(of goalPeriod: Period) -> Bool {
        goalPeriod.kind.months <= kind.months && contains(goalPeriod.middle)
    }

    /// The day in the middle of the period (the earlier of two for an even number of days).
    public var middle: Day { start.advanced(by: days / 2) }

    /// The quarter of this period's calendar whose goals this period's goal counts among, nil for halves and years.
    public var holdingQuarter: Period? {
        kind.months <= PeriodKind.quarter.months ? calendar.period(.quarter, containing: middle) : nil
    }
}
