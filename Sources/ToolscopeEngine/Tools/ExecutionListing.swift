import Foundation

/// Everything a session would run on this machine, in full: the one listing behind the
/// workbench's trust dialog, `toolscope audit`, and `run`'s refusal of an untrusted file.
///
/// Trust is only informed when nothing that decides what runs is left out or hidden, so per
/// code-running tool it lists every field of the binding (argv element by element, quoted;
/// interpreter; cwd; each env variable with its value), what toolscope adds on its own
/// (inherited variables, how arguments arrive), keys this version does not know (a newer
/// version might act on them), and every `mcpServers` entry, used or not. Values pass through
/// `VisibleText`, so a carriage return or a run of spaces cannot hide what follows. Values of
/// variables a binding lists in `secret_env` are never shown, only their length.
public struct ExecutionListing: Sendable, Hashable {
    /// One thing that runs: a tool binding or an MCP server.
    public struct Entry: Sendable, Hashable {
        public enum Subject: Sendable, Hashable {
            case tool(name: String, kind: String, enabled: Bool)
            /// `origin` says where the entry comes from (this file, or the user's own config).
            case mcpServer(name: String, usedBy: [String], origin: String)
        }
        public var subject: Subject
        public var fields: [Field]

        /// The entry's first line, e.g. `tool "get_weather" (command)`.
        public var heading: String {
            switch subject {
            case .tool(let name, let kind, let enabled):
                return "tool \(VisibleText.quoted(name)) (\(kind))" + (enabled ? "" : " [disabled: not offered to the model]")
            case .mcpServer(let name, let usedBy, let origin):
                let use = usedBy.isEmpty ? "used by no tool" : "used by " + usedBy.map(VisibleText.quoted).joined(separator: ", ")
                return "MCP server \(VisibleText.quoted(name)) (\(origin); \(use))"
            }
        }
    }

    /// One field of an entry: a label and its value, shown exactly.
    public struct Field: Sendable, Hashable {
        public enum Value: Sendable, Hashable {
            /// A string from the file, shown quoted.
            case text(String)
            /// Any other JSON value from the file, shown compact.
            case json(JSONValue)
            /// `NAME=<secret, N chars>`: a variable listed in `secret_env`.
            case secret(name: String, characters: Int)
            /// `NAME="value"`: an environment variable the file sets.
            case variable(name: String, value: String)
            /// Not in the file: what toolscope does by default, described in words.
            case fact(String)
        }
        public var label: String
        public var value: Value
        /// Why this field matters, when not obvious (e.g. a key this version ignores).
        public var note: String?

        public init(_ label: String, _ value: Value, note: String? = nil) {
            self.label = label
            self.value = value
            self.note = note
        }

        public var text: String {
            let shown: String
            switch value {
            case .text(let s): shown = VisibleText.quoted(s)
            case .json(let v): shown = VisibleText.make(v.compact)
            case .secret(let name, let n): shown = "\(VisibleText.make(name))=<secret, \(n) char\(n == 1 ? "" : "s")>"
            case .variable(let name, let v): shown = "\(VisibleText.make(name))=\(VisibleText.quoted(v))"
            case .fact(let s): shown = s
            }
            return "\(label): \(shown)" + (note.map { " — " + $0 } ?? "")
        }
    }

    /// One printable line: `depth` 0 for an entry's heading, 1 for its fields.
    public struct Line: Sendable, Hashable {
        public var depth: Int
        public var text: String
    }

    /// Variables a `command` binding passes through from toolscope's environment unless its
    /// `inherit_env` says otherwise (the command executor uses this list).
    public static let commandInheritedEnvironment = ["PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR"]
    /// Variables every MCP server gets from toolscope's environment besides its own `env`.
    public static let mcpInheritedEnvironment = ["HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER", "LANG", "LC_ALL", "TMPDIR"]

    public let entries: [Entry]

    /// - Parameters:
    ///   - userServers: MCP servers from the user's own config (`mcp.json`), consulted for an
    ///     `mcp` binding whose server this file does not define; listed only when used.
    ///   - userServersOrigin: how to name where those come from.
    ///   - sessionDirectory: the session file's directory, when it has one: working directories
    ///     are then also shown resolved (`cwd: "tools" — /home/me/proj/tools`).
    public init(tools: [SessionTool], mcpServers: JSONObject, userServers: JSONObject = [:],
                userServersOrigin: String = "your mcp.json, not this file", sessionDirectory: String? = nil) {
        let dir = sessionDirectory.flatMap { $0.isEmpty ? nil : $0 }
        var entries: [Entry] = []
        var users: [String: [String]] = [:]
        for tool in tools {
            guard case .external(let kind, let config) = tool.binding else { continue }
            var fields: [Field]
            switch kind {
            case "python": fields = Self.pythonFields(config, directory: dir)
            case "command": fields = Self.commandFields(config, directory: dir)
            case "mcp":
                let server = config["server"]?.stringValue ?? ""
                users[server, default: []].append(tool.name)
                let whereDefined: String
                if mcpServers[server] != nil {
                    whereDefined = "defined in this file's mcpServers (listed below)"
                } else if userServers[server] != nil {
                    whereDefined = "not in this file: from \(userServersOrigin) (listed below)"
                } else {
                    whereDefined = "not defined in this file; toolscope looks it up in your own mcp.json"
                }
                fields = Self.mcpBindingFields(config, serverNote: whereDefined)
            default: fields = Self.unknownKeys(config, known: [])
            }
            entries.append(Entry(subject: .tool(name: tool.name, kind: kind, enabled: tool.enabled), fields: fields))
        }
        for (name, server) in mcpServers {
            entries.append(Entry(subject: .mcpServer(name: name, usedBy: users[name] ?? [], origin: "this file's mcpServers"),
                                 fields: Self.serverFields(server, directory: dir)))
        }
        for (name, server) in userServers where mcpServers[name] == nil && users[name] != nil {
            entries.append(Entry(subject: .mcpServer(name: name, usedBy: users[name] ?? [], origin: userServersOrigin),
                                 fields: Self.serverFields(server, directory: nil)))
        }
        self.entries = entries
    }

    public init(session: Session, userServers: JSONObject = [:], sessionDirectory: String? = nil) {
        self.init(tools: session.tools, mcpServers: session.mcpServers, userServers: userServers, sessionDirectory: sessionDirectory)
    }

    /// True when the session binds no code and configures no MCP server.
    public var runsNothing: Bool { entries.isEmpty }

    /// Headings and fields, in order; every line is already visible text.
    public var lines: [Line] {
        entries.flatMap { entry in
            [Line(depth: 0, text: entry.heading)] + entry.fields.map { Line(depth: 1, text: $0.text) }
        }
    }

    /// The listing as plain text, fields indented under their entry.
    public var text: String {
        lines.map { String(repeating: "  ", count: $0.depth) + $0.text + "\n" }.joined()
    }

    /// Machine-readable form: exact values (JSON escapes control characters), secrets masked.
    public var json: JSONValue {
        .array(entries.map { entry in
            var o: JSONObject = [:]
            switch entry.subject {
            case .tool(let name, let kind, let enabled):
                o["type"] = "tool"; o["name"] = .string(name); o["kind"] = .string(kind); o["enabled"] = .bool(enabled)
            case .mcpServer(let name, let usedBy, let origin):
                o["type"] = "mcp_server"; o["name"] = .string(name)
                o["used_by"] = .array(usedBy.map { .string($0) }); o["origin"] = .string(origin)
            }
            o["fields"] = .array(entry.fields.map { field in
                var f: JSONObject = ["label": .string(field.label)]
                switch field.value {
                case .text(let s): f["value"] = .string(s)
                case .json(let v): f["value"] = v
                case .secret(let name, let n): f["name"] = .string(name); f["secret"] = true; f["characters"] = .number(Double(n))
                case .variable(let name, let v): f["name"] = .string(name); f["value"] = .string(v)
                case .fact(let s): f["default"] = .string(s)
                }
                if let note = field.note { f["note"] = .string(note) }
                return .object(f)
            })
            return .object(o)
        })
    }

    // MARK: - Fields per kind

    static func pythonFields(_ config: JSONObject, directory: String?) -> [Field] {
        var fields: [Field] = []
        if let target = config["target"] {
            fields.append(Field("target", value(target)))
            if let s = target.stringValue, let colon = s.lastIndex(of: ":") {
                fields.append(Field("module", .text(String(s[..<colon])), note: "a .py path or a dotted module, relative to the session's directory"))
                fields.append(Field("function", .text(String(s[s.index(after: colon)...]))))
            }
        } else {
            fields.append(Field("target", .fact("missing"), note: "the tool will not run"))
        }
        fields.append(config["interpreter"].map { Field("interpreter", value($0)) }
                      ?? Field("interpreter", .fact("python3 (default), looked up in PATH")))
        fields.append(cwdField(config, directory: directory))
        fields += environmentFields(config)
        fields.append(Field("inherits", .fact("toolscope's whole environment (like running it from your shell)")))
        return fields + unknownKeys(config, known: ["target", "interpreter", "cwd", "env", SecretEnvironment.key])
    }

    static func commandFields(_ config: JSONObject, directory: String?) -> [Field] {
        var fields: [Field] = []
        if let argv = config["argv"]?.arrayValue, !argv.isEmpty {
            for (i, element) in argv.enumerated() { fields.append(Field("argv[\(i)]", value(element))) }
        } else {
            fields.append(Field("argv", config["argv"].map(value) ?? .fact("missing"), note: "not a non-empty array: the tool will not run"))
        }
        fields.append(cwdField(config, directory: directory))
        fields += environmentFields(config)
        if let inherit = config["inherit_env"] {
            if let names = inherit.arrayValue, names.allSatisfy({ $0.stringValue != nil }) {
                let shown = names.compactMap(\.stringValue).map(VisibleText.quoted).joined(separator: " ")
                fields.append(Field("inherit_env", .fact(names.isEmpty ? "none" : shown), note: "passed through from your environment"))
            } else {
                fields.append(Field("inherit_env", value(inherit), note: "not an array of names: the tool will not run"))
            }
        } else {
            fields.append(Field("inherit_env", .fact(commandInheritedEnvironment.joined(separator: " ") + " (default)"),
                                note: "passed through from your environment"))
        }
        fields.append(Field("stdin", .fact("the call's arguments as JSON, then closed (no shell, nothing on the command line)")))
        if let max = config["max_output_bytes"] { fields.append(Field("max_output_bytes", value(max))) }
        return fields + unknownKeys(config, known: ["argv", "cwd", "env", "inherit_env", "max_output_bytes", SecretEnvironment.key])
    }

    static func mcpBindingFields(_ config: JSONObject, serverNote: String) -> [Field] {
        var fields: [Field] = []
        fields.append(Field("server", config["server"].map(value) ?? .fact("missing"), note: serverNote))
        fields.append(Field("tool", config["tool"].map(value) ?? .fact("missing")))
        return fields + unknownKeys(config, known: ["server", "tool"])
    }

    static func serverFields(_ server: JSONValue, directory: String?) -> [Field] {
        guard let config = server.objectValue else {
            return [Field("entry", value(server), note: "not an object: the server cannot start")]
        }
        var fields: [Field] = []
        fields.append(Field("command", config["command"].map(value) ?? .fact("missing"),
                            note: config["command"]?.stringValue == nil ? "only stdio servers (with a command) can start" : nil))
        if let args = config["args"] {
            if let items = args.arrayValue {
                for (i, a) in items.enumerated() { fields.append(Field("args[\(i)]", value(a))) }
            } else {
                fields.append(Field("args", value(args), note: "not an array"))
            }
        }
        fields.append(cwdField(config, directory: directory))
        fields += environmentFields(config)
        fields.append(Field("inherits", .fact(mcpInheritedEnvironment.joined(separator: " ")), note: "passed through from your environment"))
        return fields + unknownKeys(config, known: ["command", "args", "cwd", "env", SecretEnvironment.key])
    }

    // MARK: - Shared pieces

    static func value(_ v: JSONValue) -> Field.Value {
        if let s = v.stringValue { return .text(s) }
        return .json(v)
    }

    static func cwdField(_ config: JSONObject, directory: String?) -> Field {
        guard let cwd = config["cwd"] else {
            return Field("cwd", .fact("the session's directory" + (directory.map { ", " + VisibleText.make($0) } ?? "") + " (default)"))
        }
        guard let path = cwd.stringValue, !path.hasPrefix("/"), !path.hasPrefix("~") else { return Field("cwd", value(cwd)) }
        guard let directory else { return Field("cwd", value(cwd), note: "relative to the session's directory") }
        let resolved = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).standardizedFileURL.path
        return Field("cwd", value(cwd), note: VisibleText.make(resolved))
    }

    /// Each `env` variable with its value, secrets masked; then the `secret_env` list itself,
    /// which also names inherited variables whose values are hidden.
    static func environmentFields(_ config: JSONObject) -> [Field] {
        var fields: [Field] = []
        if let env = config["env"] {
            if let object = env.objectValue {
                for (name, v) in object {
                    if SecretEnvironment.isSecret(name, in: config) {
                        fields.append(Field("env", .secret(name: name, characters: v.stringValue?.count ?? v.compact.count),
                                            note: v.stringValue == nil ? "not a string" : nil))
                    } else if let s = v.stringValue {
                        fields.append(Field("env", .variable(name: name, value: s)))
                    } else {
                        fields.append(Field("env \(VisibleText.make(name))", value(v), note: "not a string"))
                    }
                }
            } else {
                fields.append(Field("env", value(env), note: "not an object of strings"))
            }
        }
        if let secret = config[SecretEnvironment.key] {
            let names = SecretEnvironment.names(in: config)
            if secret.arrayValue != nil, names.count == secret.arrayValue?.count {
                fields.append(Field(SecretEnvironment.key, .fact(names.map(VisibleText.quoted).joined(separator: " ")),
                                    note: "values hidden here and in traces"))
            } else {
                fields.append(Field(SecretEnvironment.key, value(secret), note: "not an array of names"))
            }
        }
        return fields
    }

    /// Keys this version does not read, listed as they are: a newer version might act on them.
    static func unknownKeys(_ config: JSONObject, known: Set<String>) -> [Field] {
        config.filter { !known.contains($0.key) }.map { key, v in
            Field("unknown key \(VisibleText.quoted(key))", value(v), note: "not used by this version of toolscope")
        }
    }
}
