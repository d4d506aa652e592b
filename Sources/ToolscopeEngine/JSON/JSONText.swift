/// Operations on JSON *text* that must keep every token exactly as written.
public enum JSONText {
    /// The text without the whitespace between tokens (outside strings): one line, with every
    /// number, string escape and key order exactly as written. Re-printing a parsed value
    /// would change `-0.0`, `1.0` or `1E2`; this does not. The input must be valid JSON.
    public static func compacted(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var inString = false
        var escaped = false
        for byte in text.utf8 {
            if inString {
                out.append(byte)
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): continue
            case UInt8(ascii: "\""): inString = true; out.append(byte)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
