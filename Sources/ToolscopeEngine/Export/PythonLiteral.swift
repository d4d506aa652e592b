/// JSON values written as Python literals (`None`, `True`, `False`, dicts, lists), indented like
/// the JSON printer. JSON's string escapes and number forms are valid Python as they are, and
/// the printer writes non-ASCII text as is (a Python 3 source file is UTF-8).
enum PythonLiteral {
    static func text(_ value: JSONValue, indent: Int = 0) -> String {
        var out = ""
        write(value, into: &out, indent: indent)
        return out
    }

    private static func write(_ value: JSONValue, into out: inout String, indent: Int) {
        switch value {
        case .null: out += "None"
        case .bool(let b): out += b ? "True" : "False"
        case .number(let n) where !n.isFinite: out += "None"
        case .number, .bigInteger: out += value.compact
        case .string(let s): JSONPrinter.writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for item in items {
                newline(&out, indent + 1)
                write(item, into: &out, indent: indent + 1)
                out += ","
            }
            newline(&out, indent)
            out += "]"
        case .object(let object):
            if object.isEmpty { out += "{}"; return }
            out += "{"
            for (key, item) in object {
                newline(&out, indent + 1)
                JSONPrinter.writeString(key, into: &out)
                out += ": "
                write(item, into: &out, indent: indent + 1)
                out += ","
            }
            newline(&out, indent)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ indent: Int) {
        out += "\n" + String(repeating: "    ", count: indent)
    }

    /// A Python string literal for `s`.
    static func string(_ s: String) -> String { JSONPrinter.quoted(s) }
}
