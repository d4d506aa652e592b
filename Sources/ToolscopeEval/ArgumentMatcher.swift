import ToolscopeEngine

/// What one argument (or a part of one) must be.
///
/// In a suite a plain JSON value means "equal to this" (numbers by value, objects regardless of
/// key order), and an object or array written plainly is matched member by member, so a
/// matcher can sit deep inside: `{"location": {"city": {"$regex": "^Par"}}}`. An object whose
/// keys start with `$` is a matcher keyword (see docs/experiments.md); `{"$eq": …}` escapes a
/// literal object that itself has `$` keys.
public indirect enum ArgumentMatcher: Sendable, Hashable {
    /// JSON equality (numbers by value); strings under the surrounding normalisation.
    case equals(JSONValue)
    /// A plain object: every listed member matches; members not listed fail.
    case object(OrderedDictionary<String, ArgumentMatcher>)
    /// A plain array: same length, element by element.
    case array([ArgumentMatcher])
    /// Any one alternative matches; `omittable` when `""` was among them (BFCL's convention:
    /// the argument may be left out).
    case oneOf([ArgumentMatcher], omittable: Bool)
    /// Strings compared after normalising both sides, everywhere inside `matcher`.
    case normalized(Normalization, ArgumentMatcher)
    /// A string the pattern matches (anywhere; anchor with ^ and $).
    case regex(Pattern)
    /// A number within the inclusive bounds.
    case range(min: Double?, max: Double?)
    /// A number within `tolerance` of `value`.
    case approximately(Double, tolerance: Double)
    /// A value valid against a JSON Schema fragment (the engine's validator).
    case schema(JSONValue)
    /// Present, with any value.
    case present
    /// Must not be there.
    case absent
    /// Present or not, any value.
    case any

    /// Whether the argument may be missing.
    public var acceptsAbsence: Bool {
        switch self {
        case .absent, .any: return true
        case .oneOf(_, let omittable): return omittable
        case .normalized(_, let inner): return inner.acceptsAbsence
        default: return false
        }
    }

    /// What this matcher expects, in one line, for explanations.
    public var summary: String {
        switch self {
        case .equals(let v): return v.compact
        case .object(let members):
            return "{" + members.map { "\"\($0.key)\": \($0.value.summary)" }.joined(separator: ", ") + "}"
        case .array(let items): return "[" + items.map(\.summary).joined(separator: ", ") + "]"
        case .oneOf(let alternatives, let omittable):
            let list = "one of [" + alternatives.map(\.summary).joined(separator: ", ") + "]"
            return omittable ? list + " or omitted" : list
        case .normalized(let n, let inner): return "\(inner.summary) (normalised: \(n))"
        case .regex(let p): return "a string matching \(p)"
        case .range(let lo, let hi):
            switch (lo, hi) {
            case let (lo?, hi?): return "a number from \(Self.number(lo)) to \(Self.number(hi))"
            case let (lo?, nil): return "a number ≥ \(Self.number(lo))"
            case let (nil, hi?): return "a number ≤ \(Self.number(hi))"
            default: return "a number"
            }
        case .approximately(let v, let t): return "\(Self.number(v)) ± \(Self.number(t))"
        case .schema(let s): return "a value valid against \(s.compact)"
        case .present: return "present (any value)"
        case .absent: return "absent"
        case .any: return "anything, or absent"
        }
    }

    static func number(_ d: Double) -> String { JSONValue.number(d).compact }
}

// MARK: - Matching

extension ArgumentMatcher {
    /// The mismatches of `value` (nil = absent) at `path`; empty when it matches.
    public func mismatches(_ value: JSONValue?, at path: String, normalization: Normalization = .none) -> [ArgumentMismatch] {
        var out: [ArgumentMismatch] = []
        collect(value, at: path, normalization: normalization, into: &out)
        return out
    }

    public func matches(_ value: JSONValue?, normalization: Normalization = .none) -> Bool {
        mismatches(value, at: "", normalization: normalization).isEmpty
    }

    private func fail(_ value: JSONValue?, _ path: String, _ out: inout [ArgumentMismatch], why: String? = nil) {
        out.append(ArgumentMismatch(path: path, expected: summary, actual: value?.compact, reason: why))
    }

    func collect(_ value: JSONValue?, at path: String, normalization: Normalization, into out: inout [ArgumentMismatch]) {
        guard let value else {
            if !acceptsAbsence { fail(nil, path, &out) }
            return
        }
        switch self {
        case .equals(let expected):
            if !Self.equal(expected, value, normalization) { fail(value, path, &out) }
        case .object(let members):
            guard case .object(let actual) = value else { fail(value, path, &out, why: "expected an object, got \(value.kindDescription)"); return }
            Self.collectMembers(members, actual, extra: .fail, at: path, normalization: normalization, into: &out)
        case .array(let items):
            guard case .array(let actual) = value else { fail(value, path, &out, why: "expected an array, got \(value.kindDescription)"); return }
            guard actual.count == items.count else {
                fail(value, path, &out, why: "expected \(items.count) element\(items.count == 1 ? "" : "s"), got \(actual.count)")
                return
            }
            for (i, (m, v)) in zip(items, actual).enumerated() {
                m.collect(v, at: JSONPointer.appending(path, i), normalization: normalization, into: &out)
            }
        case .oneOf(let alternatives, _):
            if !alternatives.contains(where: { $0.mismatches(value, at: path, normalization: normalization).isEmpty }) {
                fail(value, path, &out)
            }
        case .normalized(let n, let inner):
            inner.collect(value, at: path, normalization: n, into: &out)
        case .regex(let pattern):
            guard case .string(let s) = value else { fail(value, path, &out, why: "expected a string, got \(value.kindDescription)"); return }
            if !pattern.matches(s) { fail(value, path, &out) }
        case .range(let lo, let hi):
            guard let d = value.doubleValue else { fail(value, path, &out, why: "expected a number, got \(value.kindDescription)"); return }
            if let lo, d < lo { fail(value, path, &out) } else if let hi, d > hi { fail(value, path, &out) }
        case .approximately(let target, let tolerance):
            guard let d = value.doubleValue else { fail(value, path, &out, why: "expected a number, got \(value.kindDescription)"); return }
            // Inclusive, with room for binary rounding: 3.13 is within 0.01 of 3.14 as written,
            // although the doubles differ by 0.01000000000000012.
            let slack = 1e-9 * Swift.max(1, abs(target), abs(tolerance))
            if !(abs(d - target) <= tolerance + slack) { fail(value, path, &out) }
        case .schema(let schema):
            let violations = SchemaValidator.validate(value, schema: schema)
            if let first = violations.first {
                fail(value, path, &out, why: violations.count == 1 ? first.description : "\(first.description) (and \(violations.count - 1) more)")
            }
        case .present, .any:
            break
        case .absent:
            fail(value, path, &out, why: "expected the argument to be left out")
        }
    }

    /// The members of an object: listed ones through their matchers, unlisted ones by `extra`.
    static func collectMembers(_ members: OrderedDictionary<String, ArgumentMatcher>, _ actual: JSONObject, extra: ExtraArguments,
                               at path: String, normalization: Normalization, into out: inout [ArgumentMismatch]) {
        for (key, matcher) in members {
            matcher.collect(actual.member(exactly: key), at: JSONPointer.appending(path, key), normalization: normalization, into: &out)
        }
        if extra == .fail {
            for (key, v) in actual where members[key] == nil {
                out.append(ArgumentMismatch(path: JSONPointer.appending(path, key), expected: "absent (not an expected argument)",
                                            actual: v.compact, reason: "unexpected argument"))
            }
        }
    }

    /// JSON equality where strings (at any depth) compare after normalisation.
    static func equal(_ a: JSONValue, _ b: JSONValue, _ n: Normalization) -> Bool {
        if n.isNone { return a.jsonEquals(b) }
        switch (a, b) {
        case (.string(let x), .string(let y)):
            return n.apply(x).utf8.elementsEqual(n.apply(y).utf8)
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1, n) }
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            for (k, v) in x { guard let w = y.member(exactly: k), equal(v, w, n) else { return false } }
            return true
        default:
            return a.jsonEquals(b)
        }
    }
}

/// One way an argument failed to match: where (a JSON pointer inside the call's arguments),
/// what was expected and what came (nil when the argument was missing).
public struct ArgumentMismatch: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var expected: String
    public var actual: String?
    /// A more specific reason, when there is one ("expected an object, got a string").
    public var reason: String?

    public init(path: String, expected: String, actual: String?, reason: String? = nil) {
        self.path = path
        self.expected = expected
        self.actual = actual
        self.reason = reason
    }

    public var description: String {
        let at = path.isEmpty ? "arguments" : path
        let got = actual ?? "nothing (argument missing)"
        return "\(at): expected \(expected), got \(got)" + (reason.map { " (\($0))" } ?? "")
    }
}

/// Whether arguments that no expectation lists make a call fail.
public enum ExtraArguments: String, Sendable, Hashable, CaseIterable {
    case fail, allow
}
