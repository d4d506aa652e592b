/// Array and object keywords: item schemas and counts, `contains`, properties, `required`,
/// `additionalProperties`, `propertyNames`, and `unevaluatedItems`/`unevaluatedProperties`.
///
/// Property names match by code point (`member(exactly:)`), as JSON Schema compares strings.
extension ValidationRun {
    mutating func checkArray(_ items: [JSONValue], _ schema: JSONObject) -> Evaluated {
        var evaluated = Evaluated()
        if let minItems = schema["minItems"]?.intValue, items.count < minItems {
            report("\(subject) must have at least \(ViolationWording.count(minItems, "item")); got \(items.count)")
        }
        if let maxItems = schema["maxItems"]?.intValue, items.count > maxItems {
            report("\(subject) must have at most \(ViolationWording.count(maxItems, "item")); got \(items.count)")
        }
        // Positional schemas: `prefixItems` (2020-12) or an `items` array (draft 4 to 7).
        var positional: [JSONValue] = schema["prefixItems"]?.arrayValue ?? []
        var rest = schema["items"]
        if case .array(let tuple)? = rest {
            positional = tuple
            rest = schema["additionalItems"]
        }
        evaluated.itemPrefix = rest == nil ? min(positional.count, items.count) : items.count
        for (index, item) in items.enumerated() {
            if index < positional.count {
                descend(.index(index), item, positional[index])
            } else if let rest {
                if case .bool(false) = rest {
                    report(at: .index(index), "\(subject) may hold at most \(ViolationWording.count(positional.count, "item")); item \(index) is extra")
                } else {
                    descend(.index(index), item, rest)
                }
            }
        }
        if let containsSchema = schema["contains"] { evaluated.itemIndices = checkContains(items, containsSchema, schema) }
        if schema["uniqueItems"]?.boolValue == true { checkUnique(items) }
        return evaluated
    }

    /// `contains` with `minContains` (default 1) and `maxContains`; returns the matching items.
    private mutating func checkContains(_ items: [JSONValue], _ containsSchema: JSONValue, _ schema: JSONObject) -> Set<Int> {
        var matches: [Int] = []
        for (index, item) in items.enumerated() where trial(at: .index(index), item, containsSchema) {
            matches.append(index)
        }
        let minimum = schema["minContains"]?.intValue ?? 1
        if matches.count < minimum {
            if minimum == 1 {
                let none = items.isEmpty ? "it is empty" : "none of its \(ViolationWording.count(items.count, "item")) does"
                report("\(subject) must contain an item matching the \"contains\" schema; \(none)")
            } else {
                report("\(subject) must contain at least \(ViolationWording.count(minimum, "item")) matching the \"contains\" schema (minContains); got \(matches.count)")
            }
        }
        if let maximum = schema["maxContains"]?.intValue, matches.count > maximum {
            let shown = matches.prefix(ViolationWording.maxListedValues).map(String.init).joined(separator: ", ")
            report("\(subject) must contain at most \(ViolationWording.count(maximum, "item")) matching the \"contains\" schema (maxContains); got \(matches.count) (items \(shown)\(matches.count > ViolationWording.maxListedValues ? ", …" : ""))")
        }
        return Set(matches)
    }

    /// Hashes a canonical form of each item, so a 250,000-item array is checked in one pass.
    private mutating func checkUnique(_ items: [JSONValue]) {
        var firstIndex: [[UInt8]: Int] = [:]
        firstIndex.reserveCapacity(items.count)
        for (j, item) in items.enumerated() {
            var key: [UInt8] = []
            item.canonicalKey(into: &key)
            if let i = firstIndex[key] {
                report("\(subject) must not contain duplicates; items \(i) and \(j) are both \(ViolationWording.shown(item))")
                return
            }
            firstIndex[key] = j
        }
    }

    mutating func checkUnevaluatedItems(_ items: [JSONValue], _ schema: JSONObject, _ evaluated: inout Evaluated) {
        guard let unevaluated = schema["unevaluatedItems"] else { return }
        let owner = subject
        for (index, item) in items.enumerated() where !evaluated.includes(item: index) {
            if case .bool(false) = unevaluated {
                report(at: .index(index), "\(owner) must not have item \(index): no schema here describes it (unevaluatedItems is false)")
            } else {
                descend(.index(index), item, unevaluated)
            }
        }
        evaluated.itemPrefix = items.count
    }

    mutating func checkObject(_ members: JSONObject, _ schema: JSONObject) -> Evaluated {
        var evaluated = Evaluated()
        if let required = schema["required"]?.arrayValue {
            for case .string(let name) in required where members.member(exactly: name) == nil {
                report("missing required property \(JSONPrinter.quoted(name))")
            }
        }
        if let dependencies = schema["dependentRequired"]?.objectValue {
            for (trigger, needed) in dependencies where members.member(exactly: trigger) != nil {
                for case .string(let name) in needed.arrayValue ?? [] where members.member(exactly: name) == nil {
                    report("missing property \(JSONPrinter.quoted(name)), which is required when \(JSONPrinter.quoted(trigger)) is present")
                }
            }
        }
        if let count = schema["minProperties"]?.intValue, members.count < count {
            report("\(subject) must have at least \(ViolationWording.count(count, "property")); got \(members.count)")
        }
        if let count = schema["maxProperties"]?.intValue, members.count > count {
            report("\(subject) must have at most \(ViolationWording.count(count, "property")); got \(members.count)")
        }
        if let names = schema["propertyNames"] {
            for key in members.keys { descend(.name(key), .string(key), names) }
        }
        let properties = schema["properties"]?.objectValue ?? [:]
        let patterns = schema["patternProperties"]?.objectValue ?? [:]
        let additional = schema["additionalProperties"]
        guard !properties.isEmpty || !patterns.isEmpty || additional != nil else { return evaluated }
        for (key, member) in members {
            var matched = false
            if let propertySchema = properties.member(exactly: key) {
                matched = true
                descend(.key(key), member, propertySchema)
            }
            for (pattern, patternSchema) in patterns where RegexCache.search(pattern, in: key) == true {
                matched = true
                descend(.key(key), member, patternSchema)
            }
            if matched { evaluated.properties.insert(key) }
            guard !matched, let additional else { continue }
            evaluated.properties.insert(key)
            if case .bool(false) = additional {
                report(at: .key(key), unexpectedPropertyMessage(key, allowed: Array(properties.keys), keyword: "additionalProperties"))
            } else {
                descend(.key(key), member, additional)
            }
        }
        return evaluated
    }

    mutating func checkUnevaluatedProperties(_ members: JSONObject, _ schema: JSONObject, _ evaluated: inout Evaluated) {
        guard let unevaluated = schema["unevaluatedProperties"] else { return }
        let declared = Array(schema["properties"]?.objectValue?.keys ?? [])
        var allowed = declared
        for key in members.keys where evaluated.properties.contains(key) && !allowed.contains(key) { allowed.append(key) }
        for (key, member) in members where !evaluated.properties.contains(key) {
            if case .bool(false) = unevaluated {
                report(at: .key(key), unexpectedPropertyMessage(key, allowed: allowed, keyword: "unevaluatedProperties"))
            } else {
                descend(.key(key), member, unevaluated)
            }
            evaluated.properties.insert(key)
        }
    }

    /// Names the allowed properties and, for a near miss such as "units" for "unit", the
    /// one the model probably meant.
    private func unexpectedPropertyMessage(_ key: String, allowed: [String], keyword: String) -> String {
        var message = "property \(JSONPrinter.quoted(key)) is not allowed (\(keyword) is false); allowed: "
        message += allowed.isEmpty ? "none" : allowed.joined(separator: ", ")
        if let guess = NameDistance.closest(to: key, among: allowed) {
            message += "; did you mean \(JSONPrinter.quoted(guess))?"
        }
        return message
    }
}
