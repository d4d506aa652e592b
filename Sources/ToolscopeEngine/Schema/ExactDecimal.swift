/// A JSON number as an exact decimal, so numbers compare by mathematical value wherever a
/// `Double` would round: `9007199254740993` (kept as digits by the parser) is neither equal
/// to nor at most `9007199254740992`.
///
/// A `.number` is taken at its shortest round-trip decimal (what `description` prints, which
/// is what was written for any literal a `Double` holds exactly), a `.bigInteger` at its digits.
struct ExactDecimal: Hashable {
    /// False for zero, so -0 and 0 are one value.
    private(set) var negative: Bool
    /// Decimal digits, most significant first, without leading or trailing zeros; empty for zero.
    private(set) var digits: [UInt8]
    /// The value is `digits × 10^exponent`.
    private(set) var exponent: Int

    /// The exact value of a JSON number; `nil` for anything else (or a non-finite Double).
    init?(_ value: JSONValue) {
        switch value {
        case .number(let n):
            guard n.isFinite else { return nil }
            self.init(numberText: n.description)
        case .bigInteger(let text):
            self.init(numberText: text)
        default:
            return nil
        }
    }

    /// Parses `-?digits(.digits)?([eE][+-]?digits)?`; anything else is read as far as it goes.
    init(numberText text: String) {
        var negative = false
        var digits: [UInt8] = []
        var exponent = 0
        var inFraction = false
        var exponentText: Substring?
        let utf8 = Array(text.utf8)
        var i = 0
        if i < utf8.count, utf8[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        while i < utf8.count {
            let b = utf8[i]
            if b >= 48, b <= 57 {
                digits.append(b - 48)
                if inFraction { exponent -= 1 }
            } else if b == UInt8(ascii: ".") {
                inFraction = true
            } else if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                exponentText = Substring(String(decoding: utf8[(i + 1)...], as: UTF8.self))
                break
            } else {
                break
            }
            i += 1
        }
        if let exponentText {
            let unsigned = exponentText.hasPrefix("+") ? exponentText.dropFirst() : exponentText
            exponent += Int(unsigned) ?? 0
        }
        let firstNonZero = digits.firstIndex { $0 != 0 } ?? digits.endIndex
        digits.removeSubrange(..<firstNonZero)
        while let last = digits.last, last == 0 { digits.removeLast(); exponent += 1 }
        if digits.isEmpty { negative = false; exponent = 0 }
        self.negative = negative
        self.digits = digits
        self.exponent = exponent
    }

    var isZero: Bool { digits.isEmpty }

    /// -1, 0 or 1 as `a` is less than, equal to or greater than `b`.
    static func compare(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        let signA = a.isZero ? 0 : (a.negative ? -1 : 1)
        let signB = b.isZero ? 0 : (b.negative ? -1 : 1)
        if signA != signB { return signA < signB ? -1 : 1 }
        if signA == 0 { return 0 }
        let magnitude = compareMagnitude(a, b)
        return signA < 0 ? -magnitude : magnitude
    }

    private static func compareMagnitude(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        // Position of the leading digit decides, then the digits themselves.
        let topA = a.digits.count + a.exponent
        let topB = b.digits.count + b.exponent
        if topA != topB { return topA < topB ? -1 : 1 }
        for (x, y) in zip(a.digits, b.digits) where x != y { return x < y ? -1 : 1 }
        if a.digits.count == b.digits.count { return 0 }
        return a.digits.count < b.digits.count ? -1 : 1
    }

    /// Whether `self / divisor` is a whole number, computed exactly. `divisor` must not be zero.
    func isMultiple(of divisor: ExactDecimal) -> Bool {
        if isZero { return true }
        // self / divisor = (digits / divisor.digits) × 10^(exponent - divisor.exponent).
        let shift = exponent - divisor.exponent
        if shift >= 0 {
            return Self.remainder(digits, zeros: shift, divisor.digits).isEmpty
        }
        return Self.remainder(digits, zeros: 0, divisor.digits + [UInt8](repeating: 0, count: -shift)).isEmpty
    }

    /// The remainder of (`dividend` followed by `zeros` zeros) divided by `divisor`, as
    /// digits without leading zeros (empty for zero). Schoolbook long division.
    private static func remainder(_ dividend: [UInt8], zeros: Int, _ divisor: [UInt8]) -> [UInt8] {
        var r: [UInt8] = []
        func step(_ digit: UInt8) {
            if !(r.isEmpty && digit == 0) { r.append(digit) }
            while !lessThan(r, divisor) { r = subtract(r, divisor) }
        }
        for digit in dividend { step(digit) }
        for _ in 0..<zeros {
            if r.isEmpty { break }  // 0 × 10 stays 0
            step(0)
        }
        return r
    }

    private static func lessThan(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a.count != b.count { return a.count < b.count }
        for (x, y) in zip(a, b) where x != y { return x < y }
        return false
    }

    /// `a - b` for `a >= b`, both without leading zeros.
    private static func subtract(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var out = a
        var borrow: Int = 0
        var j = b.count - 1
        for i in stride(from: out.count - 1, through: 0, by: -1) {
            var d = Int(out[i]) - borrow - (j >= 0 ? Int(b[j]) : 0)
            j -= 1
            if d < 0 { d += 10; borrow = 1 } else { borrow = 0 }
            out[i] = UInt8(d)
        }
        let first = out.firstIndex { $0 != 0 } ?? out.endIndex
        out.removeSubrange(..<first)
        return out
    }

    /// A canonical text for hashing: equal values give equal texts.
    var canonicalText: String {
        if isZero { return "0" }
        return (negative ? "-" : "") + String(decoding: digits.map { $0 + 48 }, as: UTF8.self) + "e" + String(exponent)
    }
}
