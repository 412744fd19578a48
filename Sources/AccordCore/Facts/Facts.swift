import Foundation

/// A sales line reported for a partner (DOMAIN §4). Facts are append-only and idempotent by id.
public struct SalesLine: Hashable, Codable, Sendable {
    public let id: String
    public let partnerKey: String
    public let day: Day
    public let amount: Money
    public let solution: String
    public let customer: String
    public let region: String

    public init(id: String, partnerKey: String, day: Day, amount: Money, solution: String, customer: String, region: String) {
        self.id = id
        self.partnerKey = partnerKey
        self.day = day
        self.amount = amount
        self.solution = solution
        self.customer = customer
        self.region = region
    }
}

/// An activity of the partner or the vendor: a certification earned, a campaign run, a deal
/// registered, a checklist item done, a survey score, MDF paid (DOMAIN §4).
public struct ActivityRecord: Hashable, Codable, Sendable {
    public let id: String
    public let partnerKey: String
    public let day: Day
    public let metricKey: String
    /// In the metric's minor unit.
    public let value: Int64
    /// What the activity is about: a checklist item, a certification, a customer.
    public let subject: String

    public init(id: String, partnerKey: String, day: Day, metricKey: String, value: Int64, subject: String) {
        self.id = id
        self.partnerKey = partnerKey
        self.day = day
        self.metricKey = metricKey
        self.value = value
        self.subject = subject
    }
}

/// A rejected input row: its line number in the file and why (Standards: bad input gets a clear error).
public struct RowError: Error, Hashable, Codable, Sendable, CustomStringConvertible {
    public let line: Int
    public let reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}
