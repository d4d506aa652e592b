import ToolscopeEngine

/// The schema editor: which tool is selected, its JSON being edited, and what is wrong with it.
///
/// Each tool keeps its own draft until applied, so moving between tools loses nothing. The
/// analysis (syntax errors, lint findings, token estimate) is recomputed after every edit.
public struct EditorState: Sendable {
    public var selected = 0
    /// Keys go to the tool list (true) or to the text (false).
    public var listFocused = true
    public var drafts: [Int: TextBuffer] = [:]
    public var buffer = TextBuffer(text: "")
    public var scrollTop = 0
    public var scrollLeft = 0
    public var analysis = Analysis()
    /// The find bar's last search in the text (Ctrl-F): its matches are marked while drawn.
    public var search: TextSearch?

    public init() {}

    /// Problems and numbers for the current text.
    public struct Analysis: Sendable {
        public var parsed: JSONValue?
        public var diagnostics: [EditorDiagnostic] = []
        /// Lint findings with the position they point at (when the pointer resolves).
        public var lint: [(finding: LintFinding, position: TextPosition?)] = []
        public var tokenEstimate: Int?
        /// The text is tools in another dialect (Anthropic, BFCL, Gemini, MCP, bare functions)
        /// or several tools at once: F5 offers their OpenAI form as a diff instead of applying.
        public var conversion: ToolDialectConversion?

        /// The first thing that stops Apply, as a sentence with line and column.
        public var blockingProblem: String? {
            if conversion != nil { return nil }
            if let d = diagnostics.first(where: { $0.severity == .error }) {
                return "line \(d.line + 1), column \(d.column + 1): \(d.message)"
            }
            if let l = lint.first(where: { $0.finding.severity == .error }) {
                let at = l.position.map { "line \($0.line + 1), column \($0.column + 1): " } ?? ""
                return at + l.finding.message
            }
            return nil
        }
    }

    /// Analyses `text`: JSON syntax first; when it parses, the tool linter (for the wire the
    /// session speaks, as `toolscope lint` does: on Responses it adds `responses-strict`) and the
    /// token estimate.
    public static func analyse(_ text: String, api: WireAPI) -> Analysis {
        var a = Analysis()
        let syntax = JSONDiagnostics.syntax(of: text)
        a.diagnostics = syntax.diagnostics
        guard let value = syntax.value else { return a }
        a.parsed = value
        if let conversion = ToolDialect.convert(value), !conversion.tools.isEmpty,
           conversion.dialect != .openAI && conversion.dialect != .bareFunctions || conversion.tools.count > 1 || value.arrayValue != nil {
            a.conversion = conversion
        }
        let definition = ToolDefinition(raw: ToolDefinition.normalized(value))
        a.lint = ToolLinter.lint([definition], api: api).map { finding in
            (finding, JSONDiagnostics.position(ofPointer: EditorState.localPointer(finding.path), in: text))
        }
        a.tokenEstimate = TokenEstimator.estimate(definition)
        return a
    }

    /// Lint paths point into the list of tools ("/0/function/name"); the editor holds one tool.
    static func localPointer(_ path: String) -> String {
        guard path.hasPrefix("/") else { return path }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count >= 2, Int(parts[1]) != nil {
            return parts.count == 2 ? "" : "/" + parts[2...].joined(separator: "/")
        }
        return path
    }
}
