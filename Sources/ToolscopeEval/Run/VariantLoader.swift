import Foundation
import ToolscopeEngine

/// Reads `--variant` arguments and variants files. A variant is written as
///  - a tools file (any dialect `toolscope lint` reads, or a session, whose tools keep their
///    bindings): a variant of those tools named after the file;
///  - a variant file: `{"name": …, "tools": FILE or [definitions], "system": …, "model": …,
///    "base_url": …, "api": "chat" | "responses" | "anthropic", "tool_choice": …, "parallel_tool_calls": …, "strict": …, "temperature": …}`,
///    or `{"variants": [ … ]}` for several;
///  - inline: that object as JSON text, or `name=…,tools=FILE,model=…,api=…` (no commas in values).
/// Paths inside a file are relative to that file. Every mistake names file:line:column.
public enum VariantLoader {
    static let keys = ["name", "tools", "system", "model", "base_url", "api", "tool_choice", "parallel_tool_calls", "strict", "temperature"]

    /// The sidecar file a suite's default variants are read from: `demo.json` → `demo.variants.json`.
    public static func sidecarPath(forSuite suitePath: String) -> String {
        let url = URL(fileURLWithPath: suitePath)
        let stem = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent(stem + ".variants.json").path
    }

    /// The variants one `--variant` argument names.
    public static func load(argument: String) throws(SuiteError) -> [Variant] {
        let trimmed = argument.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("{") {
            return try variants(in: trimmed, file: "--variant", baseDirectory: FileManager.default.currentDirectoryPath, defaultName: nil)
        }
        if FileManager.default.fileExists(atPath: trimmed) { return try load(file: trimmed) }
        if trimmed.contains("=") { return [try inline(trimmed)] }
        throw SuiteError(file: "--variant", message: "\"\(argument)\" is neither a file nor a spec like name=NAME,tools=FILE,model=MODEL")
    }

    /// A tools file (one variant named after it), a session (its tools), or a variant file.
    public static func load(file path: String) throws(SuiteError) -> [Variant] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw SuiteError(file: path, message: "cannot read the variant file")
        }
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try variants(in: text, file: path, baseDirectory: URL(fileURLWithPath: path).deletingLastPathComponent().path, defaultName: stem)
    }

    private static func variants(in text: String, file: String, baseDirectory: String, defaultName: String?) throws(SuiteError) -> [Variant] {
        let json: JSONValue
        do { json = try JSONParser.parse(text) } catch {
            throw SuiteError(file: file, line: error.line, column: error.column, message: "invalid JSON: \(error.message)")
        }
        func located(_ error: SchemaShapeError) -> SuiteError {
            let at = JSONPointerLocator.position(of: error.path, in: text)
            return SuiteError(file: file, line: at?.line, column: at?.column, message: error.message)
        }
        // A list of tools or a session: a variant of those tools.
        if let defaultName, let tools = try toolsDocument(json, file: file, text: text) {
            return [Variant(name: defaultName, tools: tools.map(\.definition), bindings: bindings(of: tools),
                            spec: ["name": .string(defaultName), "tools": .array(tools.map(\.json))])]
        }
        do throws(SchemaShapeError) {
            if let list = json["variants"] {
                guard case .array(let items) = list, json.objectValue?.count == 1 || json["format"] != nil else {
                    throw SchemaShapeError(path: "/variants", message: "\"variants\" must be an array of variant objects, alone in its file (with an optional \"format\")")
                }
                var out: [Variant] = []
                for (i, item) in items.enumerated() {
                    out.append(try variant(item, path: "/variants/\(i)", file: file, text: text, baseDirectory: baseDirectory, defaultName: nil))
                }
                return out
            }
            return [try variant(json, path: "", file: file, text: text, baseDirectory: baseDirectory, defaultName: defaultName)]
        } catch {
            throw located(error)
        }
    }

    private static func variant(_ json: JSONValue, path: String, file: String, text: String, baseDirectory: String,
                                defaultName: String?) throws(SchemaShapeError) -> Variant {
        let f = try JSONFields(json, path: path, what: "a variant")
        for key in f.object.keys where !keys.contains(key) {
            throw SchemaShapeError(path: f.pointer(key), message: "unknown key \"\(key)\" in a variant; known keys: \(keys.joined(separator: ", "))")
        }
        guard let name = try f.string("name") ?? defaultName, !name.isEmpty else {
            throw SchemaShapeError(path: f.pointer("name"), message: "a variant needs a \"name\"")
        }
        var variant = Variant(name: name)
        var spec = f.object
        if let tools = f.value("tools") {
            switch tools {
            case .string(let relative):
                let toolsPath = relative.hasPrefix("/") ? relative : baseDirectory + "/" + relative
                let loaded: [SessionTool]
                do { loaded = try loadTools(file: toolsPath) } catch {
                    throw SchemaShapeError(path: f.pointer("tools"), message: error.description)
                }
                variant.tools = loaded.map(\.definition)
                variant.bindings = bindings(of: loaded)
                spec["tools"] = .array(loaded.map(\.json))
            case .array:
                guard let conversion = ToolDialect.convert(tools) else {
                    throw SchemaShapeError(path: f.pointer("tools"), message: "not tool definitions in a dialect toolscope reads (OpenAI, functions, BFCL, Anthropic, Gemini, MCP)")
                }
                variant.tools = conversion.definitions
            default:
                throw f.wrongType("tools", expected: "a tools file path or an array of tool definitions", found: tools)
            }
        }
        variant.system = try f.string("system")
        variant.model = try f.string("model")
        variant.baseURL = try f.string("base_url")
        if let api = try f.string("api") {
            guard let wire = WireAPI(rawValue: api) else {
                throw SchemaShapeError(path: f.pointer("api"),
                                       message: "unknown api \"\(api)\"; expected \(WireAPI.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            variant.api = wire
        }
        if let choice = f.value("tool_choice") { variant.toolChoice = try ToolChoice(json: choice, path: f.pointer("tool_choice")) }
        variant.parallelToolCalls = try f.bool("parallel_tool_calls")
        variant.strict = try f.bool("strict")
        variant.temperature = try f.number("temperature")
        variant.spec = .object(spec)
        return variant
    }

    /// `name=…,tools=FILE,system=…,model=…,base_url=…,api=…,tool_choice=…,parallel_tool_calls=…,strict=…,temperature=…`.
    static func inline(_ spec: String) throws(SuiteError) -> Variant {
        var object = JSONObject()
        for part in spec.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, keys.contains(pieces[0]) else {
                throw SuiteError(file: "--variant", message: "\"\(part)\" in \"\(spec)\": expected KEY=VALUE with KEY one of \(keys.joined(separator: ", "))")
            }
            let (key, value) = (pieces[0], pieces[1])
            switch key {
            case "parallel_tool_calls", "strict":
                guard let b = Bool(value) else { throw SuiteError(file: "--variant", message: "\(key)=\(value): expected true or false") }
                object[key] = .bool(b)
            case "temperature":
                guard let t = Double(value) else { throw SuiteError(file: "--variant", message: "temperature=\(value): expected a number") }
                object[key] = .number(t)
            case "tool_choice":
                object[key] = ["auto", "none", "required"].contains(value) ? .string(value) : ["type": "function", "function": ["name": .string(value)]]
            default:
                object[key] = .string(value)
            }
        }
        let text = JSONValue.object(object).compact
        guard let variant = try variants(in: text, file: "--variant", baseDirectory: FileManager.default.currentDirectoryPath, defaultName: nil).first else {
            throw SuiteError(file: "--variant", message: "\"\(spec)\" names no variant")
        }
        return variant
    }

    /// The tools of a tools file (any dialect; no bindings) or of a session (with bindings).
    public static func loadTools(file path: String) throws(SuiteError) -> [SessionTool] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw SuiteError(file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read the tools file" : "no such tools file")
        }
        let json: JSONValue
        do { json = try JSONParser.parse(text) } catch {
            throw SuiteError(file: path, line: error.line, column: error.column, message: "invalid JSON: \(error.message)")
        }
        guard let tools = try toolsDocument(json, file: path, text: text) else {
            throw SuiteError(file: path, message: "not tool definitions in a dialect toolscope reads (OpenAI, functions, BFCL, Anthropic, Gemini, MCP) nor a session")
        }
        return tools
    }

    /// The tools of `json` when it is a tools document or a session; nil when it is something else.
    private static func toolsDocument(_ json: JSONValue, file: String, text: String) throws(SuiteError) -> [SessionTool]? {
        if json["format"]?.stringValue == Session.formatName {
            do { return try SessionFile.decode(text, path: file).tools } catch {
                throw SuiteError(file: file, message: error.description)
            }
        }
        // An object with any variant-only key is a variant, not a bare function definition.
        if let object = json.objectValue, object.keys.contains(where: { $0 != "name" && keys.contains($0) }) || object["variants"] != nil { return nil }
        guard let conversion = ToolDialect.convert(json), !conversion.tools.isEmpty else { return nil }
        return conversion.definitions.map { SessionTool(definition: $0, binding: .manual) }
    }

    /// Bindings worth keeping: a session's own (a tools file's tools get `.manual` here and are bound by the plan).
    private static func bindings(of tools: [SessionTool]) -> [String: ToolBindingSpec] {
        var out: [String: ToolBindingSpec] = [:]
        for tool in tools where tool.binding != .manual { out[tool.name] = tool.binding }
        return out
    }
}
