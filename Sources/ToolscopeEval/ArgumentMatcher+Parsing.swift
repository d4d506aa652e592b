import ToolscopeEngine

extension ArgumentMatcher {
    /// The matcher keywords a suite may use; any other `$` key is refused, so a typo such as
    /// `$regx` is an error instead of a literal that never matches.
    public static let keywords: Set<String> = [
        "$eq", "$oneOf", "$normalize", "$regex", "$ignoreCase", "$min", "$max", "$approx", "$tolerance",
        "$schema", "$present", "$absent", "$any",
    ]

    /// Reads a matcher as a suite writes it; errors carry the JSON pointer of the mistake.
    public init(suiteJSON json: JSONValue, path: String) throws(SchemaShapeError) {
        switch json {
        case .array(let items):
            var out: [ArgumentMatcher] = []
            for (i, item) in items.enumerated() { out.append(try ArgumentMatcher(suiteJSON: item, path: JSONPointer.appending(path, i))) }
            self = .array(out)
        case .object(let o) where o.keys.contains(where: { $0.hasPrefix("$") }):
            self = try Self.keyword(o, path: path)
        case .object(let o):
            var members = OrderedDictionary<String, ArgumentMatcher>()
            for (k, v) in o { members[k] = try ArgumentMatcher(suiteJSON: v, path: JSONPointer.appending(path, k)) }
            self = .object(members)
        default:
            self = .equals(json)
        }
    }

    private static func keyword(_ o: JSONObject, path: String) throws(SchemaShapeError) -> ArgumentMatcher {
        let f = try JSONFields(.object(o), path: path, what: "a matcher")
        for key in o.keys where !keywords.contains(key) {
            if key.hasPrefix("$") {
                throw SchemaShapeError(path: f.pointer(key), message: "unknown matcher \"\(key)\"; known: \(keywords.sorted().joined(separator: ", "))")
            }
            throw SchemaShapeError(path: f.pointer(key), message: "\"\(key)\" cannot sit beside matcher keywords; to match a literal object with $ keys write {\"$eq\": {…}}")
        }
        let primaries = ["$eq", "$oneOf", "$regex", "$approx", "$schema", "$present", "$absent", "$any"].filter { o[$0] != nil }
        let isRange = o["$min"] != nil || o["$max"] != nil
        guard primaries.count + (isRange ? 1 : 0) == 1 else {
            if primaries.count + (isRange ? 1 : 0) == 0 {
                throw SchemaShapeError(path: path, message: "a matcher needs one of $eq, $oneOf, $regex, $min/$max, $approx, $schema, $present, $absent, $any")
            }
            throw SchemaShapeError(path: path, message: "one matcher per object: found \((primaries + (isRange ? ["$min/$max"] : [])).joined(separator: " and ")); combine them with $oneOf or nest them")
        }
        func refuse(_ modifier: String, unless allowed: Bool, with: String) throws(SchemaShapeError) {
            if o[modifier] != nil, !allowed {
                throw SchemaShapeError(path: f.pointer(modifier), message: "\(modifier) goes only with \(with)")
            }
        }
        let primary = primaries.first ?? "$min"
        try refuse("$normalize", unless: primary == "$eq" || primary == "$oneOf", with: "$eq or $oneOf")
        try refuse("$ignoreCase", unless: primary == "$regex", with: "$regex")
        try refuse("$tolerance", unless: primary == "$approx", with: "$approx")

        let matcher: ArgumentMatcher
        switch primary {
        case "$eq":
            matcher = .equals(o["$eq"]!)
        case "$oneOf":
            guard case .array(let alternatives) = o["$oneOf"]! else { throw f.wrongType("$oneOf", expected: "an array of allowed values", found: o["$oneOf"]!) }
            guard !alternatives.isEmpty else { throw SchemaShapeError(path: f.pointer("$oneOf"), message: "$oneOf needs at least one allowed value") }
            var out: [ArgumentMatcher] = []
            var omittable = false
            for (i, alternative) in alternatives.enumerated() {
                if alternative == .string("") { omittable = true; continue }
                out.append(try ArgumentMatcher(suiteJSON: alternative, path: JSONPointer.appending(f.pointer("$oneOf"), i)))
            }
            matcher = .oneOf(out, omittable: omittable)
        case "$regex":
            let source = try f.requiredString("$regex", owner: "$regex")
            let ignoreCase = try f.bool("$ignoreCase") ?? false
            do { matcher = .regex(try Pattern(source, ignoresCase: ignoreCase)) } catch {
                throw SchemaShapeError(path: f.pointer("$regex"), message: error.message)
            }
        case "$approx":
            guard let target = try f.number("$approx") else { throw f.wrongType("$approx", expected: "a number", found: .null) }
            guard let tolerance = try f.number("$tolerance") else {
                throw SchemaShapeError(path: path, message: "$approx needs \"$tolerance\": the largest allowed difference, e.g. 0.01")
            }
            guard tolerance >= 0 else { throw SchemaShapeError(path: f.pointer("$tolerance"), message: "$tolerance must not be negative") }
            matcher = .approximately(target, tolerance: tolerance)
        case "$schema":
            let schema = o["$schema"]!
            guard schema.objectValue != nil || schema.boolValue != nil else {
                throw f.wrongType("$schema", expected: "a JSON Schema (an object or a boolean)", found: schema)
            }
            matcher = .schema(schema)
        case "$present", "$absent", "$any":
            guard o[primary] == .bool(true) else { throw f.wrongType(primary, expected: "true", found: o[primary]!) }
            matcher = primary == "$present" ? .present : primary == "$absent" ? .absent : .any
        default:  // $min / $max
            let lo = try f.number("$min"), hi = try f.number("$max")
            if let lo, let hi, lo > hi { throw SchemaShapeError(path: path, message: "$min (\(number(lo))) is above $max (\(number(hi)))") }
            matcher = .range(min: lo, max: hi)
        }
        guard let normalizeValue = o["$normalize"] else { return matcher }
        let normalization = try Self.normalization(normalizeValue, path: f.pointer("$normalize"))
        return normalization.isNone ? matcher : .normalized(normalization, matcher)
    }

    /// `true` (case, whitespace and punctuation), `false`, or a list of option names.
    static func normalization(_ value: JSONValue, path: String) throws(SchemaShapeError) -> Normalization {
        switch value {
        case .bool(let b): return b ? .all : .none
        case .string(let s): return try normalization(.array([.string(s)]), path: path)
        case .array(let names):
            var n = Normalization()
            for (i, name) in names.enumerated() {
                switch name.stringValue {
                case "case": n.caseInsensitive = true
                case "whitespace": n.whitespace = true
                case "punctuation": n.punctuation = true
                case "bfcl": n.bfcl = true
                default:
                    throw SchemaShapeError(path: JSONPointer.appending(path, i), message: "unknown normalisation \(name.compact); use \(Normalization.optionNames.map { "\"\($0)\"" }.joined(separator: ", "))")
                }
            }
            return n
        default:
            throw SchemaShapeError(path: path, message: "$normalize must be true, false or a list such as [\"case\", \"whitespace\"], not \(value.kindDescription)")
        }
    }

    /// The matcher as a suite writes it (so an imported or observed case can be printed).
    public var suiteJSON: JSONValue {
        switch self {
        case .equals(let v):
            if case .object(let o) = v, o.keys.contains(where: { $0.hasPrefix("$") }) { return ["$eq": v] }
            return v
        case .object(let members):
            var o = JSONObject()
            for (k, m) in members { o[k] = m.suiteJSON }
            return .object(o)
        case .array(let items): return .array(items.map(\.suiteJSON))
        case .oneOf(let alternatives, let omittable):
            return ["$oneOf": .array(alternatives.map(\.suiteJSON) + (omittable ? [""] : []))]
        case .normalized(let n, let inner):
            // Normalisation is written only beside $eq or $oneOf, as the parser reads it.
            var o: JSONObject
            switch inner {
            case .equals(let v): o = ["$eq": v]
            case .oneOf: o = inner.suiteJSON.objectValue ?? [:]
            default: return inner.suiteJSON
            }
            o["$normalize"] = .array(n.names.map { .string($0) })
            return .object(o)
        case .regex(let p):
            return p.ignoresCase ? ["$regex": .string(p.source), "$ignoreCase": true] : ["$regex": .string(p.source)]
        case .range(let lo, let hi):
            var o = JSONObject()
            if let lo { o["$min"] = .number(lo) }
            if let hi { o["$max"] = .number(hi) }
            return .object(o)
        case .approximately(let v, let t): return ["$approx": .number(v), "$tolerance": .number(t)]
        case .schema(let s): return ["$schema": s]
        case .present: return ["$present": true]
        case .absent: return ["$absent": true]
        case .any: return ["$any": true]
        }
    }
}
