/// The extra rules and size limits OpenAI applies to a function with `"strict": true`
/// (Structured Outputs), as listed in shared/OPENAI-WIRE.md. Breaking any of them gets the
/// whole request rejected with a 400, so every finding here is an error.
struct StrictModeLinter {
    static let maxProperties = 5_000
    static let maxObjectNesting = 10
    static let maxEnumValues = 1_000
    static let maxSchemaCharacters = 120_000
    static let largeStringEnumValues = 250
    static let largeStringEnumMaxCharacters = 15_000

    /// Keywords strict mode rejects, with what to do instead.
    static let unsupportedKeywords: [String: String] = [
        "allOf": "merge the schemas into one",
        "not": "describe the allowed values instead",
        "if": "use anyOf with one branch per case",
        "then": "use anyOf with one branch per case",
        "else": "use anyOf with one branch per case",
        "dependentRequired": "make the properties required, with \"null\" allowed when unused",
        "dependentSchemas": "use anyOf with one branch per case",
        "oneOf": "use anyOf",
        "patternProperties": "list the properties by name",
        "propertyNames": "list the properties by name",
        "unevaluatedProperties": "use \"additionalProperties\": false",
        "unevaluatedItems": "describe the items with \"items\"",
        "minProperties": "list the properties in required",
        "maxProperties": "list the properties by name",
        "contains": "describe the items with \"items\"",
        "minContains": "describe the items with \"items\"",
        "maxContains": "describe the items with \"items\"",
        "uniqueItems": "say so in the description",
        "prefixItems": "use one \"items\" schema (anyOf for mixed items)",
        "additionalItems": "use one \"items\" schema",
        "minLength": "use a pattern such as \"^.{3,}$\", or say so in the description",
        "maxLength": "use a pattern such as \"^.{0,40}$\", or say so in the description",
    ]

    static let supportedFormats: Set<String> = [
        "date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid",
    ]

    let root: JSONValue
    let rootPath: String
    private(set) var findings: [LintFinding] = []
    private var propertyCount = 0
    private var enumValueCount = 0
    private var characterCount = 0
    private var nestingReported = false

    init(parameters: JSONValue, at path: String) {
        root = parameters
        rootPath = path
    }

    private mutating func add(_ path: String, _ rule: String, _ message: String) {
        findings.append(LintFinding(path: path, severity: .error, message: message, rule: rule))
    }

    mutating func run() {
        if root["anyOf"] != nil {
            add(JSONPointer.appending(rootPath, "anyOf"), "strict-root-anyof",
                "in strict mode the root of parameters must be an object, not anyOf; wrap the alternatives in a property")
        }
        SchemaWalker.walk(root, at: rootPath) { node in lint(node) }
        checkTotals()
    }

    private mutating func lint(_ node: SchemaWalker.Node) {
        guard case .object(let schema) = node.schema else { return }
        if SchemaWalker.isObjectSchema(node.schema) { checkObject(schema, node.path) }
        for (keyword, _) in schema {
            guard let hint = Self.unsupportedKeywords[keyword] else { continue }
            add(JSONPointer.appending(node.path, keyword), "strict-unsupported-keyword",
                "\(JSONPrinter.quoted(keyword)) is not supported in strict mode; \(hint)")
        }
        if let format = schema["format"]?.stringValue, !Self.supportedFormats.contains(format) {
            add(JSONPointer.appending(node.path, "format"), "strict-unsupported-keyword",
                "format \(JSONPrinter.quoted(format)) is not supported in strict mode (supported: \(Self.supportedFormats.sorted().joined(separator: ", "))); use a pattern instead")
        }
        if node.objectDepth > Self.maxObjectNesting, !nestingReported, SchemaWalker.isObjectSchema(node.schema) {
            nestingReported = true
            add(node.path, "strict-limit",
                "objects are nested \(node.objectDepth) levels deep here; strict mode allows at most \(Self.maxObjectNesting)")
        }
        tally(schema, node.path)
    }

    private mutating func checkObject(_ schema: JSONObject, _ path: String) {
        switch schema["additionalProperties"] {
        case .bool(false)?:
            break
        case nil:
            add(path, "strict-additional-properties",
                "in strict mode every object needs \"additionalProperties\": false")
        case let other?:
            add(JSONPointer.appending(path, "additionalProperties"), "strict-additional-properties",
                "in strict mode \"additionalProperties\" must be false; got \(ViolationWording.literal(other))")
        }
        let required = Set((schema["required"]?.arrayValue ?? []).compactMap(\.stringValue))
        let propertiesPath = JSONPointer.appending(path, "properties")
        for (name, property) in schema["properties"]?.objectValue ?? [:] where !required.contains(name) {
            add(JSONPointer.appending(propertiesPath, name), "strict-required",
                "property \(JSONPrinter.quoted(name)) is not in \"required\"; strict mode needs every property there (\(Self.optionalHint(for: property)))")
        }
    }

    /// What strictness means for one function tool on the Responses wire, where a tool without
    /// `strict` is treated as strict (every property required, `additionalProperties: false`).
    /// toolscope always sends the user's choice, `false` when none was made, so nothing changes
    /// silently; this note says which optional fields strict would make required. `nil` when
    /// the tool is not a function or strict changes nothing for it.
    static func responsesNote(_ tool: ToolDefinition, at path: String) -> LintFinding? {
        guard tool.isFunction, let function = tool.function else { return nil }
        let optional = optionalFields(function["parameters"] ?? .null, prefix: "")
        let name = JSONPrinter.quoted(tool.name)
        switch function["strict"]?.boolValue {
        case true?:
            guard !optional.isEmpty else { return nil }
            return LintFinding(path: JSONPointer.appending(path, "strict"), severity: .warning,
                message: "on Responses, \(name) is sent with strict: true: its optional field(s) \(optional.joined(separator: ", ")) must be listed in \"required\" (allow null to keep them optional)",
                rule: "responses-strict")
        case false?:
            return nil
        case nil:
            let effect = optional.isEmpty
                ? "strict would change nothing for it but forbid extra properties"
                : "strict would make its optional field(s) \(optional.joined(separator: ", ")) required"
            return LintFinding(path: path, severity: .warning,
                message: "on Responses a tool without \"strict\" is strict; toolscope sends \(name) with strict: false, as the session does not ask for strict (\(effect)); set \"strict\" to choose",
                rule: "responses-strict")
        }
    }

    /// The properties, at any depth, that are not in their object's `required` ("filters.limit").
    static func optionalFields(_ schema: JSONValue, prefix: String) -> [String] {
        guard let object = schema.objectValue else { return [] }
        var out: [String] = []
        let required = Set(object["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        for (name, property) in object["properties"]?.objectValue ?? [:] {
            let dotted = prefix.isEmpty ? name : prefix + "." + name
            if !required.contains(name) { out.append(dotted) }
            out += optionalFields(property, prefix: dotted)
        }
        if let items = object["items"] { out += optionalFields(items, prefix: prefix + "[]") }
        return out
    }

    /// How to keep one property optional under strict mode, in terms of its own schema: a hint
    /// that always said `["string", "null"]` told an integer field to become a string.
    static func optionalHint(for property: JSONValue) -> String {
        let schema = property.objectValue ?? [:]
        if let ref = schema["$ref"]?.stringValue {
            return "to make it optional, list it and wrap the reference: \"anyOf\": [{\"$ref\": \(JSONPrinter.quoted(ref))}, {\"type\": \"null\"}]"
        }
        var types: [String]
        switch schema["type"] {
        case .string(let t)?: types = [t]
        case .array(let list)?: types = list.compactMap(\.stringValue)
        default: types = []
        }
        if types.isEmpty {
            if schema["anyOf"] != nil {
                return "to make it optional, list it and add {\"type\": \"null\"} to its \"anyOf\""
            }
            return "to make it optional, list it and give it a \"type\" that includes \"null\", or wrap it: \"anyOf\": [<its schema>, {\"type\": \"null\"}]"
        }
        if types.contains("null") { return "it already allows null, so listing it keeps it optional" }
        types.append("null")
        let enumNote = schema["enum"] != nil ? ", and add null to its \"enum\"" : ""
        return "to make it optional, list it and allow null: \"type\": [" + types.map { JSONPrinter.quoted($0) }.joined(separator: ", ") + "]" + enumNote
    }

    /// Counts what OpenAI's limits count: properties, enum values, and the characters of
    /// property names, enum values and consts.
    private mutating func tally(_ schema: JSONObject, _ path: String) {
        if let properties = schema["properties"]?.objectValue {
            propertyCount += properties.count
            for (name, _) in properties { characterCount += name.count }
        }
        if let values = schema["enum"]?.arrayValue {
            enumValueCount += values.count
            var stringCharacters = 0
            for value in values {
                let length = value.stringValue?.count ?? value.compact.count
                characterCount += length
                if value.stringValue != nil { stringCharacters += length }
            }
            if values.count > Self.largeStringEnumValues, values.allSatisfy({ $0.stringValue != nil }),
               stringCharacters > Self.largeStringEnumMaxCharacters {
                add(JSONPointer.appending(path, "enum"), "strict-limit",
                    "this enum has \(values.count) string values totalling \(stringCharacters) characters; strict mode allows at most \(Self.largeStringEnumMaxCharacters) characters in an enum of more than \(Self.largeStringEnumValues) values")
            }
        }
        if let constant = schema["const"] {
            characterCount += constant.stringValue?.count ?? constant.compact.count
        }
    }

    private mutating func checkTotals() {
        if propertyCount > Self.maxProperties {
            add(rootPath, "strict-limit", "the schema has \(propertyCount) properties in all; strict mode allows at most \(Self.maxProperties)")
        }
        if enumValueCount > Self.maxEnumValues {
            add(rootPath, "strict-limit", "the schema has \(enumValueCount) enum values in all; strict mode allows at most \(Self.maxEnumValues)")
        }
        if characterCount > Self.maxSchemaCharacters {
            add(rootPath, "strict-limit",
                "property names, enum values and consts add up to \(characterCount) characters; strict mode allows at most \(Self.maxSchemaCharacters)")
        }
    }
}
