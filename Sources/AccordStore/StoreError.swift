/// Failures of the store that callers must tell apart from rule violations.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFound(String)
    case duplicate(String)
    case corrupt(String)
    /// The record changed between being read and being saved: another change won the race.
    case conflict(String)

    public var description: String {
        switch self {
        case .notFound(let what): "\(what) was not found"
        case .duplicate(let what): "\(what) already exists"
        case .corrupt(let what): "stored \(what) could not be read"
        case .conflict(let what): "\(what) changed while you answered it; reload it and try again"
        }
    }
}
