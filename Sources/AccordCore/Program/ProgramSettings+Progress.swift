extension ProgramSettings {
    /// Whether a change of settings moves goals' progress (DOMAIN §5.2, §6): the program's and the regions' seasonality
    /// and the at-risk threshold
    /// shape pacing, the checklist items make the checklist's actual, the response window decides when a proposal
    /// lapses. Rewards, tiers, segment thresholds and the rest leave every goal's figures as they were.
    public func movesProgress(from before: ProgramSettings) -> Bool {
        seasonality != before.seasonality || regionalSeasonality != before.regionalSeasonality
            || atRiskThreshold != before.atRiskThreshold || checklistItems != before.checklistItems
            || responseWindowDays != before.responseWindowDays
    }

    /// Whether a change that moves progress moves only its pacing (seasonality, the at-risk threshold): actuals,
    /// attainment and the moment a proposal lapses stay as they were, so stored figures are re-paced, not recomputed.
    public func movesOnlyPacing(from before: ProgramSettings) -> Bool {
        checklistItems == before.checklistItems && responseWindowDays == before.responseWindowDays
    }

    /// The regions whose partners' goals a pacing change reaches; nil for every partner (the program's profile or the
    /// at-risk threshold changed). A region gaining, losing or changing its own profile reaches that region only.
    public func regionsRepaced(from before: ProgramSettings) -> Set<String>? {
        guard seasonality == before.seasonality, atRiskThreshold == before.atRiskThreshold else { return nil }
        return Set(regionalSeasonality.keys).union(before.regionalSeasonality.keys).filter {
            regionalSeasonality[$0] != before.regionalSeasonality[$0]
        }
    }
}
