import Foundation

/// What an import wrote, as partner × rollup source × first and last day: the goals whose progress it can move
/// (ARCHITECTURE: an import refreshes only the goals it touched).
public struct FactSpans: Sendable, Equatable {
    struct Key: Hashable, Sendable {
        let partnerID: UUID
        let source: String
    }

    private(set) var days: [Key: ClosedRange<Int32>] = [:]

    public init() {}

    public var isEmpty: Bool { days.isEmpty }

    mutating func add(partnerID: UUID, source: String, day: Int32) {
        let key = Key(partnerID: partnerID, source: source)
        if let range = days[key] {
            days[key] = min(range.lowerBound, day)...max(range.upperBound, day)
        } else {
            days[key] = day...day
        }
    }

    public mutating func merge(_ other: FactSpans) {
        for (key, range) in other.days {
            add(partnerID: key.partnerID, source: key.source, day: range.lowerBound)
            add(partnerID: key.partnerID, source: key.source, day: range.upperBound)
        }
    }

    init(_ delta: FactRollups.Delta) {
        for key in delta.days.keys { add(partnerID: key.partnerID, source: key.source, day: key.day) }
        for (key, day) in delta.firstSeen { add(partnerID: key.partnerID, source: key.source, day: day) }
    }
}
