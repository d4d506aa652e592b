import OrderedCollections

/// A strict RFC 8259 parser: no trailing commas, no comments, no duplicate keys (compared by
/// code point; two keys that differ only by Unicode normalisation are refused, since a
/// `JSONObject` cannot hold both), no leading
/// zeros, no control characters in strings, full `\u` escapes including surrogate pairs.
/// Errors carry line and column so an editor can point at the mistake.
public struct JSONParser {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    /// Deep enough for any real schema; stops a hostile document from exhausting the stack.
    public static let maxDepth = 512

    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: Array(text.utf8))
        return try parser.parseDocument()
    }

    public static func parse(bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        return try parser.parseDocument()
    }

    /// The document's top-level object with only the `members` named; the other members'
    /// values are checked for structure (brackets, strings, numbers, words) but not built,
    /// which makes reading one member of a large document (the messages of a stored run's
    /// transcript, not its trace) several times cheaper. Duplicate keys inside a skipped value
    /// go unnoticed. A document that is not an object is returned whole.
    public static func parse(_ text: String, members: Set<String>) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: Array(text.utf8))
        parser.keptMembers = members
        return try parser.parseDocument()
    }

    /// `parse(_:members:)` for bytes: a streamed chunk's `id`, `model`, `created`… are checked and skipped.
    public static func parse(bytes: [UInt8], members: Set<String>) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.keptMembers = members
        return try parser.parseDocument()
    }

    /// Top-level members to build (nil: all); see `parse(_:members:)`.
    private var keptMembers: Set<String>?

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw error("the text is empty; expected a JSON value") }
        let value = try parseValue()
        skipWhitespace()
        if index < bytes.count {
            throw error("unexpected \(describeCurrent()) after the end of the JSON value")
        }
        return value
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw error("unexpected end of text; expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected \(describeCurrent()); expected a value (object, array, string, number, true, false or null)")
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1
        var object = JSONObject()
        skipWhitespace()
        if peek(UInt8(ascii: "}")) { index += 1; depth -= 1; return .object(object) }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of text; expected a \"key\" or '}'") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                if bytes[index] == UInt8(ascii: "}") { throw error("trailing comma before '}'; remove the comma") }
                throw error("unexpected \(describeCurrent()); expected a \"key\" in double quotes")
            }
            let keyStart = index
            let key = try parseString()
            if let existing = object.index(forKey: key) {
                let other = object.keys[existing]
                if other.utf8.elementsEqual(key.utf8) {
                    throw error("duplicate key \"\(key)\" in object", at: keyStart)
                }
                // Swift strings compare by canonical equivalence, so the object cannot hold both.
                throw error("keys \"\(other)\" (\(Self.codePoints(other))) and \"\(key)\" (\(Self.codePoints(key))) differ only by Unicode normalisation; JSON treats them as different keys, but toolscope cannot keep both in one object: rename one", at: keyStart)
            }
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { throw error("unexpected \(describeCurrent()); expected ':' after key \"\(key)\"") }
            index += 1
            skipWhitespace()
            if depth == 1, let kept = keptMembers, !kept.contains(key) {
                try skipValue()
            } else {
                object[key] = try parseValue()
            }
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of text; expected ',' or '}'") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; depth -= 1; return .object(object) }
            throw error("unexpected \(describeCurrent()); expected ',' or '}'")
        }
    }

    /// Moves past one value without building it (see `parse(_:members:)`).
    private mutating func skipValue() throws(JSONParseError) {
        guard index < bytes.count else { throw error("unexpected end of text; expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = bytes[index] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let isObject = close == UInt8(ascii: "}")
            try enter()
            index += 1
            skipWhitespace()
            if peek(close) { index += 1; depth -= 1; return }
            while true {
                skipWhitespace()
                if isObject {
                    guard peek(UInt8(ascii: "\"")) else { throw error("unexpected \(describeCurrent()); expected a \"key\" in double quotes") }
                    try skipString()
                    skipWhitespace()
                    guard peek(UInt8(ascii: ":")) else { throw error("unexpected \(describeCurrent()); expected ':' after a key") }
                    index += 1
                    skipWhitespace()
                }
                try skipValue()
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of text; expected ',' or '\(Character(Unicode.Scalar(close)))'") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == close { index += 1; depth -= 1; return }
                throw error("unexpected \(describeCurrent()); expected ',' or '\(Character(Unicode.Scalar(close)))'")
            }
        case UInt8(ascii: "\""): try skipString()
        default: _ = try parseValue()
        }
    }

    /// Moves past a string: to the closing quote, over escapes, refusing raw control characters.
    private mutating func skipString() throws(JSONParseError) {
        let start = index
        index += 1
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") { index += 1; return }
            if b == UInt8(ascii: "\\") { index += 2; continue }
            if b < 0x20 { throw error("a control character (\(describeByte(b))) inside a string; escape it", at: index) }
            index += 1
        }
        throw error("unterminated string", at: start)
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1
        var array: [JSONValue] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) { index += 1; depth -= 1; return .array(array) }
        while true {
            skipWhitespace()
            if peek(UInt8(ascii: "]")) { throw error("trailing comma before ']'; remove the comma") }
            array.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of text; expected ',' or ']'") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; depth -= 1; return .array(array) }
            throw error("unexpected \(describeCurrent()); expected ',' or ']'")
        }
    }

    private mutating func parseString() throws(JSONParseError) -> String {
        let start = index
        index += 1
        // Fast path: no escapes — decode the run directly.
        var runStart = index
        var result = ""
        while true {
            guard index < bytes.count else { throw error("unterminated string; expected a closing '\"'", at: start) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                result += decodeUTF8(runStart..<index)
                index += 1
                return result
            }
            if byte == UInt8(ascii: "\\") {
                result += decodeUTF8(runStart..<index)
                try parseEscape(into: &result)
                runStart = index
                continue
            }
            if byte < 0x20 {
                throw error("control character U+\(hex4(UInt32(byte))) inside a string; write it as an escape such as \\n")
            }
            index += 1
        }
    }

    private mutating func parseEscape(into result: inout String) throws(JSONParseError) {
        index += 1
        guard index < bytes.count else { throw error("unterminated escape at end of text") }
        let c = bytes[index]
        index += 1
        switch c {
        case UInt8(ascii: "\""): result += "\""
        case UInt8(ascii: "\\"): result += "\\"
        case UInt8(ascii: "/"): result += "/"
        case UInt8(ascii: "b"): result += "\u{08}"
        case UInt8(ascii: "f"): result += "\u{0C}"
        case UInt8(ascii: "n"): result += "\n"
        case UInt8(ascii: "r"): result += "\r"
        case UInt8(ascii: "t"): result += "\t"
        case UInt8(ascii: "u"):
            let high = try parseHex4()
            if (0xD800...0xDBFF).contains(high) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("lone high surrogate \\u\(hex4(high)); expected a following \\uDC00-\\uDFFF escape")
                }
                index += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error("high surrogate \\u\(hex4(high)) followed by \\u\(hex4(low)), which is not a low surrogate")
                }
                let scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                result.unicodeScalars.append(Unicode.Scalar(scalar)!)
            } else if (0xDC00...0xDFFF).contains(high) {
                throw error("lone low surrogate \\u\(hex4(high))")
            } else {
                result.unicodeScalars.append(Unicode.Scalar(high)!)
            }
        default:
            index -= 1
            throw error("invalid escape '\\\(describeByte(c))'; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
        }
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw error("unexpected end of text in \\u escape; expected 4 hex digits") }
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit \(describeCurrent()) in \\u escape; expected 4 hex digits")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit after '-'") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw error("leading zeros are not allowed in numbers")
            }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let integerOnly = index >= bytes.count || (bytes[index] != UInt8(ascii: ".") && bytes[index] != UInt8(ascii: "e") && bytes[index] != UInt8(ascii: "E"))
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit after the decimal point") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit in the exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw error("number \(text) is out of range", at: start) }
        // From 2^53 on a Double no longer holds every integer: keep such literals as written.
        if integerOnly, abs(value) >= 9_007_199_254_740_992 { return .bigInteger(text) }
        return .number(value)
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
        let start = index
        let count = word.utf8CodeUnitCount
        let matches = word.withUTF8Buffer { w in
            index + count <= bytes.count && (0..<count).allSatisfy { bytes[index + $0] == w[$0] }
        }
        guard matches else { throw error("unexpected \(describeCurrent()); expected a value (did you mean \(word)?)", at: start) }
        index += count
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
    }

    /// JSON's whitespace: space, tab, line feed, carriage return.
    public static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            case UInt8(ascii: "/") where index + 1 < bytes.count && (bytes[index + 1] == UInt8(ascii: "/") || bytes[index + 1] == UInt8(ascii: "*")):
                return  // reported by the caller as "comments are not allowed"
            default: return
            }
        }
    }

    private func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }
    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private func decodeUTF8(_ range: Range<Int>) -> String {
        range.isEmpty ? "" : String(decoding: bytes[range], as: UTF8.self)
    }

    private func describeCurrent() -> String {
        guard index < bytes.count else { return "end of text" }
        let b = bytes[index]
        if b == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") || bytes[index + 1] == UInt8(ascii: "*") {
            return "comment (comments are not allowed in JSON)"
        }
        if b == UInt8(ascii: "'") { return "single quote (JSON strings use double quotes)" }
        return "'\(describeByte(b))'"
    }

    private func describeByte(_ b: UInt8) -> String {
        if b >= 0x20 && b < 0x7F { return String(UnicodeScalar(b)) }
        if b >= 0x80 {
            // Show the whole character that starts here.
            var end = index + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            return String(decoding: bytes[index..<end], as: UTF8.self)
        }
        return "U+\(hex4(UInt32(b)))"
    }

    /// "U+0065 U+0301": how a key is shown when only its code points tell it from another.
    static func codePoints(_ s: String) -> String {
        s.unicodeScalars.map { scalar in
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }.joined(separator: " ")
    }

    private func hex4(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    private func error(_ message: String, at position: Int? = nil) -> JSONParseError {
        let offset = min(position ?? index, bytes.count)
        var line = 1
        var lineStart = 0
        for i in 0..<offset where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        // Column counts characters, not bytes: skip UTF-8 continuation bytes.
        var column = 1
        for i in lineStart..<offset where bytes[i] & 0xC0 != 0x80 { column += 1 }
        return JSONParseError(line: line, column: column, offset: offset, message: message)
    }
}
