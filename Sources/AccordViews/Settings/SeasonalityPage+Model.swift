import Foundation

/// The seasonality settings page (DOMAIN §6): the program's profile and those of regions and solutions.
public enum SeasonalityPage {
    public enum Kind: String, Sendable, CaseIterable {
        case program, region, solution
    }

    public struct Profile: Sendable {
        public let kind: Kind
        /// The region or solution; empty for the program's own profile.
        public let name: String
        /// Twelve weights as typed or saved, January first; empty strings for flat by days.
        public let weights: [String]
        /// Each month's share of the year, 0–1 (nil when the weights could not be read).
        public let shares: [Double]?
        /// Partners whose goals this profile paces (regions and the program); nil for solutions.
        public let partners: Int?
        public let error: String?

        public init(kind: Kind, name: String, weights: [String], shares: [Double]?, partners: Int?, error: String? = nil) {
            self.kind = kind
            self.name = name
            self.weights = weights
            self.shares = shares
            self.partners = partners
            self.error = error
        }
    }

    public struct Model: Sendable {
        public let chrome: PageChrome
        public let profiles: [Profile]
        /// The form to add a profile, with what was typed when it was refused.
        public let added: Profile
        public let knownRegions: [String]
        public let knownSolutions: [String]
        public let mayEdit: Bool
        public let notice: String?

        public init(
            chrome: PageChrome, profiles: [Profile], added: Profile, knownRegions: [String], knownSolutions: [String], mayEdit: Bool,
            notice: String? = nil
        ) {
            self.chrome = chrome
            self.profiles = profiles
            self.added = added
            self.knownRegions = knownRegions
            self.knownSolutions = knownSolutions
            self.mayEdit = mayEdit
            self.notice = notice
        }
    }
}
