import Foundation

/// An amount of money in integer minor units of one currency (ARCHITECTURE: money; DOMAIN §4).
public struct Money: Hashable, Codable, Sendable {
    public let minorUnits: Int64
    public let currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Parses exact decimal text such as `1234.56` in the currency's minor units.
    public init(parsing text: some StringProtocol, currency: Currency) throws(FixedPoint.ParseError) {
        minorUnits = try FixedPoint.parse(text, decimals: currency.decimals)
        self.currency = currency
    }

    /// `$1,234.56`, `€1,234.56`, or `1,234.56 CHF` for currencies without a common symbol.
    public var formatted: String {
        let amount = FixedPoint.format(Int64(clamping: minorUnits.magnitude), decimals: currency.decimals)
        let sign = minorUnits < 0 ? "-" : ""
        if let symbol = currency.symbol { return sign + symbol + amount }
        return sign + amount + " " + currency.code
    }
}

/// An ISO 4217 currency with the number of decimals its minor unit has.
public struct Currency: Hashable, Codable, Sendable {
    public let code: String

    public init?(code raw: some StringProtocol) {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        self.code = code
    }

    public static let usd = Currency(code: "USD")!
    public static let eur = Currency(code: "EUR")!

    private static let zeroDecimals: Set<String> = ["JPY", "KRW", "CLP", "ISK", "VND", "XAF", "XOF", "UGX"]
    private static let threeDecimals: Set<String> = ["BHD", "KWD", "OMR", "JOD", "TND", "IQD", "LYD"]

    public var decimals: Int {
        if Currency.zeroDecimals.contains(code) { return 0 }
        if Currency.threeDecimals.contains(code) { return 3 }
        return 2
    }

    public var symbol: String? {
        switch code {
        case "USD": "$"
        case "EUR": "€"
        case "GBP": "£"
        case "JPY": "¥"
        default: nil
        }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let currency = Currency(code: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a currency code"))
        }
        self = currency
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
