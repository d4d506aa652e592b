/// The keywords that apply subschemas to the value itself: `anyOf`, `oneOf`, `allOf`, `not`,
/// `if`/`then`/`else`, `dependentSchemas` (and draft 7's `dependencies`).
///
/// A failed `anyOf` is reported as one violation that summarises the branch the value came
/// closest to, because a list of every branch's complaints tells a model nothing about
/// which shape it was meant to produce.
extension ValidationRun {
    /// Sub-violations quoted in an anyOf summary before "and N more".
    static let maxSummarised = 3

    mutating func checkCombinators(_ value: JSONValue, _ schema: JSONObject) -> Evaluated {
        var evaluated = Evaluated()
        if let branches = schema["anyOf"] { evaluated.merge(checkAlternatives(value, branches, keyword: "anyOf")) }
        if let branches = schema["oneOf"] { evaluated.merge(checkAlternatives(value, branches, keyword: "oneOf")) }
        if let branches = schema["allOf"] {
            if let list = branches.arrayValue {
                for branch in list { evaluated.merge(check(value, branch)) }
            } else {
                schemaProblem("its \"allOf\" is not an array")
            }
        }
        if let negated = schema["not"], trial(value, negated, quietly: true).violations.isEmpty {
            report("\(subject) must not match the schema under \"not\"; got \(ViolationWording.shown(value))")
        }
        if let condition = schema["if"] {
            let outcome = trial(value, condition, quietly: true)
            if outcome.violations.isEmpty {
                evaluated.merge(outcome.evaluated)
                if let then = schema["then"] { evaluated.merge(check(value, then)) }
            } else if let otherwise = schema["else"] {
                evaluated.merge(check(value, otherwise))
            }
        }
        if case .object(let members) = value {
            for keyword in ["dependentSchemas", "dependencies"] {
                guard let dependencies = schema[keyword]?.objectValue else { continue }
                for (trigger, dependent) in dependencies where members.member(exactly: trigger) != nil {
                    if case .array(let names) = dependent {
                        // Draft 7's `dependencies` with a list of names is dependentRequired.
                        for case .string(let name) in names where members.member(exactly: name) == nil {
                            report("missing property \(JSONPrinter.quoted(name)), which is required when \(JSONPrinter.quoted(trigger)) is present")
                        }
                    } else {
                        evaluated.merge(check(value, dependent))
                    }
                }
            }
        }
        return evaluated
    }

    /// Every branch is tried, even after one matched, because `unevaluatedProperties` and
    /// `unevaluatedItems` see what every passing branch evaluated.
    private mutating func checkAlternatives(_ value: JSONValue, _ branches: JSONValue, keyword: String) -> Evaluated {
        guard let list = branches.arrayValue, !list.isEmpty else {
            schemaProblem("its \"\(keyword)\" is not a non-empty array of schemas")
            return Evaluated()
        }
        var matches: [Int] = []
        var evaluated = Evaluated()
        for (index, branch) in list.enumerated() {
            let outcome = trial(value, branch, quietly: true)
            if outcome.violations.isEmpty {
                matches.append(index)
                evaluated.merge(outcome.evaluated)
            }
        }
        if matches.count > 1, keyword == "oneOf" {
            let numbers = matches.map { String($0 + 1) }.joined(separator: ", ")
            report("\(subject) matches alternatives \(numbers) of oneOf, but it must match exactly one")
        }
        guard matches.isEmpty else { return evaluated }
        // No branch matched: run them again, this time for their messages.
        var failures: [(index: Int, violations: [SchemaViolation], typeFits: Bool)] = []
        for (index, branch) in list.enumerated() {
            failures.append((index, trial(value, branch, quietly: false).violations, typeFits(value, branch)))
        }
        let fitting = failures.filter(\.typeFits)
        guard let closest = fitting.min(by: { $0.violations.count < $1.violations.count }) else {
            let types = list.flatMap { declaredTypes(of: $0) }
            var unique: [String] = []
            for name in types where !unique.contains(name) { unique.append(name) }
            report("\(subject) must be \(ViolationWording.expectedTypes(unique)); got \(ViolationWording.typed(value))")
            return evaluated
        }
        let messages = closest.violations.prefix(Self.maxSummarised).map(\.message)
        var summary = messages.joined(separator: "; ")
        if closest.violations.count > Self.maxSummarised {
            summary += " (and \(closest.violations.count - Self.maxSummarised) more)"
        }
        report("\(subject) does not match any of the \(list.count) allowed shapes (\(keyword)); the closest is shape \(closest.index + 1), which fails because \(summary)")
        return evaluated
    }

    /// The `type` names a branch declares, following `$ref`s; empty when it declares none.
    private func declaredTypes(of branch: JSONValue) -> [String] {
        var schema = branch
        var base = self.base
        for _ in 0..<8 {
            guard let reference = schema["$ref"]?.stringValue, schema["type"] == nil,
                  case .found(let target, _) = index.resolve(reference, base: base) else { break }
            schema = target.schema
            base = target.parentBase
            if case .string(let id)? = schema["$id"], !id.hasPrefix("#") { base = SchemaIndex.absolute(id, against: base) }
        }
        switch schema["type"] {
        case .string(let name)?: return [name]
        case .array(let names)?: return names.compactMap(\.stringValue)
        default: return schema["const"].map { [$0.typeName] } ?? []
        }
    }

    /// Whether a branch would accept the value's type, so its failures are about content.
    private func typeFits(_ value: JSONValue, _ branch: JSONValue) -> Bool {
        if case .bool = branch { return true }
        let types = declaredTypes(of: branch)
        if types.isEmpty { return true }
        return types.contains { Self.value(value, hasType: $0) || ($0 == "number" && value.typeName == "integer") }
    }
}
