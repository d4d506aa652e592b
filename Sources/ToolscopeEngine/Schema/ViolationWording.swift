/// The phrases violation messages are built from, kept in one place so every message reads
/// the same way: the field first, then what was expected, then what arrived.
enum ViolationWording {
    /// Longest quoted value shown in a message; a model does not need its whole essay back.
    static let maxShownCharacters = 60
    /// Enum values listed before "and N more".
    static let maxListedValues = 12

    /// A value as it appears after "got": literals for scalars, a shape for containers.
    static func shown(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return quoted(s)
        case .array(let items): return items.isEmpty ? "an empty array" : "an array of \(count(items.count, "item"))"
        case .object(let o): return o.isEmpty ? "an empty object" : "an object"
        default: return value.compact
        }
    }

    /// A value named with its type, for type mismatches: `the string "3"`, `the number 3.5`.
    static func typed(_ value: JSONValue) -> String {
        switch value {
        case .string: return "the string " + shown(value)
        case .number, .bigInteger: return "the number " + value.compact
        case .bool: return "the boolean " + value.compact
        case .null: return "null"
        case .array, .object: return shown(value)
        }
    }

    /// A JSON literal, shortened in the middle of long strings.
    static func literal(_ value: JSONValue) -> String {
        if case .string(let s) = value { return quoted(s) }
        let text = value.compact
        return text.count > maxShownCharacters ? String(text.prefix(maxShownCharacters)) + "…" : text
    }

    static func quoted(_ s: String) -> String {
        let cut = s.count > maxShownCharacters ? String(s.prefix(maxShownCharacters)) + "…" : s
        return JSONPrinter.quoted(cut)
    }

    /// "\"a\", \"b\" and 3 more" for enum lists.
    static func list(_ values: [JSONValue]) -> String {
        let shownValues = values.prefix(maxListedValues).map(literal).joined(separator: ", ")
        return values.count > maxListedValues ? shownValues + " (and \(values.count - maxListedValues) more)" : shownValues
    }

    /// "a string", "an integer", "a string or null", "one of the types string, number, null".
    static func expectedTypes(_ names: [String]) -> String {
        let articled = names.map(withArticle)
        switch articled.count {
        case 0: return "a value"
        case 1: return articled[0]
        case 2: return "\(articled[0]) or \(names[1] == "null" ? "null" : articled[1])"
        default: return "one of the types " + names.joined(separator: ", ")
        }
    }

    static func withArticle(_ typeName: String) -> String {
        switch typeName {
        case "null": return "null"
        case "integer", "object", "array": return "an \(typeName)"
        default: return "a \(typeName)"
        }
    }

    static func count(_ n: Int, _ noun: String) -> String {
        n == 1 ? "1 \(noun)" : "\(n) \(noun)s"
    }

    /// Numbers as JSON prints them (3, not 3.0).
    static func number(_ n: Double) -> String { JSONPrinter.formatNumber(n) }
}
