import Foundation

/// Strict reading of one JSON object's members, as every part of a session file is read.
///
/// A member that is present must have the type toolscope expects, or reading throws a
/// `SchemaShapeError` at that member's JSON pointer, naming what was expected and what was
/// found ("messages must be an array of messages, not a string"). Taking a default for a value
/// of the wrong type would load the file "successfully" and lose the value on the next save,
/// which is what issue 10 was about. `null` counts as absent for optional members.
public struct JSONFields {
    public let object: JSONObject
    public let path: String

    /// `value` must be an object; `what` names it for the error ("settings", "a tool call").
    public init(_ value: JSONValue, path: String, what: String) throws(SchemaShapeError) {
        guard case .object(let o) = value else {
            throw SchemaShapeError(path: path, message: "\(what) must be an object, not \(value.kindDescription)")
        }
        object = o
        self.path = path
    }

    public func pointer(_ key: String) -> String { JSONPointer.appending(path, key) }

    /// The member, or nil when it is absent or null.
    public func value(_ key: String) -> JSONValue? {
        guard let v = object[key], !v.isNull else { return nil }
        return v
    }

    public func wrongType(_ key: String, expected: String, found: JSONValue) -> SchemaShapeError {
        SchemaShapeError(path: pointer(key), message: "\(key) must be \(expected), not \(found.kindDescription)")
    }

    public func string(_ key: String) throws(SchemaShapeError) -> String? {
        guard let v = value(key) else { return nil }
        guard case .string(let s) = v else { throw wrongType(key, expected: "a string", found: v) }
        return s
    }

    /// A member that must be there, with the owner named for the message ("call_finished needs…").
    public func requiredString(_ key: String, owner: String) throws(SchemaShapeError) -> String {
        guard let s = try string(key) else {
            throw SchemaShapeError(path: object[key] == nil ? path : pointer(key), message: "\(owner) needs a string \"\(key)\"")
        }
        return s
    }

    public func bool(_ key: String) throws(SchemaShapeError) -> Bool? {
        guard let v = value(key) else { return nil }
        guard case .bool(let b) = v else { throw wrongType(key, expected: "true or false", found: v) }
        return b
    }

    public func int(_ key: String) throws(SchemaShapeError) -> Int? {
        guard let v = value(key) else { return nil }
        guard let i = v.intValue else { throw wrongType(key, expected: "an integer", found: v) }
        return i
    }

    public func number(_ key: String) throws(SchemaShapeError) -> Double? {
        guard let v = value(key) else { return nil }
        guard let d = v.doubleValue else { throw wrongType(key, expected: "a number", found: v) }
        return d
    }

    /// A number that must be above zero when present (timeouts, deadlines).
    public func positiveNumber(_ key: String) throws(SchemaShapeError) -> Double? {
        guard let d = try number(key) else { return nil }
        guard d > 0, d.isFinite else { throw SchemaShapeError(path: pointer(key), message: "\(key) must be a positive number, not \(d)") }
        return d
    }

    /// An integer that must be at least `minimum` when present.
    public func int(_ key: String, atLeast minimum: Int) throws(SchemaShapeError) -> Int? {
        guard let i = try int(key) else { return nil }
        guard i >= minimum else { throw SchemaShapeError(path: pointer(key), message: "\(key) must be at least \(minimum), not \(i)") }
        return i
    }

    public func object(_ key: String, expected: String = "an object") throws(SchemaShapeError) -> JSONObject? {
        guard let v = value(key) else { return nil }
        guard case .object(let o) = v else { throw wrongType(key, expected: expected, found: v) }
        return o
    }

    public func array(_ key: String, expected: String = "an array") throws(SchemaShapeError) -> [JSONValue]? {
        guard let v = value(key) else { return nil }
        guard case .array(let a) = v else { throw wrongType(key, expected: expected, found: v) }
        return a
    }

    /// An array whose elements must all be strings (logs, problems).
    public func strings(_ key: String) throws(SchemaShapeError) -> [String]? {
        guard let a = try array(key, expected: "an array of strings") else { return nil }
        var out: [String] = []
        out.reserveCapacity(a.count)
        for (i, item) in a.enumerated() {
            guard case .string(let s) = item else {
                throw SchemaShapeError(path: JSONPointer.appending(pointer(key), i), message: "\(key) must hold only strings, not \(item.kindDescription)")
            }
            out.append(s)
        }
        return out
    }

    /// An object whose values must all be strings (HTTP headers).
    public func stringMap(_ key: String) throws(SchemaShapeError) -> JSONObject? {
        guard let o = try object(key, expected: "an object of strings") else { return nil }
        for (k, v) in o where v.stringValue == nil {
            throw SchemaShapeError(path: JSONPointer.appending(pointer(key), k), message: "\(key) values must be strings, not \(v.kindDescription)")
        }
        return o
    }

    /// An RFC 3339 timestamp; text that does not parse is refused rather than replaced by "now".
    public func date(_ key: String) throws(SchemaShapeError) -> Date? {
        guard let s = try string(key) else { return nil }
        guard let d = ISO8601.parse(s) else {
            throw SchemaShapeError(path: pointer(key), message: "\(key) must be an RFC 3339 timestamp like \"2026-11-24T20:00:00Z\", not \"\(s)\"")
        }
        return d
    }

    /// The members not in `known`, in file order: kept so a newer toolscope's keys survive a save.
    public func unknown(known: Set<String>) -> JSONObject {
        var extra = JSONObject()
        for (k, v) in object where !known.contains(k) { extra[k] = v }
        return extra
    }
}

extension JSONObject {
    /// Appends `extra`'s members that are not already set, in their order: typed fields win.
    public mutating func merge(unknown extra: JSONObject) {
        for (k, v) in extra where self[k] == nil { self[k] = v }
    }
}

extension JSONValue {
    /// "a string", "an object", "null"…: what an error says was found instead.
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number(let n): return n.rounded() == n && n.isFinite ? "an integer" : "a number"
        case .bigInteger: return "an integer"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
