/// How strings are made comparable before an equality or allowed-values check, on request
/// only: by default "Paris" and "paris" differ, because a tool may well care.
public struct Normalization: Sendable, Hashable, CustomStringConvertible {
    /// Compare case-insensitively (lowercased).
    public var caseInsensitive = false
    /// Remove all whitespace.
    public var whitespace = false
    /// Remove ASCII punctuation.
    public var punctuation = false
    /// BFCL's `standardize_string`: drop spaces and the characters `,./-_*^`, lowercase, and
    /// read `'` as `"`. Kept apart from the general options so BFCL suites score exactly as
    /// BFCL does ("April 1, 2024" equals "april 1 2024", but "!" still counts).
    public var bfcl = false

    public init(caseInsensitive: Bool = false, whitespace: Bool = false, punctuation: Bool = false, bfcl: Bool = false) {
        self.caseInsensitive = caseInsensitive
        self.whitespace = whitespace
        self.punctuation = punctuation
        self.bfcl = bfcl
    }

    public static let none = Normalization()
    public static let all = Normalization(caseInsensitive: true, whitespace: true, punctuation: true)
    public static let bfclStandard = Normalization(bfcl: true)

    public var isNone: Bool { self == .none }

    /// The option names as the suite file writes them.
    public static let optionNames = ["case", "whitespace", "punctuation", "bfcl"]

    public var names: [String] {
        var out: [String] = []
        if caseInsensitive { out.append("case") }
        if whitespace { out.append("whitespace") }
        if punctuation { out.append("punctuation") }
        if bfcl { out.append("bfcl") }
        return out
    }

    public var description: String { names.joined(separator: ", ") }

    public func apply(_ text: String) -> String {
        if isNone { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if bfcl, Self.bfclDropped.contains(scalar) { continue }
            if whitespace, scalar.properties.isWhitespace { continue }
            if punctuation, scalar.isASCII, Self.asciiPunctuation.contains(scalar) { continue }
            if bfcl, scalar == "'" { scalars.append("\""); continue }
            scalars.append(scalar)
        }
        let result = String(scalars)
        return caseInsensitive || bfcl ? result.lowercased() : result
    }

    /// The characters BFCL's standardize_string removes: a space and `,./-_*^`.
    private static let bfclDropped: Set<Unicode.Scalar> = [" ", ",", ".", "/", "-", "_", "*", "^"]
    private static let asciiPunctuation: Set<Unicode.Scalar> = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars)
}
