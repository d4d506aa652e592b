/// One problem the linter found in a tool definition, located by JSON pointer so an editor
/// can jump to it.
public struct LintFinding: Sendable, Hashable, CustomStringConvertible {
    /// Errors are what a provider rejects with a 400 (or what makes the tool unusable);
    /// warnings are what makes a model call it badly.
    public enum Severity: String, Sendable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

        private var rank: Int { self == .warning ? 0 : 1 }
    }

    /// JSON pointer into the linted document, e.g. "/0/function/parameters/properties/city".
    public var path: String
    public var severity: Severity
    /// What is wrong and how to fix it.
    public var message: String
    /// A stable identifier of the rule ("name-pattern", "strict-additional-properties", …),
    /// listed in docs/lint.md, so tools and tests can filter without parsing messages.
    public var rule: String

    public init(path: String, severity: Severity, message: String, rule: String = "") {
        self.path = path
        self.severity = severity
        self.message = message
        self.rule = rule
    }

    /// "path: severity: message" ("severity: message" for the document root).
    public var description: String {
        path.isEmpty ? "\(severity.rawValue): \(message)" : "\(path): \(severity.rawValue): \(message)"
    }

    /// The order findings are shown in: by path (segment by segment, array indices as
    /// numbers, parents first), then errors before warnings, then by message.
    public static func sorted(_ findings: [LintFinding]) -> [LintFinding] {
        findings.sorted { a, b in
            if a.path != b.path { return JSONPointer.precedes(a.path, b.path) }
            if a.severity != b.severity { return a.severity > b.severity }
            return a.message < b.message
        }
    }
}
