/// Whose eyes a record is for (DOMAIN §1, §5.2): one side; both sides together (a held review's frozen scorecard,
/// anything sent to both); or Accord itself (period close, segments, checks), which sees everything.
public enum Audience: Hashable, Sendable {
    case side(Side)
    case bothSides
    case accord
}
