/// Lints tool definitions before they are sent: what OpenAI rejects (names, counts, strict
/// mode rules and limits) is an error, what makes a model call a tool badly (vague or
/// missing descriptions, arrays without items) is a warning. Every rule is in docs/lint.md.
public enum ToolLinter {
    /// OpenAI accepts at most this many tools in one request.
    public static let maxTools = 128
    public static let maxNameLength = 64
    /// The session format whose `tools` entries `lint(document:)` understands.
    public static let sessionFormat = "toolscope.session/1"
    /// Keys of a function object that OpenAI knows; others are probably typos.
    static let functionKeys: Set<String> = ["name", "description", "parameters", "strict"]
    /// Keys a session adds to a tool entry that are not part of the definition.
    static let sessionOnlyKeys: Set<String> = ["binding", "enabled"]

    /// Lints a tools array. Paths are "\(pathPrefix)/i/function/…"; findings are sorted by
    /// path, then errors before warnings.
    public static func lint(_ tools: [ToolDefinition], pathPrefix: String = "") -> [LintFinding] {
        lint(tools, pathPrefix: pathPrefix, api: .chat)
    }

    /// Lints a tools array for the wire it will be sent on. On Responses a function tool is
    /// strict unless `strict: false` is sent, so each tool also gets a finding that says what
    /// strict would mean for it there (rule `responses-strict`, see `StrictModeLinter.responsesNote`).
    public static func lint(_ tools: [ToolDefinition], pathPrefix: String = "", api: WireAPI) -> [LintFinding] {
        var findings: [LintFinding] = []
        if api == .responses {
            for (index, tool) in tools.enumerated() {
                let functionPath = JSONPointer.appending(JSONPointer.appending(pathPrefix, index), "function")
                if let note = StrictModeLinter.responsesNote(tool, at: functionPath) { findings.append(note) }
            }
        }
        if tools.count > maxTools {
            findings.append(LintFinding(path: pathPrefix, severity: .error,
                message: "\(tools.count) tools are defined; OpenAI accepts at most \(maxTools) per request", rule: "too-many-tools"))
        }
        var firstPathByName: [String: String] = [:]
        for (index, tool) in tools.enumerated() {
            let toolPath = JSONPointer.appending(pathPrefix, index)
            let functionPath = JSONPointer.appending(toolPath, "function")
            findings += lintTool(tool.raw, functionPath: functionPath, toolPath: toolPath)
            let name = tool.name
            guard !name.isEmpty else { continue }
            let namePath = JSONPointer.appending(tool.isFunction ? functionPath : JSONPointer.appending(toolPath, "custom"), "name")
            if let first = firstPathByName[name] {
                findings.append(LintFinding(path: namePath, severity: .error,
                    message: "duplicate tool name \(JSONPrinter.quoted(name)) (first defined at \(first)); tool names must be unique",
                    rule: "duplicate-name"))
            } else {
                firstPathByName[name] = namePath
            }
        }
        return LintFinding.sorted(findings)
    }

    /// Lints whatever the user opened: a tools array, one tool (full form or the bare
    /// `{"name", "parameters"}` function object), or a toolscope session, whose tool entries
    /// are linted without their `binding`. Paths point into `document` as written.
    public static func lint(document: JSONValue) -> [LintFinding] {
        switch document {
        case .array(let entries):
            return lint(entries.map(ToolDefinition.init(raw:)))
        case .object(let object) where object["format"] != nil:
            return lintSession(object)
        case .object(let object) where object["type"] != nil || object["function"] != nil:
            return LintFinding.sorted(lintTool(document, functionPath: "/function", toolPath: ""))
        case .object(let object) where object["name"] != nil:
            return LintFinding.sorted(lintTool(document, functionPath: "", toolPath: nil))
        default:
            return [LintFinding(path: "", severity: .error, message: """
                this is not something toolscope can lint (got \(ViolationWording.withArticle(document.typeName))); \
                expected a tools array [{"type": "function", "function": {…}}, …], a single tool \
                ({"type": "function", "function": {…}} or a bare {"name": …, "parameters": {…}}), \
                or a session with "format": "\(sessionFormat)" and a "tools" array
                """, rule: "document-shape")]
        }
    }

    private static func lintSession(_ session: JSONObject) -> [LintFinding] {
        guard session["format"]?.stringValue == sessionFormat else {
            return [LintFinding(path: "/format", severity: .error,
                message: "unsupported document format \(ViolationWording.literal(session["format"] ?? .null)); expected \"\(sessionFormat)\"",
                rule: "document-shape")]
        }
        guard let entries = session["tools"] else { return [] }
        guard let list = entries.arrayValue else {
            return [LintFinding(path: "/tools", severity: .error, message: "\"tools\" must be an array of tools", rule: "document-shape")]
        }
        let definitions = list.map { entry -> ToolDefinition in
            guard case .object(var object) = entry else { return ToolDefinition(raw: entry) }
            for key in sessionOnlyKeys { object.removeValue(forKey: key) }
            return ToolDefinition(raw: .object(object))
        }
        let api = session["settings"]?["provider"]?["api"]?.stringValue.flatMap(WireAPI.init(rawValue:)) ?? .chat
        return lint(definitions, pathPrefix: "/tools", api: api)
    }

    /// Lints one tool. `toolPath` is `nil` for a bare function object, whose own keys are
    /// the function's; otherwise the wrapper's `type` and `function` are checked first.
    static func lintTool(_ raw: JSONValue, functionPath: String, toolPath: String?) -> [LintFinding] {
        var findings: [LintFinding] = []
        func add(_ path: String, _ severity: LintFinding.Severity, _ rule: String, _ message: String) {
            findings.append(LintFinding(path: path, severity: severity, message: message, rule: rule))
        }
        guard case .object(let object) = raw else {
            add(toolPath ?? functionPath, .error, "tool-shape",
                "a tool must be an object like {\"type\": \"function\", \"function\": {\"name\": …}}; got \(ViolationWording.withArticle(raw.typeName))")
            return findings
        }
        guard let toolPath else { return lintFunction(object, at: functionPath) }
        switch object["type"] {
        case .string("function")?:
            break
        case .string("custom")?:
            return findings  // Passed through as is; only its name is checked, for duplicates.
        case nil:
            add(toolPath, .error, "tool-shape", "the tool has no \"type\"; add \"type\": \"function\"")
        case let other?:
            add(JSONPointer.appending(toolPath, "type"), .error, "tool-shape",
                "unknown tool type \(ViolationWording.literal(other)); expected \"function\"")
            return findings
        }
        guard case .object(let function)? = object["function"] else {
            let hint = object["name"] != nil ? "; name, description and parameters belong inside \"function\"" : ""
            add(toolPath, .error, "tool-shape", "the tool has no \"function\" object\(hint)")
            return findings
        }
        return findings + lintFunction(function, at: functionPath)
    }

    private static func lintFunction(_ function: JSONObject, at path: String) -> [LintFinding] {
        var findings: [LintFinding] = []
        func add(_ path: String, _ severity: LintFinding.Severity, _ rule: String, _ message: String) {
            findings.append(LintFinding(path: path, severity: severity, message: message, rule: rule))
        }
        for (key, _) in function where !functionKeys.contains(key) {
            var message = "unknown key \(JSONPrinter.quoted(key)) in the function; OpenAI knows name, description, parameters and strict"
            if let guess = NameDistance.closest(to: key, among: functionKeys.sorted()) { message += " (did you mean \(JSONPrinter.quoted(guess))?)" }
            add(JSONPointer.appending(path, key), .warning, "function-unknown-key", message)
        }
        let namePath = JSONPointer.appending(path, "name")
        var name = ""
        switch function["name"] {
        case nil: add(path, .error, "name-pattern", "the function has no \"name\"")
        case .string(let text)?:
            name = text
            if let problem = nameProblem(text) { add(namePath, .error, "name-pattern", "the name \(ViolationWording.quoted(text)) \(problem)") }
        case let other?: add(namePath, .error, "name-pattern", "\"name\" must be a string; got \(ViolationWording.withArticle(other.typeName))")
        }
        switch function["description"] {
        case nil:
            add(path, .warning, "tool-description",
                "the tool has no description; the model chooses tools by their descriptions, so say what it does and when to use it")
        case .string(let text)?:
            if let problem = DescriptionQuality.problem(text, name: name, isTool: true) {
                add(JSONPointer.appending(path, "description"), .warning, "tool-description", "the description \(problem)")
            }
        case let other?:
            add(JSONPointer.appending(path, "description"), .error, "description-shape",
                "\"description\" must be a string; got \(ViolationWording.withArticle(other.typeName))")
        }
        var strict = false
        switch function["strict"] {
        case nil: break
        case .bool(let flag)?: strict = flag
        case let other?:
            add(JSONPointer.appending(path, "strict"), .error, "strict-shape", "\"strict\" must be true or false; got \(ViolationWording.literal(other))")
        }
        if let parameters = function["parameters"] {
            findings += lintParameters(parameters, at: JSONPointer.appending(path, "parameters"), strict: strict)
        }
        return findings
    }

    private static func lintParameters(_ parameters: JSONValue, at path: String, strict: Bool) -> [LintFinding] {
        guard case .object = parameters else {
            return [LintFinding(path: path, severity: .error,
                message: "\"parameters\" must be a JSON Schema object with \"type\": \"object\"; got \(ViolationWording.withArticle(parameters.typeName))",
                rule: "parameters-root")]
        }
        var findings: [LintFinding] = []
        if parameters["type"] != .string("object") {
            let got = parameters["type"].map { "\"type\" is \(ViolationWording.literal($0))" } ?? "there is no \"type\""
            findings.append(LintFinding(path: path, severity: .error,
                message: "the root of \"parameters\" must have \"type\": \"object\" (arguments are always a JSON object); \(got)",
                rule: "parameters-root"))
        }
        var schemaLinter = SchemaLinter(parameters: parameters, at: path, strict: strict)
        schemaLinter.run()
        findings += schemaLinter.findings
        if strict {
            var strictLinter = StrictModeLinter(parameters: parameters, at: path)
            strictLinter.run()
            findings += strictLinter.findings
        }
        return findings
    }

    /// Why `name` breaks OpenAI's `^[a-zA-Z0-9_-]{1,64}$`, or `nil` when it does not.
    static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "is empty; use 1 to \(maxNameLength) letters, digits, _ or -" }
        if let bad = name.unicodeScalars.first(where: { !isNameScalar($0) }) {
            let shown = bad == " " ? "a space" : JSONPrinter.quoted(String(bad))
            return "contains \(shown); only letters a-z and A-Z, digits, _ and - are allowed"
        }
        if name.unicodeScalars.count > maxNameLength {
            return "is \(name.unicodeScalars.count) characters long; at most \(maxNameLength) are allowed"
        }
        return nil
    }

    private static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-": return true
        default: return false
        }
    }
}
