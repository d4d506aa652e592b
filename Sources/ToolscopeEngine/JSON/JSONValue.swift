// Re-exported: `JSONObject` is part of the engine API, so its users need OrderedDictionary too.
@_exported import OrderedCollections

/// An object whose keys keep the order they were written in, so a schema the user edits and
/// saves comes back exactly as they laid it out.
public typealias JSONObject = OrderedDictionary<String, JSONValue>

/// A JSON document as a value. Numbers are `Double` (as in JavaScript and most model servers);
/// integral values print without a fraction. Integer literals beyond ±2^53, which a `Double`
/// would change (an order ID from the model must reach the tool digit for digit), are kept as
/// written in `bigInteger`.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    /// An integer literal of magnitude 2^53 or more, exactly as written (`-?[1-9][0-9]*`).
    case bigInteger(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// Parses strict RFC 8259 JSON; throws `JSONParseError` with line and column.
    public init(parsing text: String) throws(JSONParseError) {
        self = try JSONParser.parse(text)
    }

    public var objectValue: JSONObject? { if case .object(let o) = self { return o }; return nil }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    public var doubleValue: Double? {
        switch self {
        case .number(let n): return n
        case .bigInteger(let text): return Double(text)
        default: return nil
        }
    }
    public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var isNull: Bool { if case .null = self { return true }; return false }

    /// The value as an `Int` when it is an integral number that fits.
    public var intValue: Int? {
        if case .bigInteger(let text) = self { return Int(text) }
        guard case .number(let n) = self, n.rounded() == n, abs(n) < 9.007_199_254_740_992e15 else { return nil }
        return Int(n)
    }

    /// True for both number cases.
    public var isNumber: Bool {
        switch self {
        case .number, .bigInteger: return true
        default: return false
        }
    }

    /// Member lookup on objects; `nil` for a missing key or a non-object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let o) = self else { return nil }
        return o[key]
    }

    /// The JSON Schema name of this value's type ("integer" for integral numbers).
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number(let n): return n.rounded() == n && n.isFinite ? "integer" : "number"
        case .bigInteger: return "integer"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Compact one-line JSON, keys in stored order.
    public var compact: String { JSONPrinter.print(self, pretty: false) }
    /// Two-space indented JSON, keys in stored order.
    public var pretty: String { JSONPrinter.print(self, pretty: true) }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var o = JSONObject()
        for (k, v) in elements { o[k] = v }
        self = .object(o)
    }
}

extension JSONValue {
    /// Equality as JSON and JSON Schema (`enum`, `const`, `uniqueItems`) define it: strings
    /// and object keys by Unicode code point (Swift's `==` would make a precomposed "é" equal
    /// "e" + U+0301), numbers by mathematical value (`9007199254740992.0` equals the big
    /// integer `9007199254740992`), objects regardless of key order.
    public func jsonEquals(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.string(let a), .string(let b)):
            return a.utf8.elementsEqual(b.utf8)
        case (.number(let a), .number(let b)):
            return a == b
        case (.bigInteger, .number), (.number, .bigInteger), (.bigInteger, .bigInteger):
            guard let a = ExactDecimal(self), let b = ExactDecimal(other) else { return false }
            return a == b
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (k, v) in a { guard let w = b.member(exactly: k), v.jsonEquals(w) else { return false } }
            return true
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.jsonEquals($1) }
        default:
            return self == other
        }
    }

    /// Bytes that are equal exactly when two values are `jsonEquals`, so `uniqueItems` on a
    /// large array hashes instead of comparing every pair.
    func canonicalKey(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(UInt8(ascii: "n"))
        case .bool(let b): out.append(b ? UInt8(ascii: "t") : UInt8(ascii: "f"))
        case .number(let n) where n.rounded() == n && abs(n) < 9.007_199_254_740_992e15:
            // Integers below 2^53 are never big integers, so this form meets only its own kind.
            out.append(UInt8(ascii: "i"))
            out.append(contentsOf: String(Int64(n)).utf8)
        case .number, .bigInteger:
            out.append(UInt8(ascii: "d"))
            out.append(contentsOf: (ExactDecimal(self)?.canonicalText ?? compact).utf8)
        case .string(let s):
            appendString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for item in items { item.canonicalKey(into: &out); out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for key in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                appendString(key, into: &out)
                members[key]!.canonicalKey(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private func appendString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "s"))
        out.append(contentsOf: String(s.utf8.count).utf8)
        out.append(UInt8(ascii: ":"))
        out.append(contentsOf: s.utf8)
    }
}

extension OrderedDictionary where Key == String, Value == JSONValue {
    /// The member whose key has exactly the code points of `key`. Plain subscripting matches
    /// canonically equivalent keys too ("é" precomposed finds "e" + U+0301), which JSON and
    /// JSON Schema treat as different names.
    public func member(exactly key: String) -> JSONValue? {
        guard let index = index(forKey: key), keys[index].utf8.elementsEqual(key.utf8) else { return nil }
        return values[index]
    }
}
