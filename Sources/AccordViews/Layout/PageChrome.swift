import Foundation

/// What every page's frame shows besides its content: the program, the signed-in user, the sign-out form.
public struct PageChrome: Sendable {
    public let programName: String?
    public let userName: String?
    public let roleLabel: String?
    /// The session's CSRF token, for the sign-out form.
    public let csrf: String?
    /// Vendor staff see the program overview link; partner users their own partner.
    public let isVendor: Bool
    /// A partner user's own partner, for the "Our goals" link.
    public let partnerID: UUID?
    /// Channel managers see a link to their portfolio.
    public let isChannelManager: Bool
    /// How many items wait for the user ("Waiting for you"); nil before signing in.
    public let waiting: Int?

    public init(
        programName: String?, userName: String?, roleLabel: String?, csrf: String?, isVendor: Bool, partnerID: UUID? = nil,
        isChannelManager: Bool = false, waiting: Int? = nil
    ) {
        self.programName = programName
        self.userName = userName
        self.roleLabel = roleLabel
        self.csrf = csrf
        self.isVendor = isVendor
        self.partnerID = partnerID
        self.isChannelManager = isChannelManager
        self.waiting = waiting
    }

    /// For pages shown before signing in.
    public static let anonymous = PageChrome(programName: nil, userName: nil, roleLabel: nil, csrf: nil, isVendor: false)
}
