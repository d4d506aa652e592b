/// Finds where a JSON pointer's target is written in a JSON text, without building values, so
/// a problem found in the parsed value ("/tools/2/binding", a lint finding about
/// "/function/parameters/properties/city") can be shown at its place in the file or editor.
///
/// It is forgiving only as far as it must be: it reads the containers on the path, skips
/// everything else by bracket depth, and gives up (nil) when the text does not have the shape
/// the pointer needs. Pointers follow RFC 6901 strictly: `~` must be `~0` or `~1`, and array
/// indexes are digits without leading zeros.
public enum JSONPointerLocator {
    /// For an object member: its key (where an editor points a finding) or its value.
    /// Array elements and the root have no key; both anchors give where the value starts.
    public enum Anchor: Sendable { case key, value }

    /// The UTF-8 offset in `text` of the pointer's target, or nil.
    public static func offset(of pointer: String, in text: String, anchor: Anchor) -> Int? {
        guard let segments = strictSegments(pointer) else { return nil }
        var scanner = Scanner(bytes: Array(text.utf8))
        return scanner.locate(segments, anchor: anchor)
    }

    /// 1-based line and column (in Unicode scalars) of where the pointed-to value starts.
    public static func position(of pointer: String, in text: String) -> (line: Int, column: Int)? {
        guard let offset = offset(of: pointer, in: text, anchor: .value) else { return nil }
        var line = 1, column = 1
        for byte in text.utf8.prefix(offset) {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }

    /// 1-based line of where each element of the array at `pointer` starts, in one pass over
    /// the text (a suite's thousands of cases would otherwise each scan it from the start), or
    /// nil when `pointer` does not point at an array.
    public static func elementLines(ofArrayAt pointer: String, in text: String) -> [Int]? {
        guard let segments = strictSegments(pointer) else { return nil }
        var scanner = Scanner(bytes: Array(text.utf8))
        guard let start = scanner.locate(segments, anchor: .value), start < scanner.bytes.count,
              scanner.bytes[start] == UInt8(ascii: "[") else { return nil }
        scanner.i = start + 1
        var offsets: [Int] = []
        while true {
            scanner.skipSpace()
            guard scanner.i < scanner.bytes.count, scanner.bytes[scanner.i] != UInt8(ascii: "]") else { break }
            offsets.append(scanner.i)
            guard scanner.skipValue(), scanner.skipComma() else { break }
        }
        var lines: [Int] = []
        lines.reserveCapacity(offsets.count)
        var line = 1, at = 0
        for offset in offsets {
            while at < offset { if scanner.bytes[at] == 0x0A { line += 1 }; at += 1 }
            lines.append(line)
        }
        return lines
    }

    /// `JSONPointer.segments`, refusing a `~` that is not `~0` or `~1`.
    private static func strictSegments(_ pointer: String) -> [String]? {
        var rest = Substring(pointer)
        while let tilde = rest.firstIndex(of: "~") {
            let next = rest.index(after: tilde)
            guard next < rest.endIndex, rest[next] == "0" || rest[next] == "1" else { return nil }
            rest = rest[rest.index(after: next)...]
        }
        return JSONPointer.segments(pointer)
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0

        mutating func locate(_ segments: [String], anchor: Anchor) -> Int? {
            skipSpace()
            guard i < bytes.count else { return nil }
            var found = i
            for segment in segments {
                skipSpace()
                guard i < bytes.count else { return nil }
                if bytes[i] == UInt8(ascii: "{") {
                    guard let keyStart = enterMember(named: segment) else { return nil }
                    found = anchor == .key ? keyStart : i
                } else if bytes[i] == UInt8(ascii: "[") {
                    guard let element = Self.arrayIndex(segment), enterElement(element) else { return nil }
                    found = i
                } else {
                    return nil
                }
            }
            return found
        }

        /// An array index as RFC 6901 writes it: digits without leading zeros ("-" never exists).
        static func arrayIndex(_ segment: String) -> Int? {
            guard !segment.isEmpty, segment.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            if segment.utf8.count > 1, segment.utf8.first == 0x30 { return nil }
            return Int(segment)
        }

        /// With `i` at `{`, finds the member called `name`; leaves `i` at its value and returns
        /// where its key starts.
        mutating func enterMember(named name: String) -> Int? {
            i += 1
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
                let keyStart = i
                guard let key = readString() else { return nil }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                skipSpace()
                if key == name { return keyStart }
                guard skipValue(), skipComma() else { return nil }
            }
        }

        /// With `i` at `[`, moves to element `position`; false when there is no such element.
        mutating func enterElement(_ position: Int) -> Bool {
            i += 1
            var current = 0
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] != UInt8(ascii: "]") else { return false }
                if current == position { return true }
                guard skipValue(), skipComma() else { return false }
                current += 1
            }
        }

        /// After a value: consumes a `,`; false at the closer or on anything unexpected.
        mutating func skipComma() -> Bool {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ",") else { return false }
            i += 1
            return true
        }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        /// Reads a string at its quote and decodes it (escapes included, by the strict parser),
        /// so a key written as `"a\/b"` or `"\u00e9"` still matches the pointer's plain text.
        mutating func readString() -> String? {
            let start = i
            guard skipString() else { return nil }
            return try? JSONParser.parse(bytes: Array(bytes[start..<i])).stringValue
        }

        mutating func skipString() -> Bool {
            i += 1
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "\\") { i += 2; continue }
                if bytes[i] == UInt8(ascii: "\"") { i += 1; return true }
                i += 1
            }
            return false
        }

        /// Skips one value of any kind; brackets inside strings are ignored.
        mutating func skipValue() -> Bool {
            guard i < bytes.count else { return false }
            if bytes[i] == UInt8(ascii: "\"") { return skipString() }
            if bytes[i] == UInt8(ascii: "{") || bytes[i] == UInt8(ascii: "[") {
                var depth = 0
                while i < bytes.count {
                    switch bytes[i] {
                    case UInt8(ascii: "\""): guard skipString() else { return false }; continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 { i += 1; return true }
                    default: break
                    }
                    i += 1
                }
                return false
            }
            let start = i
            while i < bytes.count, !(bytes[i] == UInt8(ascii: ",") || bytes[i] == UInt8(ascii: "}") || bytes[i] == UInt8(ascii: "]")
                                     || bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09) { i += 1 }
            return i > start
        }
    }
}
