/// Finds where the value at a JSON pointer starts in a JSON text (1-based line and column), so
/// an error found in the parsed value ("/tools/2/binding") can be shown at its place in the file.
public enum JSONPointerLocator {
    public static func position(of pointer: String, in text: String) -> (line: Int, column: Int)? {
        let segments = pointer.isEmpty ? [] : pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
        var scanner = Scanner(bytes: Array(text.utf8))
        guard let offset = scanner.find(segments[...]) else { return nil }
        return scanner.lineColumn(of: offset)
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0

        mutating func find(_ path: ArraySlice<String>) -> Int? {
            skipSpace()
            guard let first = path.first else { return i }
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: "{") {
                i += 1
                while true {
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
                    let keyStart = i
                    guard let key = readString() else { return nil }
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                    i += 1
                    if key == first {
                        if path.count == 1 { skipSpace(); _ = keyStart; return i }
                        return find(path.dropFirst())
                    }
                    guard skipValue() else { return nil }
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ",") else { return nil }
                    i += 1
                }
            } else if bytes[i] == UInt8(ascii: "[") {
                guard let target = Int(first) else { return nil }
                i += 1
                var index = 0
                while true {
                    skipSpace()
                    if index == target { return find(path.dropFirst()) }
                    guard skipValue() else { return nil }
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ",") else { return nil }
                    i += 1
                    index += 1
                }
            }
            return nil
        }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

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
            skipSpace()
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
            while i < bytes.count, !(bytes[i] == UInt8(ascii: ",") || bytes[i] == UInt8(ascii: "}") || bytes[i] == UInt8(ascii: "]")
                                     || bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09) { i += 1 }
            return true
        }

        func lineColumn(of offset: Int) -> (line: Int, column: Int) {
            var line = 1, column = 1
            for k in 0..<min(offset, bytes.count) {
                if bytes[k] == 0x0A { line += 1; column = 1 } else if bytes[k] & 0xC0 != 0x80 { column += 1 }
            }
            return (line, column)
        }
    }
}
