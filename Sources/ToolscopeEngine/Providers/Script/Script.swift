import Foundation

/// A parsed, validated script for the scripted model (format `toolscope.script/1`, see
/// docs/script-format.md). Rules match the latest user message by regular expression and play
/// rounds of tool calls, then a final text; templates are checked when the script is loaded.
public struct Script: Sendable {
    public static let formatName = "toolscope.script/1"

    struct ForEach: Sendable {
        var source: String
        var split: String?
        var filter: String?
    }

    struct CallSpec: Sendable {
        var name: String
        var arguments: JSONValue
        var forEach: ForEach?
    }

    /// One reply of tool calls: a round of the conversation. The file calls the list `turns`
    /// (the format is kept); a turn is the whole exchange from a user message to the final text.
    struct CallRound: Sendable {
        var calls: [CallSpec]
    }

    struct Rule: Sendable {
        var name: String
        var pattern: String
        var groupNames: [String]
        /// Extra variables: true when their regex also matches the message (or, with `source`,
        /// the text of that variable, e.g. a tool's description from `tools`), else null.
        var flags: [(name: String, pattern: String, source: String?)]
        var rounds: [CallRound]
        var final: ScriptTemplate
    }

    public let name: String
    /// Pause between streamed chunks, so a person can watch the stream.
    public let delay: Double
    let rules: [Rule]
    let fallback: ScriptTemplate
    let noTools: ScriptTemplate
    public let json: JSONValue

    public init(json: JSONValue) throws(ScriptError) {
        guard let o = json.objectValue else { throw ScriptError(path: "", message: "a script must be a JSON object") }
        if let format = o["format"]?.stringValue, format != Self.formatName {
            throw ScriptError(path: "/format", message: "unsupported format \"\(format)\"; expected \"\(Self.formatName)\"")
        }
        self.json = json
        name = o["name"]?.stringValue ?? "script"
        delay = max(0, (o["delay_ms"]?.doubleValue ?? 0) / 1000)
        fallback = try ScriptTemplate(o["fallback"]?.stringValue ?? "I am a scripted model and no rule of my script matches that message.", path: "/fallback")
        noTools = try ScriptTemplate(o["no_tools"]?.stringValue ?? "tool_choice is \"none\", so I answer without calling tools: I cannot look that up.", path: "/no_tools")
        guard let rulesJSON = o["rules"]?.arrayValue else { throw ScriptError(path: "/rules", message: "a script needs a \"rules\" array") }
        var rules: [Rule] = []
        for (r, ruleJSON) in rulesJSON.enumerated() {
            let base = "/rules/\(r)"
            guard let ro = ruleJSON.objectValue, let pattern = ro["match"]?.stringValue else {
                throw ScriptError(path: base + "/match", message: "each rule needs a \"match\" regular expression")
            }
            do {
                _ = try NSRegularExpression(pattern: pattern)
            } catch {
                throw ScriptError(path: base + "/match", message: "invalid regular expression: \(pattern)")
            }
            var rounds: [CallRound] = []
            for (t, roundJSON) in (ro["turns"]?.arrayValue ?? []).enumerated() {
                guard let calls = roundJSON["calls"]?.arrayValue else {
                    throw ScriptError(path: "\(base)/turns/\(t)/calls", message: "each entry of \"turns\" needs a \"calls\" array")
                }
                var specs: [CallSpec] = []
                for (c, callJSON) in calls.enumerated() {
                    let cpath = "\(base)/turns/\(t)/calls/\(c)"
                    guard let callName = callJSON["name"]?.stringValue else {
                        throw ScriptError(path: cpath + "/name", message: "each call needs a \"name\"")
                    }
                    let arguments = callJSON["arguments"] ?? .object([:])
                    try Self.checkTemplates(in: arguments, path: cpath + "/arguments")
                    var forEach: ForEach?
                    if let fe = callJSON["for_each"] {
                        guard let source = fe["in"]?.stringValue else {
                            throw ScriptError(path: cpath + "/for_each/in", message: "for_each needs \"in\" (a path, or a template with \"split\")")
                        }
                        if let split = fe["split"]?.stringValue, (try? NSRegularExpression(pattern: split)) == nil {
                            throw ScriptError(path: cpath + "/for_each/split", message: "invalid regular expression: \(split)")
                        }
                        _ = try ScriptTemplate(source, path: cpath + "/for_each/in")
                        forEach = ForEach(source: source, split: fe["split"]?.stringValue, filter: fe["where"]?.stringValue)
                    }
                    specs.append(CallSpec(name: callName, arguments: arguments, forEach: forEach))
                }
                rounds.append(CallRound(calls: specs))
            }
            let final = try ScriptTemplate(ro["final"]?.stringValue ?? "", path: base + "/final")
            var flags: [(String, String, String?)] = []
            for (flag, flagJSON) in ro["flags"]?.objectValue ?? [:] {
                // A flag is a regex for the message, or {"in": PATH, "match": REGEX} for a variable's text.
                let source = flagJSON["in"]?.stringValue
                let p = flagJSON.stringValue ?? flagJSON["match"]?.stringValue
                let shapeOK = flagJSON.stringValue != nil || (source != nil && p != nil && flagJSON.objectValue?.count == 2)
                guard shapeOK, let p, (try? NSRegularExpression(pattern: p)) != nil else {
                    throw ScriptError(path: "\(base)/flags/\(flag)",
                                      message: "a flag must be a valid regular expression string, or {\"in\": PATH, \"match\": REGEX}")
                }
                flags.append((flag, p, source))
            }
            rules.append(Rule(name: ro["name"]?.stringValue ?? "rule \(r)", pattern: pattern,
                              groupNames: Self.groupNames(in: pattern), flags: flags, rounds: rounds, final: final))
        }
        self.rules = rules
    }

    private static func checkTemplates(in value: JSONValue, path: String) throws(ScriptError) {
        switch value {
        case .string(let s): _ = try ScriptTemplate(s, path: path)
        case .array(let a): for (i, v) in a.enumerated() { try checkTemplates(in: v, path: "\(path)/\(i)") }
        case .object(let o): for (k, v) in o { try checkTemplates(in: v, path: "\(path)/\(k)") }
        default: break
        }
    }

    /// Names of `(?<name>…)` groups, which NSRegularExpression does not list itself.
    private static func groupNames(in pattern: String) -> [String] {
        guard let finder = try? NSRegularExpression(pattern: #"\(\?<([A-Za-z][A-Za-z0-9]*)>"#) else { return [] }
        let ns = pattern as NSString
        return finder.matches(in: pattern, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
    }
}
