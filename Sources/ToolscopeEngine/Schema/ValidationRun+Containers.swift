/// Array and object keywords: item schemas and counts, properties, `required`,
/// `additionalProperties` and friends.
extension ValidationRun {
    mutating func checkArray(_ items: [JSONValue], _ schema: JSONObject) {
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
        if schema["uniqueItems"]?.boolValue == true { checkUnique(items) }
    }

    private mutating func checkUnique(_ items: [JSONValue]) {
        for j in items.indices {
            for i in 0..<j where items[i].jsonEquals(items[j]) {
                report("\(subject) must not contain duplicates; items \(i) and \(j) are both \(ViolationWording.shown(items[j]))")
                return
            }
        }
    }

    mutating func checkObject(_ members: JSONObject, _ schema: JSONObject) {
        if let required = schema["required"]?.arrayValue {
            for case .string(let name) in required where members[name] == nil {
                report("missing required property \(JSONPrinter.quoted(name))")
            }
        }
        if let dependencies = schema["dependentRequired"]?.objectValue {
            for (trigger, needed) in dependencies where members[trigger] != nil {
                for case .string(let name) in needed.arrayValue ?? [] where members[name] == nil {
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
        let properties = schema["properties"]?.objectValue ?? [:]
        let patterns = schema["patternProperties"]?.objectValue ?? [:]
        let additional = schema["additionalProperties"]
        for (key, member) in members {
            var matched = false
            if let propertySchema = properties[key] {
                matched = true
                descend(.key(key), member, propertySchema)
            }
            for (pattern, patternSchema) in patterns where RegexCache.search(pattern, in: key) == true {
                matched = true
                descend(.key(key), member, patternSchema)
            }
            guard !matched, let additional else { continue }
            if case .bool(false) = additional {
                report(at: .key(key), unexpectedPropertyMessage(key, allowed: Array(properties.keys)))
            } else {
                descend(.key(key), member, additional)
            }
        }
    }

    /// Names the allowed properties and, for a near miss such as "units" for "unit", the
    /// one the model probably meant.
    private func unexpectedPropertyMessage(_ key: String, allowed: [String]) -> String {
        var message = "property \(JSONPrinter.quoted(key)) is not allowed (additionalProperties is false); allowed: "
        message += allowed.isEmpty ? "none" : allowed.joined(separator: ", ")
        if let guess = NameDistance.closest(to: key, among: allowed) {
            message += "; did you mean \(JSONPrinter.quoted(guess))?"
        }
        return message
    }
}
