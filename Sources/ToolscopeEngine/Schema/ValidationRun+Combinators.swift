/// `anyOf`, `oneOf`, `allOf`, `not` and `if`/`then`/`else`.
///
/// A failed `anyOf` is reported as one violation that summarises the branch the value came
/// closest to, because a list of every branch's complaints tells a model nothing about
/// which shape it was meant to produce.
extension ValidationRun {
    /// Sub-violations quoted in an anyOf summary before "and N more".
    static let maxSummarised = 3

    mutating func checkCombinators(_ value: JSONValue, _ schema: JSONObject) {
        if let branches = schema["anyOf"] { checkAlternatives(value, branches, keyword: "anyOf") }
        if let branches = schema["oneOf"] { checkAlternatives(value, branches, keyword: "oneOf") }
        if let branches = schema["allOf"] {
            guard let list = branches.arrayValue else { return schemaProblem("its \"allOf\" is not an array") }
            for branch in list { check(value, branch) }
        }
        if let negated = schema["not"], trial(value, negated).isEmpty {
            report("\(subject) must not match the schema under \"not\"; got \(ViolationWording.shown(value))")
        }
        if let condition = schema["if"] {
            if trial(value, condition).isEmpty {
                if let then = schema["then"] { check(value, then) }
            } else if let otherwise = schema["else"] {
                check(value, otherwise)
            }
        }
    }

    private mutating func checkAlternatives(_ value: JSONValue, _ branches: JSONValue, keyword: String) {
        guard let list = branches.arrayValue, !list.isEmpty else {
            return schemaProblem("its \"\(keyword)\" is not a non-empty array of schemas")
        }
        var failures: [(index: Int, violations: [SchemaViolation], typeFits: Bool)] = []
        var matches: [Int] = []
        for (index, branch) in list.enumerated() {
            let found = trial(value, branch)
            if found.isEmpty {
                matches.append(index)
                if keyword == "anyOf" { return }
            } else {
                failures.append((index, found, typeFits(value, branch)))
            }
        }
        if matches.count > 1 {
            let numbers = matches.map { String($0 + 1) }.joined(separator: ", ")
            report("\(subject) matches alternatives \(numbers) of oneOf, but it must match exactly one")
        }
        guard matches.isEmpty else { return }
        let fitting = failures.filter(\.typeFits)
        guard let closest = fitting.min(by: { $0.violations.count < $1.violations.count }) else {
            let types = list.flatMap { declaredTypes(of: $0) }
            var unique: [String] = []
            for name in types where !unique.contains(name) { unique.append(name) }
            report("\(subject) must be \(ViolationWording.expectedTypes(unique)); got \(ViolationWording.typed(value))")
            return
        }
        let messages = closest.violations.prefix(Self.maxSummarised).map(\.message)
        var summary = messages.joined(separator: "; ")
        if closest.violations.count > Self.maxSummarised {
            summary += " (and \(closest.violations.count - Self.maxSummarised) more)"
        }
        report("\(subject) does not match any of the \(list.count) allowed shapes (\(keyword)); the closest is shape \(closest.index + 1), which fails because \(summary)")
    }

    /// The `type` names a branch declares, following `$ref`s; empty when it declares none.
    private func declaredTypes(of branch: JSONValue) -> [String] {
        var schema = branch
        for _ in 0..<8 {
            guard let reference = schema["$ref"]?.stringValue, schema["type"] == nil,
                  let target = JSONPointer.resolveReference(reference, in: root) else { break }
            schema = target
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
