/// What puts a partner on the attention list (DOMAIN §5.2, §5.3, §6, §11): a live goal behind its pace, a proposal
/// left past the response window, a carried-forward goal still open, a review or an action item overdue.
public struct PartnerAttention: Hashable, Sendable {
    public let worstStatus: PacingStatus?
    public let lapsedProposals: Int
    public let carriedForward: Int
    public let overdueReviews: Int

    public init(worstStatus: PacingStatus?, lapsedProposals: Int, carriedForward: Int, overdueReviews: Int) {
        self.worstStatus = worstStatus
        self.lapsedProposals = lapsedProposals
        self.carriedForward = carriedForward
        self.overdueReviews = overdueReviews
    }

    public var needsAttention: Bool { worstStatus == .behind || lapsedProposals > 0 || carriedForward > 0 || overdueReviews > 0 }
}
