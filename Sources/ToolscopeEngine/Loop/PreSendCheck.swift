/// What toolscope checks before every request: the tools about to be sent, linted as
/// `toolscope lint` lints them on the session's wire (`ToolLinter`, with its schema and strict
/// rules), plus the rules that belong to the request rather than to one definition (a strict
/// tool sent with parallel tool calls on, a `tool_choice` naming a tool that is not sent).
///
/// Errors are what the server rejects or what makes a tool impossible to call correctly (BFCL's
/// `"type": "dict"`, a dotted name): front ends stop the send and show them, and the loop refuses
/// to send them unless the turn was started with `.sendAnyway`. Warnings go to the trace.
/// Paths point into the session file (`/tools/3/function/name`, `/settings/tool_choice`).
public struct PreSendCheck: Sendable, Hashable {
    /// What a turn does when the check finds errors.
    public enum Policy: String, Sendable, Hashable {
        /// Refuse to send: the turn ends with `.toolErrors` and the findings as its detail.
        case stopOnErrors
        /// The user chose to send regardless: errors are reported as trace warnings and sent.
        case sendAnyway
    }

    public var findings: [LintFinding]

    public var errors: [LintFinding] { findings.filter { $0.severity == .error } }
    public var warnings: [LintFinding] { findings.filter { $0.severity == .warning } }
    /// Whether a `.stopOnErrors` send is refused.
    public var blocks: Bool { findings.contains { $0.severity == .error } }

    /// Checks the enabled tools of `tools` (what a request sends) with `settings`, and
    /// `toolChoice` (the turn's current one, which a forced choice relaxes to auto).
    public init(tools: [SessionTool], settings: SessionSettings, toolChoice: ToolChoice? = nil) {
        let sent = tools.indices.filter { tools[$0].enabled }
        let api = settings.provider.api
        var findings = ToolLinter.lint(sent.map { tools[$0].definition }, api: api).map { finding -> LintFinding in
            var f = finding
            f.path = Self.sessionPath(finding.path, sentIndices: sent)
            return f
        }
        if api != .anthropic, settings.parallelToolCalls != false, !sent.isEmpty {
            for index in sent where tools[index].definition.isStrict {
                let parallel = settings.parallelToolCalls == true ? "parallel_tool_calls is on" : "parallel_tool_calls is not set (the API's default is on)"
                findings.append(LintFinding(path: "/tools/\(index)/function/strict", severity: .warning, message: """
                    \(tools[index].name) is strict, but \(parallel): strict mode is not compatible with parallel tool calls, \
                    so calls made in parallel may not follow the schema; set parallel_tool_calls to false (F4 in the workbench, \
                    --parallel-tool-calls false for run) when exact arguments matter
                    """, rule: "strict-parallel"))
            }
        }
        if case .function(let name) = toolChoice ?? settings.toolChoice, !sent.contains(where: { tools[$0].name == name }) {
            let names = sent.map { tools[$0].name }
            let listed = names.isEmpty ? "no tools are sent" : "the tools sent are \(names.joined(separator: ", "))"
            findings.append(LintFinding(path: "/settings/tool_choice", severity: .error,
                message: "tool_choice names the function \(JSONPrinter.quoted(name)), which is not sent (missing or disabled); \(listed)",
                rule: "tool-choice-unknown"))
        }
        self.findings = LintFinding.sorted(findings)
    }

    public init(session: Session) {
        self.init(tools: session.tools, settings: session.settings)
    }

    /// The checks made lately in this process, and what each was made from.
    private static let recent = Locked<[(tools: [SessionTool], settings: SessionSettings, toolChoice: ToolChoice, check: PreSendCheck)]>([])

    /// `PreSendCheck(tools:settings:toolChoice:)`, reused while its inputs are unchanged. Every
    /// request is checked, and an experiment sends the same tools from thousands of loops:
    /// comparing the inputs (arrays that share storage compare at once) is far cheaper than
    /// linting them again. Keeps the last few, for experiments with several variants.
    public static func reused(tools: [SessionTool], settings: SessionSettings, toolChoice: ToolChoice) -> PreSendCheck {
        let hit = recent.withLock { entries in
            entries.first { $0.toolChoice == toolChoice && $0.settings == settings && $0.tools == tools }?.check
        }
        if let hit { return hit }
        let check = PreSendCheck(tools: tools, settings: settings, toolChoice: toolChoice)
        recent.withLock { entries in
            entries.insert((tools, settings, toolChoice, check), at: 0)
            if entries.count > 8 { entries.removeLast() }
        }
        return check
    }

    /// One finding as front ends print it: `error: /tools/0/function/name: message [rule]`.
    public static func line(_ finding: LintFinding) -> String {
        let rule = finding.rule.isEmpty ? "" : " [\(finding.rule)]"
        return "\(finding.severity.rawValue): \(finding.path.isEmpty ? "/" : finding.path): \(finding.message)\(rule)"
    }

    /// The detail of a refused turn: how many errors, then one line each.
    public var refusal: String {
        let count = errors.count
        return "not sent: the tools have \(count) error\(count == 1 ? "" : "s") (fix them, or send anyway): "
            + errors.map(Self.line).joined(separator: "; ")
    }

    /// A lint path into the sent tools ("/2/function/…") as a path into the session's tools
    /// ("/tools/5/function/…"): disabled tools are not sent, so the indices differ.
    static func sessionPath(_ path: String, sentIndices: [Int]) -> String {
        var segments = JSONPointer.segments(path) ?? []
        guard let first = segments.first, let index = Int(first), index < sentIndices.count else {
            return "/tools" + path
        }
        segments[0] = String(sentIndices[index])
        return "/tools" + segments.map { "/" + JSONPointer.escape($0) }.joined()
    }
}
