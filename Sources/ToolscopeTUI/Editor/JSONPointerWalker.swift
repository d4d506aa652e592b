/// Walks JSON text along a JSON pointer without building values, so a lint finding about
/// `/function/parameters/properties/city` can be shown on the line where `"city"` is written.
///
/// It works on `Character`s so the offset it finds converts directly into an editor column.
/// It is forgiving only as far as it must be: it reads the containers on the path and skips
/// everything else by bracket depth, and gives up (nil) when the text does not have the shape
/// the pointer needs.
struct JSONPointerWalker {
    private let chars: [Character]
    private var index = 0

    init(text: String) { chars = Array(text) }

    /// The decoded reference tokens of a pointer, or nil when it is not a valid pointer.
    static func segments(of pointer: String) -> [String]? {
        if pointer.isEmpty { return [] }
        guard pointer.first == "/" else { return nil }
        var result: [String] = []
        for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var segment = ""
            var iterator = raw.makeIterator()
            while let c = iterator.next() {
                guard c == "~" else { segment.append(c); continue }
                switch iterator.next() {
                case "0": segment.append("~")
                case "1": segment.append("/")
                default: return nil
                }
            }
            result.append(segment)
        }
        return result
    }

    /// The `Character` offset where the pointed-to key (for an object member) or value (for
    /// an array element, or the root) starts.
    mutating func locate(_ segments: [String]) -> Int? {
        index = 0
        skipWhitespace()
        guard index < chars.count else { return nil }
        var found = index
        for segment in segments {
            skipWhitespace()
            guard index < chars.count else { return nil }
            if chars[index] == "{" {
                guard let keyStart = enterMember(named: segment) else { return nil }
                found = keyStart
            } else if chars[index] == "[" {
                guard let element = Self.arrayIndex(segment), let start = enterElement(element) else { return nil }
                found = start
            } else {
                return nil
            }
        }
        return found
    }

    /// 0-based line and column of a character offset.
    func position(ofCharacterOffset offset: Int) -> TextPosition {
        var line = 0
        var column = 0
        for c in chars[..<min(offset, chars.count)] {
            if c == "\n" || c == "\r\n" || c == "\r" {
                line += 1
                column = 0
            } else {
                column += 1
            }
        }
        return TextPosition(line: line, column: column)
    }

    /// An array index as RFC 6901 writes it: digits without leading zeros ("-" never exists).
    private static func arrayIndex(_ segment: String) -> Int? {
        guard !segment.isEmpty, segment.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if segment.count > 1, segment.first == "0" { return nil }
        return Int(segment)
    }

    /// With `index` at `{`, finds the member called `name`; leaves `index` at its value and
    /// returns where its key starts.
    private mutating func enterMember(named name: String) -> Int? {
        index += 1
        while true {
            skipWhitespace()
            guard index < chars.count, JSONCharacter.isQuote(chars[index]) else { return nil }
            let keyStart = index
            guard let key = readString() else { return nil }
            skipWhitespace()
            guard index < chars.count, chars[index] == ":" else { return nil }
            index += 1
            skipWhitespace()
            if key == name { return keyStart }
            guard skipValue(), skipComma() else { return nil }
        }
    }

    /// With `index` at `[`, moves to element `position` and returns where it starts.
    private mutating func enterElement(_ position: Int) -> Int? {
        index += 1
        var current = 0
        while true {
            skipWhitespace()
            guard index < chars.count, chars[index] != "]" else { return nil }
            if current == position { return index }
            guard skipValue(), skipComma() else { return nil }
            current += 1
        }
    }

    /// After a value: consumes a `,` and returns true, or returns false at the closer or on
    /// anything unexpected (the member or element was not there).
    private mutating func skipComma() -> Bool {
        skipWhitespace()
        guard index < chars.count, chars[index] == "," else { return false }
        index += 1
        return true
    }

    /// Skips one value of any kind, tracking nesting and strings.
    private mutating func skipValue() -> Bool {
        guard index < chars.count else { return false }
        if JSONCharacter.isQuote(chars[index]) { return readString() != nil }
        if chars[index] == "{" || chars[index] == "[" {
            var depth = 0
            while index < chars.count {
                let c = chars[index]
                if JSONCharacter.isQuote(c) {
                    guard readString() != nil else { return false }
                    continue
                }
                if c == "{" || c == "[" { depth += 1 }
                if c == "}" || c == "]" {
                    depth -= 1
                    if depth == 0 {
                        index += 1
                        return true
                    }
                }
                index += 1
            }
            return false
        }
        let start = index
        while index < chars.count, !JSONCharacter.isWhitespace(chars[index]),
              !",]}".contains(chars[index]) {
            index += 1
        }
        return index > start
    }

    /// Reads a string starting at its quote and returns its decoded content, so a key written
    /// with escapes (`"a\/b"`, `"\u00e9"`) still matches the pointer's plain text.
    private mutating func readString() -> String? {
        index += 1
        var scalars = String.UnicodeScalarView()
        var pendingHigh: UInt32?
        while index < chars.count {
            let c = chars[index]
            index += 1
            if JSONCharacter.isQuote(c) {
                // A quote cluster may carry combining marks; they belong to the text after it.
                scalars.append(contentsOf: c.unicodeScalars.dropFirst())
                return String(scalars)
            }
            guard JSONCharacter.isBackslash(c) else {
                scalars.append(contentsOf: c.unicodeScalars)
                pendingHigh = nil
                continue
            }
            guard index < chars.count else { return nil }
            let escape = chars[index]
            index += 1
            switch escape {
            case "\"": scalars.append("\"")
            case "\\": scalars.append("\\")
            case "/": scalars.append("/")
            case "b": scalars.append("\u{08}")
            case "f": scalars.append("\u{0C}")
            case "n": scalars.append("\n")
            case "r": scalars.append("\r")
            case "t": scalars.append("\t")
            case "u":
                guard index + 4 <= chars.count,
                      let code = UInt32(String(chars[index..<(index + 4)]), radix: 16) else { return nil }
                index += 4
                if (0xD800...0xDBFF).contains(code) {
                    pendingHigh = code
                    continue
                }
                if (0xDC00...0xDFFF).contains(code), let high = pendingHigh {
                    let combined = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
                    if let scalar = Unicode.Scalar(combined) { scalars.append(scalar) }
                } else if let scalar = Unicode.Scalar(code) {
                    scalars.append(scalar)
                }
            default:
                return nil
            }
            pendingHigh = nil
        }
        return nil
    }

    private mutating func skipWhitespace() {
        while index < chars.count, JSONCharacter.isWhitespace(chars[index]) { index += 1 }
    }
}
