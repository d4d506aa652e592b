/// Renders a function tool the way OpenAI is known to show tools to its models: a
/// TypeScript-like `type name = (_: {…}) => any;` inside `namespace functions`, with
/// descriptions as `//` comments. The text is what TokenEstimator counts; it is not sent.
enum FunctionSignatureRenderer {
    /// `$ref`s expanded inline before a reference is shown by its definition name, which
    /// keeps a recursive schema (a tree) finite.
    static let maxReferenceExpansions = 3
    static let maxDepth = 32

    static func render(_ tool: ToolDefinition) -> String {
        var out = ""
        if let description = tool.description, !description.isEmpty { comment(description, into: &out) }
        let parameters = tool.parameters ?? [:]
        let renderer = Walk(root: parameters)
        if let properties = parameters["properties"]?.objectValue, !properties.isEmpty {
            out += "type \(tool.name) = (_: {\n"
            renderer.members(of: parameters, into: &out, depth: 0, expansions: 0)
            out += "}) => any;\n\n"
        } else {
            out += "type \(tool.name) = () => any;\n\n"
        }
        return out
    }

    static func comment(_ text: String, into out: inout String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            out += "// " + line + "\n"
        }
    }

    /// One rendering, holding the schema root that `$ref`s resolve against.
    private struct Walk {
        let root: JSONValue

        func members(of schema: JSONValue, into out: inout String, depth: Int, expansions: Int) {
            let required = Set((schema["required"]?.arrayValue ?? []).compactMap(\.stringValue))
            for (name, property) in schema["properties"]?.objectValue ?? [:] {
                if let description = property["description"]?.stringValue, !description.isEmpty {
                    comment(description, into: &out)
                }
                if let fallback = property["default"] { out += "// default: " + fallback.compact + "\n" }
                out += name + (required.contains(name) ? ": " : "?: ")
                out += type(of: property, depth: depth + 1, expansions: expansions) + ",\n"
            }
        }

        func type(of schema: JSONValue, depth: Int, expansions: Int) -> String {
            guard depth < maxDepth, case .object(let keywords) = schema else { return "any" }
            if let reference = keywords["$ref"]?.stringValue {
                if expansions < maxReferenceExpansions, let target = JSONPointer.resolveReference(reference, in: root) {
                    return type(of: target, depth: depth + 1, expansions: expansions + 1)
                }
                return String(reference.split(separator: "/").last ?? "any")
            }
            if let values = keywords["enum"]?.arrayValue { return values.map(\.compact).joined(separator: " | ") }
            if let constant = keywords["const"] { return constant.compact }
            for keyword in ["anyOf", "oneOf"] {
                if let branches = keywords[keyword]?.arrayValue {
                    return branches.map { type(of: $0, depth: depth + 1, expansions: expansions) }.joined(separator: " | ")
                }
            }
            if case .array(let names)? = keywords["type"] {
                return names.map { name -> String in
                    var single = keywords
                    single["type"] = name
                    return type(of: .object(single), depth: depth + 1, expansions: expansions)
                }.joined(separator: " | ")
            }
            switch keywords["type"]?.stringValue {
            case "string"?: return "string"
            case "number"?, "integer"?: return "number"
            case "boolean"?: return "boolean"
            case "null"?: return "null"
            case "array"?:
                guard let items = keywords["items"] else { return "any[]" }
                return type(of: items, depth: depth + 1, expansions: expansions) + "[]"
            case "object"?, nil:
                guard let properties = keywords["properties"]?.objectValue, !properties.isEmpty else {
                    return keywords["type"] == nil ? "any" : "object"
                }
                var out = "{\n"
                members(of: schema, into: &out, depth: depth, expansions: expansions)
                return out + "}"
            default:
                return "any"
            }
        }
    }
}
