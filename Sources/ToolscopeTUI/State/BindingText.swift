import Foundation
import ToolscopeDemo
import ToolscopeEngine

/// The one-line form of a tool binding, edited in the binding prompt (`b` in the tools list).
///
///     builtin                      a demo tool of the same name
///     mock {"ok": true}            a fixed result (any JSON; text that is not JSON is a string)
///     manual                       a person types the result
///     python tools.py:get_quote    a Python function (options: --interpreter PATH, --cwd DIR)
///     command ./tool.sh --fast     a program, no shell; words split like a shell would, quotes kept
///     mcp SERVER TOOL              a tool of a configured MCP server
///     {"kind": "python", ...}      the binding's JSON object, exactly as in the session file
enum BindingText {
    struct Problem: Error, Equatable, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// The text shown when the prompt opens: short forms when they say everything, else JSON.
    static func format(_ binding: ToolBindingSpec) -> String {
        switch binding {
        case .builtin: return "builtin"
        case .mock(let value): return "mock " + value.compact
        case .manual: return "manual"
        case .external(let kind, let config):
            switch kind {
            case "python" where Set(config.keys).isSubset(of: ["target", "interpreter", "cwd"]):
                guard let target = config["target"]?.stringValue else { break }
                var words = ["python", quote(target)]
                if let interpreter = config["interpreter"]?.stringValue { words += ["--interpreter", quote(interpreter)] }
                if let cwd = config["cwd"]?.stringValue { words += ["--cwd", quote(cwd)] }
                return words.joined(separator: " ")
            case "command" where Set(config.keys) == ["argv"]:
                guard let argv = config["argv"]?.arrayValue?.compactMap(\.stringValue), !argv.isEmpty else { break }
                return "command " + argv.map(quote).joined(separator: " ")
            case "mcp" where Set(config.keys) == ["server", "tool"]:
                guard let server = config["server"]?.stringValue, let tool = config["tool"]?.stringValue else { break }
                return "mcp \(quote(server)) \(quote(tool))"
            default: break
            }
            return ToolBindingSpec.external(kind: kind, config: config).json.compact
        }
    }

    /// Reads the prompt's text; `toolName` is the tool being bound (for `builtin`).
    static func parse(_ text: String, toolName: String) throws(Problem) -> ToolBindingSpec {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("{") {
            let value: JSONValue
            do { value = try JSONParser.parse(trimmed) } catch { throw Problem("the binding JSON is not valid: \(error)") }
            do { return try ToolBindingSpec(json: value) } catch { throw Problem(error.message) }
        }
        let kind = trimmed.prefix { !$0.isWhitespace }
        let rest = trimmed.dropFirst(kind.count).trimmingCharacters(in: .whitespaces)
        switch kind {
        case "builtin":
            guard BuiltinTools.names.contains(toolName) else {
                throw Problem("there is no built-in tool named \(toolName); built-ins are \(BuiltinTools.names.sorted().joined(separator: ", "))")
            }
            return .builtin(toolName)
        case "manual":
            return .manual
        case "mock":
            if rest.isEmpty { return .mock(.null) }
            return .mock((try? JSONParser.parse(rest)) ?? .string(rest))
        case "python":
            var words = try split(rest)
            let options = try takeOptions(&words, allowed: ["--interpreter", "--cwd"], for: "python")
            guard words.count == 1, words[0].contains(":") else {
                throw Problem("python needs one target: path/to/module.py:function or package.module:function")
            }
            var config: JSONObject = ["target": .string(words[0])]
            if let interpreter = options["--interpreter"] { config["interpreter"] = .string(interpreter) }
            if let cwd = options["--cwd"] { config["cwd"] = .string(cwd) }
            return .external(kind: "python", config: config)
        case "command":
            let argv = try split(rest)
            guard !argv.isEmpty else { throw Problem("command needs a program, e.g. command ./tool.sh --flag") }
            return .external(kind: "command", config: ["argv": .array(argv.map { .string($0) })])
        case "mcp":
            let words = try split(rest)
            guard words.count == 2 else { throw Problem("mcp needs a server name and a tool name: mcp SERVER TOOL") }
            return .external(kind: "mcp", config: ["server": .string(words[0]), "tool": .string(words[1])])
        default:
            throw Problem("start with builtin, mock, manual, python, command, mcp or a JSON object")
        }
    }

    /// Removes every `--name VALUE` pair from `words` and returns them by name; a name not in
    /// `allowed`, or one without a value, is an error naming what `command` takes.
    static func takeOptions(_ words: inout [String], allowed: [String], for command: String) throws(Problem) -> [String: String] {
        var options: [String: String] = [:]
        while let option = words.firstIndex(where: { $0.hasPrefix("--") }) {
            let name = words[option]
            guard allowed.contains(name) else { throw Problem("unknown option \(name); \(command) takes \(allowed.joined(separator: " and "))") }
            guard option + 1 < words.count else { throw Problem("\(name) needs a value") }
            options[name] = words[option + 1]
            words.removeSubrange(option...(option + 1))
        }
        return options
    }

    /// Splits words the way a shell would for plain arguments: spaces separate, single and
    /// double quotes group, a backslash escapes the next character. Nothing is expanded.
    static func split(_ text: String) throws(Problem) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in text {
            if escaped { current.append(c); escaped = false; inWord = true; continue }
            if let q = quote {
                if c == q { quote = nil } else if c == "\\" && q == "\"" { escaped = true } else { current.append(c) }
                continue
            }
            switch c {
            case "\\": escaped = true; inWord = true
            case "\"", "'": quote = c; inWord = true
            case " ", "\t":
                if inWord { words.append(current); current = ""; inWord = false }
            default: current.append(c); inWord = true
            }
        }
        if quote != nil { throw Problem("a quote is not closed") }
        if escaped { current.append("\\") }
        if inWord { words.append(current) }
        return words
    }

    /// Quotes a word only when `split` would otherwise change it.
    static func quote(_ word: String) -> String {
        let plain = !word.isEmpty && word.allSatisfy { !" \t\"'\\".contains($0) }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\"'\"'") + "'"
    }
}
