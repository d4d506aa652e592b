/// The vendor format a file of tool definitions is written in. People paste tools from
/// OpenAI docs, the legacy `functions` list, BFCL, Anthropic, Gemini or an MCP server; the
/// linter and the workbench speak only OpenAI's `{"type":"function","function":{…}}`, so
/// every other dialect is converted first, with a note for each change.
public enum ToolDialect: String, Sendable, Hashable, CaseIterable {
    case openAI = "OpenAI tools"
    /// Bare `{name, description, parameters}` objects: the legacy `functions` list.
    case bareFunctions = "bare function objects (legacy \"functions\")"
    /// Bare function objects whose schemas use BFCL's Python-ish types or dotted names.
    case bfcl = "BFCL"
    case anthropic = "Anthropic (input_schema)"
    case gemini = "Gemini (functionDeclarations)"
    case mcp = "MCP tools/list (inputSchema)"
}

/// The tools of one document converted to OpenAI form, and how to find each one's origin.
public struct ToolDialectConversion: Sendable, Hashable {
    /// One converted tool and where it came from.
    public struct Tool: Sendable, Hashable {
        public var definition: ToolDefinition
        /// JSON pointer (into the original document) of the object holding name and description.
        public var sourcePointer: String
        /// The key under `sourcePointer` that held the parameter schema (`parameters`,
        /// `input_schema`, `inputSchema`), or `nil` when there was none.
        public var schemaKey: String?
        /// The name as written, when conversion changed it (BFCL dotted names), so a caller
        /// can map a model's call back to the original function.
        public var originalName: String?
    }

    public var dialect: ToolDialect
    public var tools: [Tool]
    /// One line per change, each starting with the original JSON pointer.
    public var notes: [String]

    public var definitions: [ToolDefinition] { tools.map(\.definition) }

    /// The converted tools as an OpenAI tools array.
    public var openAITools: JSONValue { .array(tools.map(\.definition.raw)) }

    /// Maps a pointer into `openAITools` (`/3/function/parameters/properties/x`) to the
    /// matching place in the original document, so findings point at what the user wrote.
    /// Parts a conversion removed fall back to the nearest enclosing element.
    public func originalPointer(for converted: String) -> String {
        guard let segments = JSONPointer.segments(converted), let first = segments.first,
              let index = Int(first), tools.indices.contains(index) else { return converted }
        let tool = tools[index]
        var rest = Array(segments.dropFirst())
        if rest.first == "function" { rest.removeFirst() }
        guard let head = rest.first else { return tool.sourcePointer }
        if head == "parameters" {
            guard let key = tool.schemaKey else { return tool.sourcePointer }
            return (rest.dropFirst()).reduce(JSONPointer.appending(tool.sourcePointer, key)) { JSONPointer.appending($0, $1) }
        }
        return rest.reduce(tool.sourcePointer) { JSONPointer.appending($0, $1) }
    }
}

extension ToolDialect {
    /// Detects the dialect of `document` and converts its tools; `nil` when the document is
    /// none of the known shapes (a toolscope session is left to the session linter).
    public static func convert(_ document: JSONValue) -> ToolDialectConversion? {
        var converter = Converter()
        return converter.convert(document)
    }
}

/// Does the walking; `notes` collects changes as it goes.
private struct Converter {
    var notes: [String] = []

    mutating func convert(_ document: JSONValue) -> ToolDialectConversion? {
        switch document {
        case .array(let entries):
            return convertList(entries, at: "")
        case .object(let object):
            if object["format"] != nil { return nil }
            if let declarations = object["functionDeclarations"]?.arrayValue ?? object["function_declarations"]?.arrayValue {
                let key = object["functionDeclarations"] != nil ? "functionDeclarations" : "function_declarations"
                return convertEntries(declarations.enumerated().map { ($0.element, "/\(key)/\($0.offset)") }, dialect: .gemini)
            }
            for key in ["tools", "functions"] {
                if let list = object[key]?.arrayValue { return convertList(list, at: JSONPointer.appending("", key)) }
            }
            if object["type"] != nil || object["function"] != nil || object["name"] != nil {
                return convertList([document], at: nil)
            }
            return nil
        default:
            return nil
        }
    }

    /// A list of tools, or of Gemini `{"functionDeclarations": […]}` groups. `base` nil means a
    /// single object that is the document itself.
    mutating func convertList(_ entries: [JSONValue], at base: String?) -> ToolDialectConversion? {
        func pointer(_ index: Int) -> String { base.map { JSONPointer.appending($0, index) } ?? "" }
        var flat: [(JSONValue, String)] = []
        var sawGemini = false
        for (index, entry) in entries.enumerated() {
            if let group = entry["functionDeclarations"]?.arrayValue ?? entry["function_declarations"]?.arrayValue {
                let key = entry["functionDeclarations"] != nil ? "functionDeclarations" : "function_declarations"
                sawGemini = true
                for (inner, declaration) in group.enumerated() {
                    flat.append((declaration, JSONPointer.appending(JSONPointer.appending(pointer(index), key), inner)))
                }
            } else {
                flat.append((entry, pointer(index)))
            }
        }
        if sawGemini { return convertEntries(flat, dialect: .gemini) }
        guard !flat.isEmpty else { return ToolDialectConversion(dialect: .openAI, tools: [], notes: []) }
        let objects = flat.compactMap { $0.0.objectValue }
        let dialect: ToolDialect
        if objects.contains(where: { $0["type"] != nil || $0["function"] != nil }) || objects.count < flat.count {
            dialect = .openAI
        } else if objects.contains(where: { $0["input_schema"] != nil }) {
            dialect = .anthropic
        } else if objects.contains(where: { $0["inputSchema"] != nil }) {
            dialect = .mcp
        } else if objects.contains(where: { Self.looksBFCL($0) }) {
            dialect = .bfcl
        } else if objects.contains(where: { Self.looksGemini($0["parameters"]) }) {
            dialect = .gemini
        } else {
            dialect = .bareFunctions
        }
        return convertEntries(flat, dialect: dialect)
    }

    mutating func convertEntries(_ entries: [(JSONValue, String)], dialect: ToolDialect) -> ToolDialectConversion {
        var tools: [ToolDialectConversion.Tool] = []
        for (value, pointer) in entries {
            guard dialect != .openAI, let object = value.objectValue, object["type"] == nil, object["function"] == nil else {
                // OpenAI form (or something unrecognisable) is passed on unchanged: the linter says what is wrong.
                let isFunction = value["function"] != nil
                tools.append(.init(definition: ToolDefinition(raw: ToolDefinition.normalized(value)),
                                   sourcePointer: isFunction ? JSONPointer.appending(pointer, "function") : pointer,
                                   schemaKey: "parameters", originalName: nil))
                continue
            }
            let schemaKey = ["parameters", "input_schema", "inputSchema", "parametersJsonSchema"].first { object[$0] != nil }
            var function = JSONObject()
            var originalName: String?
            if let name = object["name"] {
                if let text = name.stringValue, text.contains(".") {
                    let renamed = text.replacingOccurrences(of: ".", with: "_")
                    notes.append("\(JSONPointer.appending(pointer, "name")): dotted name \(JSONPrinter.quoted(text)) → \(JSONPrinter.quoted(renamed)) (OpenAI names allow only letters, digits, _ and -)")
                    function["name"] = .string(renamed)
                    originalName = text
                } else {
                    function["name"] = name
                }
            }
            if let description = object["description"] { function["description"] = description }
            if let schemaKey, let schema = object[schemaKey] {
                if schemaKey != "parameters" {
                    notes.append("\(JSONPointer.appending(pointer, schemaKey)): \(JSONPrinter.quoted(schemaKey)) → \"parameters\"")
                }
                function["parameters"] = convertSchema(schema, at: JSONPointer.appending(pointer, schemaKey))
            }
            for (key, extra) in object where !["name", "description", "parameters", "input_schema", "inputSchema", "parametersJsonSchema"].contains(key) {
                if key == "strict" {
                    function[key] = extra
                } else {
                    notes.append("\(JSONPointer.appending(pointer, key)): dropped \(JSONPrinter.quoted(key)) (not part of an OpenAI function)")
                }
            }
            tools.append(.init(definition: ToolDefinition(raw: ["type": "function", "function": .object(function)]),
                               sourcePointer: pointer, schemaKey: schemaKey, originalName: originalName))
        }
        return ToolDialectConversion(dialect: dialect, tools: tools, notes: notes)
    }

    /// BFCL's Python-flavoured type names, as written in its function docs.
    static let bfclTypes: [String: String?] = ["dict": "object", "float": "number", "tuple": "array", "any": nil]

    static func looksBFCL(_ object: JSONObject) -> Bool {
        if object["name"]?.stringValue?.contains(".") == true { return true }
        return schemaTypes(object["parameters"]).contains { bfclTypes[$0] != nil }
    }

    static func looksGemini(_ schema: JSONValue?) -> Bool {
        schemaTypes(schema).contains { $0 != $0.lowercased() }
    }

    /// Every `type` string anywhere inside `schema`.
    static func schemaTypes(_ schema: JSONValue?) -> [String] {
        switch schema {
        case .object(let o)?:
            var found: [String] = []
            if let type = o["type"]?.stringValue { found.append(type) }
            for (_, value) in o { found += schemaTypes(value) }
            return found
        case .array(let a)?:
            return a.flatMap { schemaTypes($0) }
        default:
            return []
        }
    }

    /// Keywords whose value is one subschema, and those whose value maps names or indices to subschemas.
    static let singleSchemaKeys: Set<String> = ["items", "additionalProperties", "not", "contains", "propertyNames", "if", "then", "else"]
    static let schemaMapKeys: Set<String> = ["properties", "$defs", "definitions", "patternProperties"]
    static let schemaListKeys: Set<String> = ["anyOf", "oneOf", "allOf", "prefixItems", "items"]

    /// `schema` with BFCL and Gemini type spellings turned into JSON Schema.
    mutating func convertSchema(_ schema: JSONValue, at pointer: String) -> JSONValue {
        guard case .object(var o) = schema else { return schema }
        let typePath = JSONPointer.appending(pointer, "type")
        if let type = o["type"]?.stringValue {
            if let mapped = Self.bfclTypes[type] {
                if let mapped {
                    o["type"] = .string(mapped)
                    notes.append("\(typePath): BFCL \(JSONPrinter.quoted(type)) → \(JSONPrinter.quoted(mapped))")
                } else {
                    o.removeValue(forKey: "type")
                    notes.append("\(typePath): BFCL \"any\" → no type constraint")
                }
            } else if type != type.lowercased() {
                o["type"] = .string(type.lowercased())
                notes.append("\(typePath): OpenAPI \(JSONPrinter.quoted(type)) → \(JSONPrinter.quoted(type.lowercased()))")
            }
        }
        if let nullable = o["nullable"]?.boolValue {
            o.removeValue(forKey: "nullable")
            let nullablePath = JSONPointer.appending(pointer, "nullable")
            if nullable, let type = o["type"]?.stringValue {
                o["type"] = .array([.string(type), "null"])
                notes.append("\(nullablePath): nullable: true → \"type\": [\(JSONPrinter.quoted(type)), \"null\"]")
            } else {
                notes.append("\(nullablePath): dropped \"nullable\": \(nullable)")
            }
        }
        for (key, value) in o {
            let path = JSONPointer.appending(pointer, key)
            switch value {
            case .object(let members) where Self.schemaMapKeys.contains(key):
                var converted = JSONObject()
                for (name, sub) in members { converted[name] = convertSchema(sub, at: JSONPointer.appending(path, name)) }
                o[key] = .object(converted)
            case .object where Self.singleSchemaKeys.contains(key):
                o[key] = convertSchema(value, at: path)
            case .array(let list) where Self.schemaListKeys.contains(key):
                o[key] = .array(list.enumerated().map { convertSchema($0.element, at: JSONPointer.appending(path, $0.offset)) })
            default:
                break
            }
        }
        return .object(o)
    }
}
