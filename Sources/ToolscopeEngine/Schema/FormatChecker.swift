/// Real checks for the `format` values tool schemas use, so "2024-02-30" or "256.1.1.1"
/// is caught before a tool sees it.
///
/// Each check returns `nil` for a valid string, or a short reason to append to the
/// violation ("month 13 is out of range"). Unknown formats are not checked, as JSON Schema
/// treats `format` as an annotation for vocabularies it does not know.
enum FormatChecker {
    /// The formats this checker understands, with an example the model can imitate.
    static let examples: [String: String] = [
        "date-time": "2024-05-01T14:30:00Z",
        "date": "2024-05-01",
        "time": "14:30:00Z",
        "duration": "P3DT4H",
        "email": "ada@example.com",
        "uuid": "123e4567-e89b-12d3-a456-426614174000",
        "ipv4": "192.168.0.1",
        "ipv6": "2001:db8::1",
        "hostname": "api.example.com",
    ]

    /// `nil` when `text` is valid (or the format is unknown); otherwise why it is not.
    static func problem(with text: String, format: String) -> String? {
        let bytes = Array(text.utf8)
        switch format {
        case "date-time": return dateTimeProblem(bytes)
        case "date": return dateProblem(bytes[...])
        case "time": return timeProblem(bytes[...])
        case "duration": return durationProblem(bytes)
        case "email": return emailProblem(bytes)
        case "uuid": return uuidProblem(bytes)
        case "ipv4": return ipv4Problem(bytes[...])
        case "ipv6": return ipv6Problem(bytes)
        case "hostname": return hostnameProblem(bytes[...])
        default: return nil
        }
    }

    static func isKnown(_ format: String) -> Bool { examples[format] != nil }

    // MARK: RFC 3339

    private static func dateTimeProblem(_ bytes: [UInt8]) -> String? {
        guard let separator = bytes.firstIndex(where: { $0 == UInt8(ascii: "T") || $0 == UInt8(ascii: "t") }) else {
            return "it needs a date, the letter T and a time"
        }
        let datePart = bytes[..<separator]
        if let problem = dateProblem(datePart) { return problem }
        return timeProblem(bytes[(separator + 1)...])
    }

    private static func parseDate(_ s: ArraySlice<UInt8>) -> (year: Int, month: Int, day: Int)? {
        let b = Array(s)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let year = digits(b, 0, 4), let month = digits(b, 5, 2), let day = digits(b, 8, 2)
        else { return nil }
        return (year, month, day)
    }

    private static func dateProblem(_ s: ArraySlice<UInt8>) -> String? {
        guard let (year, month, day) = parseDate(s) else { return "expected YYYY-MM-DD" }
        guard (1...12).contains(month) else { return "month \(month) is out of range 01-12" }
        let days = daysIn(month: month, year: year)
        guard (1...days).contains(day) else { return "day \(day) does not exist in month \(month) of \(year)" }
        return nil
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// RFC 3339 `full-time`: HH:MM:SS, optional fraction, then Z or ±HH:MM (required, as
    /// JSON Schema's `time` format says). A leap second is accepted only at 23:59:60 UTC.
    private static func timeProblem(_ s: ArraySlice<UInt8>) -> String? {
        let b = Array(s)
        let shape = "expected HH:MM:SS with a time zone, e.g. 14:30:00Z or 14:30:00+02:00"
        guard b.count >= 9, b[2] == UInt8(ascii: ":"), b[5] == UInt8(ascii: ":"),
              let hour = digits(b, 0, 2), let minute = digits(b, 3, 2), let second = digits(b, 6, 2)
        else { return shape }
        var i = 8
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count, isDigit(b[i]) { i += 1 }
            guard i > start else { return "a decimal point must be followed by digits" }
        }
        guard i < b.count else { return "the time zone is missing; add Z for UTC or an offset such as +02:00" }
        var offsetMinutes = 0
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard i + 1 == b.count else { return shape }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard b.count - i == 6, b[i + 3] == UInt8(ascii: ":"),
                  let oh = digits(b, i + 1, 2), let om = digits(b, i + 4, 2)
            else { return "the offset must be +HH:MM or -HH:MM" }
            guard oh <= 23, om <= 59 else { return "the offset \(oh):\(om) is out of range" }
            offsetMinutes = (oh * 60 + om) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return shape
        }
        guard hour <= 23 else { return "hour \(hour) is out of range 00-23" }
        guard minute <= 59 else { return "minute \(minute) is out of range 00-59" }
        guard second <= 60 else { return "second \(second) is out of range 00-59" }
        if second == 60 {
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            guard utc == 23 * 60 + 59 else { return "second 60 is only valid as a leap second at 23:59:60 UTC" }
        }
        return nil
    }

    /// ISO 8601 durations as RFC 3339 appendix A writes them: P1Y2M3DT4H5M6S, or P2W alone.
    private static func durationProblem(_ bytes: [UInt8]) -> String? {
        let shape = "expected an ISO 8601 duration such as P3DT4H30M or P2W"
        guard bytes.first == UInt8(ascii: "P") else { return shape }
        let body = bytes.dropFirst()
        let t = body.firstIndex(of: UInt8(ascii: "T"))
        let datePart = t.map { body[..<$0] } ?? body
        guard let dateUnits = durationUnits(datePart, order: Array("YMWD".utf8)) else { return shape }
        var timeUnits: [UInt8] = []
        if let t {
            guard let units = durationUnits(body[(t + 1)...], order: Array("HMS".utf8)), !units.isEmpty else {
                return "T must be followed by hours (H), minutes (M) or seconds (S)"
            }
            timeUnits = units
        }
        guard !dateUnits.isEmpty || !timeUnits.isEmpty else { return shape }
        if dateUnits.contains(UInt8(ascii: "W")), dateUnits.count + timeUnits.count > 1 {
            return "weeks (W) cannot be combined with other units"
        }
        return nil
    }

    /// The unit letters of a run like "1Y2M", each once and in `order`; `nil` when malformed.
    private static func durationUnits(_ part: ArraySlice<UInt8>, order: [UInt8]) -> [UInt8]? {
        var units: [UInt8] = []
        var lastRank = -1
        var i = part.startIndex
        while i < part.endIndex {
            let start = i
            while i < part.endIndex, isDigit(part[i]) { i += 1 }
            guard i > start, i < part.endIndex, let rank = order.firstIndex(of: part[i]), rank > lastRank else { return nil }
            lastRank = rank
            units.append(part[i])
            i += 1
        }
        return units
    }

    // MARK: Identifiers and addresses

    private static func emailProblem(_ bytes: [UInt8]) -> String? {
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return "it has no @" }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard !local.isEmpty else { return "nothing before the @" }
        guard local.count <= 64 else { return "the part before the @ is longer than 64 characters" }
        guard !domain.isEmpty else { return "nothing after the @" }
        let allowedLocal = Set("!#$%&'*+-/=?^_`{|}~.".utf8)
        for byte in local where !(isAlphanumeric(byte) || allowedLocal.contains(byte) || byte >= 0x80) {
            return "the part before the @ contains \(describe(byte))"
        }
        if local.first == UInt8(ascii: ".") || local.last == UInt8(ascii: ".") {
            return "the part before the @ cannot start or end with a dot"
        }
        if zip(local, local.dropFirst()).contains(where: { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") }) {
            return "the part before the @ contains two dots in a row"
        }
        if domain.first == UInt8(ascii: "["), domain.last == UInt8(ascii: "]") {
            let literal = domain.dropFirst().dropLast()
            if literal.starts(with: Array("IPv6:".utf8)) { return ipv6Problem(Array(literal.dropFirst(5))) }
            return ipv4Problem(literal)
        }
        if let problem = hostnameProblem(domain) { return "the domain is not valid: \(problem)" }
        return nil
    }

    private static func uuidProblem(_ bytes: [UInt8]) -> String? {
        guard bytes.count == 36 else { return "expected 36 characters in the form 8-4-4-4-12 hex digits" }
        for (i, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(i) {
                guard byte == UInt8(ascii: "-") else { return "expected a hyphen at position \(i + 1)" }
            } else if !isHexDigit(byte) {
                return "\(describe(byte)) at position \(i + 1) is not a hex digit"
            }
        }
        return nil
    }

    private static func ipv4Problem(_ bytes: ArraySlice<UInt8>) -> String? {
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return "expected four numbers separated by dots" }
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(isDigit) else {
                return "each part must be a number from 0 to 255"
            }
            guard part.count == 1 || part.first != UInt8(ascii: "0") else { return "parts must not have leading zeros" }
            let value = part.reduce(0) { $0 * 10 + Int($1 - 48) }
            guard value <= 255 else { return "\(value) is larger than 255" }
        }
        return nil
    }

    /// RFC 4291 text form: eight groups of 1-4 hex digits, one `::` for a run of zero
    /// groups, and optionally an IPv4 address in place of the last two groups.
    private static func ipv6Problem(_ bytes: [UInt8]) -> String? {
        let text = bytes[...]
        let doubleColons = zip(text, text.dropFirst()).enumerated().filter { $0.element == (58, 58) }.map(\.offset)
        guard doubleColons.count <= 1 else { return "\"::\" may appear only once" }
        if bytes.contains(where: { $0 == UInt8(ascii: ":") }) == false { return "expected hex groups separated by colons" }
        let compressed = doubleColons.count == 1
        var groups: [ArraySlice<UInt8>]
        if compressed {
            let at = doubleColons[0]
            let head = text[..<at]
            let tail = text[(at + 2)...]
            groups = head.isEmpty ? [] : head.split(separator: 58, omittingEmptySubsequences: false)
            groups += tail.isEmpty ? [] : tail.split(separator: 58, omittingEmptySubsequences: false)
        } else {
            groups = text.split(separator: 58, omittingEmptySubsequences: false)
        }
        var count = 0
        for (i, group) in groups.enumerated() {
            if i == groups.count - 1, group.contains(UInt8(ascii: ".")) {
                if let problem = ipv4Problem(group) { return "the embedded IPv4 address is not valid: \(problem)" }
                count += 2
                continue
            }
            guard !group.isEmpty else { return "empty group (a single colon at the start or end, or \":::\")" }
            guard group.count <= 4, group.allSatisfy(isHexDigit) else {
                return "each group must be 1 to 4 hex digits"
            }
            count += 1
        }
        if compressed {
            guard count <= 7 else { return "too many groups for an address with \"::\"" }
        } else {
            guard count == 8 else { return "expected 8 groups, found \(count)" }
        }
        return nil
    }

    /// RFC 1123 host names: dot-separated labels of letters, digits and hyphens, each 1-63
    /// characters, not starting or ending with a hyphen; at most 253 characters in all.
    private static func hostnameProblem(_ bytes: ArraySlice<UInt8>) -> String? {
        guard !bytes.isEmpty else { return "it is empty" }
        guard bytes.count <= 253 else { return "it is longer than 253 characters" }
        for label in bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard !label.isEmpty else { return "it has an empty label (two dots in a row, or a dot at the start or end)" }
            guard label.count <= 63 else { return "a label is longer than 63 characters" }
            for byte in label where !(isAlphanumeric(byte) || byte == UInt8(ascii: "-")) {
                return "it contains \(describe(byte)); only letters, digits, hyphens and dots are allowed"
            }
            if label.first == UInt8(ascii: "-") || label.last == UInt8(ascii: "-") {
                return "a label cannot start or end with a hyphen"
            }
        }
        return nil
    }

    // MARK: Bytes

    private static func digits(_ b: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= b.count else { return nil }
        var value = 0
        for byte in b[start..<(start + count)] {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    private static func isHexDigit(_ b: UInt8) -> Bool { isDigit(b) || (b >= 65 && b <= 70) || (b >= 97 && b <= 102) }
    private static func isAlphanumeric(_ b: UInt8) -> Bool { isDigit(b) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }

    private static func describe(_ byte: UInt8) -> String {
        if byte == 32 { return "a space" }
        if byte < 32 || byte == 127 { return "a control character" }
        if byte >= 128 { return "a non-ASCII character" }
        return "\"\(Character(Unicode.Scalar(byte)))\""
    }
}
