/// The lint rules that apply to any `parameters` schema, strict or not: shapes a provider
/// rejects, constraints no value can meet, and parameters a model cannot understand.
struct SchemaLinter {
    /// The `parameters` schema; `$ref`s resolve against it.
    let root: JSONValue
    /// JSON pointer of `root` in the linted document.
    let rootPath: String
    let strict: Bool
    /// Resources and anchors, for `$ref`s by `$id` or `$anchor`; and what cannot be enforced.
    let index: SchemaIndex
    private(set) var findings: [LintFinding] = []

    init(parameters: JSONValue, at path: String, strict: Bool) {
        root = parameters
        rootPath = path
        self.strict = strict
        index = SchemaIndex(root: parameters)
    }

    mutating func run() {
        SchemaWalker.walk(root, at: rootPath) { node in lint(node) }
        for keyword in index.unenforced {
            add(rootPath + keyword.path, .warning, "not-enforced", "\(keyword.reason); arguments that break it reach the tool")
        }
    }

    private mutating func add(_ path: String, _ severity: LintFinding.Severity, _ rule: String, _ message: String) {
        findings.append(LintFinding(path: path, severity: severity, message: message, rule: rule))
    }

    private mutating func lint(_ node: SchemaWalker.Node) {
        guard case .object(let schema) = node.schema else {
            if case .bool = node.schema { return }
            add(node.path, .error, "schema-shape",
                "a schema must be an object (or true/false); got \(ViolationWording.withArticle(node.schema.typeName)) \(ViolationWording.literal(node.schema))")
            return
        }
        let declared = checkType(schema, node.path)
        checkArrayItems(schema, node, declared)
        checkRequired(schema, node)
        checkEnumAndConst(schema, node.path, declared)
        checkReference(schema, node.path)
        checkPattern(schema, node.path)
        checkContradictions(schema, node.path)
        checkDescription(schema, node)
    }

    /// The declared type names, after reporting malformed or unknown ones.
    private mutating func checkType(_ schema: JSONObject, _ path: String) -> [String] {
        guard let type = schema["type"] else { return [] }
        let typePath = JSONPointer.appending(path, "type")
        let names: [String]
        switch type {
        case .string(let name): names = [name]
        case .array(let list) where list.allSatisfy({ $0.stringValue != nil }) && !list.isEmpty:
            names = list.compactMap(\.stringValue)
        default:
            add(typePath, .error, "type-unknown", "\"type\" must be a type name or a non-empty list of them; got \(ViolationWording.literal(type))")
            return []
        }
        for name in names where !ValidationRun.typeNames.contains(name) {
            var message = "unknown type \(JSONPrinter.quoted(name)); expected one of string, number, integer, boolean, array, object, null"
            if let guess = Self.typeAliases[name.lowercased()] { message += " (did you mean \(JSONPrinter.quoted(guess))?)" }
            add(typePath, .error, "type-unknown", message)
        }
        return names
    }

    /// Type names from other languages that people write by habit.
    static let typeAliases: [String: String] = [
        "str": "string", "int": "integer", "float": "number", "double": "number", "bool": "boolean",
        "list": "array", "dict": "object", "map": "object", "none": "null", "text": "string", "long": "integer",
    ]

    private mutating func checkArrayItems(_ schema: JSONObject, _ node: SchemaWalker.Node, _ declared: [String]) {
        guard declared.contains("array"),
              !familyDeclares(node.family, { $0["items"] != nil || $0["prefixItems"] != nil }) else { return }
        let name = node.propertyName.map { "array \(JSONPrinter.quoted($0))" } ?? "this array"
        if strict {
            add(node.path, .error, "array-items", "\(name) has no \"items\" schema; strict mode rejects it (add \"items\": {\"type\": ...})")
        } else {
            add(node.path, .warning, "array-items", "\(name) has no \"items\" schema, so the model has to guess what goes in it; add \"items\"")
        }
    }

    private mutating func checkRequired(_ schema: JSONObject, _ node: SchemaWalker.Node) {
        let path = node.path
        guard let required = schema["required"] else { return }
        let requiredPath = JSONPointer.appending(path, "required")
        guard let names = required.arrayValue else {
            add(requiredPath, .error, "required-shape", "\"required\" must be an array of property names; got \(ViolationWording.shown(required))")
            return
        }
        // The properties of the value this schema describes: its own, and those declared by
        // every schema applied in place with it (allOf, dependentSchemas, $ref, …).
        var known: [String] = []
        familyDeclares(node.family) { schema in
            for key in schema["properties"]?.objectValue?.keys ?? [] where !known.contains(key) { known.append(key) }
            return false
        }
        let properties = Set(known)
        var seen: Set<String> = []
        for (index, entry) in names.enumerated() {
            let entryPath = JSONPointer.appending(requiredPath, index)
            guard let name = entry.stringValue else {
                add(entryPath, .error, "required-shape", "\"required\" entries must be property names (strings); got \(ViolationWording.literal(entry))")
                continue
            }
            if !seen.insert(name).inserted {
                add(entryPath, .warning, "required-duplicate", "\(JSONPrinter.quoted(name)) is listed in \"required\" more than once")
            } else if !properties.contains(name) {
                var message = "\"required\" names \(JSONPrinter.quoted(name)), which is not in \"properties\""
                message += known.isEmpty ? " (there are no properties)" : " (known: \(known.joined(separator: ", ")))"
                if let guess = NameDistance.closest(to: name, among: known) {
                    message += "; did you mean \(JSONPrinter.quoted(guess))?"
                }
                add(entryPath, .error, "required-unknown", message)
            }
        }
    }

    private mutating func checkEnumAndConst(_ schema: JSONObject, _ path: String, _ declared: [String]) {
        let known = declared.filter(ValidationRun.typeNames.contains)
        func fits(_ value: JSONValue) -> Bool {
            known.isEmpty || known.contains { ValidationRun.value(value, hasType: $0) }
        }
        let typeText = known.count == 1 ? JSONPrinter.quoted(known[0]) : "[" + known.map(JSONPrinter.quoted).joined(separator: ", ") + "]"
        if let options = schema["enum"] {
            let enumPath = JSONPointer.appending(path, "enum")
            guard let values = options.arrayValue, !values.isEmpty else {
                add(enumPath, .error, "enum-shape", "\"enum\" must be a non-empty array of allowed values")
                return
            }
            for (index, value) in values.enumerated() {
                let valuePath = JSONPointer.appending(enumPath, index)
                if !fits(value) {
                    add(valuePath, .error, "enum-type",
                        "enum value \(ViolationWording.literal(value)) is \(ViolationWording.withArticle(value.typeName)), but the declared type is \(typeText); no valid value can equal it")
                } else if values[..<index].contains(where: { $0.jsonEquals(value) }) {
                    add(valuePath, .warning, "enum-duplicate", "enum value \(ViolationWording.literal(value)) is listed more than once")
                }
            }
        }
        if let constant = schema["const"], !fits(constant) {
            add(JSONPointer.appending(path, "const"), .error, "enum-type",
                "const \(ViolationWording.literal(constant)) is \(ViolationWording.withArticle(constant.typeName)), but the declared type is \(typeText)")
        }
    }

    private mutating func checkReference(_ schema: JSONObject, _ path: String) {
        for keyword in ["$ref", "$dynamicRef"] {
            guard let reference = schema[keyword] else { continue }
            let refPath = JSONPointer.appending(path, keyword)
            guard let text = reference.stringValue else {
                add(refPath, .error, "ref-unresolved", "\"\(keyword)\" must be a string such as \"#/$defs/Name\"")
                continue
            }
            let base = index.baseAtPointer[String(path.dropFirst(rootPath.count))] ?? index.rootBase
            // A reference to another document is a not-enforced warning, listed by the index.
            if case .missing = index.resolve(text, base: base) {
                add(refPath, .error, "ref-unresolved",
                    "\"\(keyword)\" \(JSONPrinter.quoted(text)) does not point to anything in the parameters schema (references are relative to \"parameters\" or to an enclosing \"$id\": a JSON pointer such as \"#/$defs/Name\", or an \"$anchor\")")
            }
        }
    }

    /// Whether `test` holds for `family` or any schema applied in place with it (allOf,
    /// anyOf, oneOf, if/then/else, dependentSchemas, and `$ref` targets), a few levels deep.
    @discardableResult
    private func familyDeclares(_ family: JSONValue, depth: Int = 0, _ test: (JSONObject) -> Bool) -> Bool {
        guard depth < 8, case .object(let schema) = family else { return false }
        if test(schema) { return true }
        for keyword in SchemaWalker.inPlaceKeywords where keyword != "not" {
            switch schema[keyword] {
            case .array(let list)?:
                for member in list where familyDeclares(member, depth: depth + 1, test) { return true }
            case .object(let map)? where keyword == "dependentSchemas":
                for member in map.values where familyDeclares(member, depth: depth + 1, test) { return true }
            case let member?:
                if familyDeclares(member, depth: depth + 1, test) { return true }
            case nil:
                break
            }
        }
        if let text = schema["$ref"]?.stringValue, case .found(let target, _) = index.resolve(text, base: index.rootBase),
           familyDeclares(target.schema, depth: depth + 1, test) {
            return true
        }
        return false
    }

    private mutating func checkPattern(_ schema: JSONObject, _ path: String) {
        guard let pattern = schema["pattern"] else { return }
        let patternPath = JSONPointer.appending(path, "pattern")
        guard let text = pattern.stringValue else {
            add(patternPath, .error, "pattern-invalid", "\"pattern\" must be a string holding a regular expression")
            return
        }
        if case .invalid(let reason) = RegexCache.entry(for: text) {
            add(patternPath, .error, "pattern-invalid", "pattern \(JSONPrinter.quoted(text)): \(reason)")
        }
    }

    /// Bounds that exclude every value: the model can never produce a valid call.
    private mutating func checkContradictions(_ schema: JSONObject, _ path: String) {
        let pairs = [("minimum", "maximum"), ("minLength", "maxLength"), ("minItems", "maxItems"), ("minProperties", "maxProperties")]
        for (low, high) in pairs {
            if let a = schema[low]?.doubleValue, let b = schema[high]?.doubleValue, a > b {
                add(JSONPointer.appending(path, low), .error, "bounds-contradict",
                    "\(low) \(ViolationWording.number(a)) is greater than \(high) \(ViolationWording.number(b)); no value can satisfy both")
            }
        }
    }

    private mutating func checkDescription(_ schema: JSONObject, _ node: SchemaWalker.Node) {
        guard let name = node.propertyName else { return }
        let descriptionPath = JSONPointer.appending(node.path, "description")
        switch schema["description"] {
        case nil:
            // A `$ref` parameter takes its meaning from the definition it points to.
            guard node.isTopLevelParameter, schema["$ref"] == nil else { return }
            add(node.path, .warning, "parameter-description",
                "parameter \(JSONPrinter.quoted(name)) has no description; say what it means, with its format or unit")
        case .string(let text)?:
            if let problem = DescriptionQuality.problem(text, name: name, isTool: false) {
                add(descriptionPath, .warning, "parameter-description", "the description of \(JSONPrinter.quoted(name)) \(problem)")
            }
        case let other?:
            add(descriptionPath, .error, "description-shape", "\"description\" must be a string; got \(ViolationWording.withArticle(other.typeName))")
        }
    }
}
