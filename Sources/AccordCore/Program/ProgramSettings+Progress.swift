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
}
