/// Why a session file could not be opened. It always names the file and, where the text is
/// at fault, the line and column, so the user can fix it; the file itself is never touched.
public struct SessionLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case unreadable(String)
        case syntax(JSONParseError)
        /// Valid JSON, wrong shape: the JSON pointer of the problem and (when found) its position.
        case shape(SchemaShapeError, line: Int?, column: Int?)
        case unsupportedFormat(found: String?)
        /// The document is a script for the scripted model (`toolscope.script/…`, or `rules`
        /// and `turns` keys): the two live side by side in `sessions/`, and "unknown format"
        /// did not say how to use the file that was meant.
        case script
    }

    public var path: String?
    public var reason: Reason

    public init(path: String?, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        let file = path ?? "session"
        switch reason {
        case .unreadable(let why):
            return "\(file): cannot read: \(why)"
        case .syntax(let e):
            return "\(file):\(e.line):\(e.column): invalid JSON: \(e.message)"
        case .shape(let e, let line, let column):
            let at = line.map { ":\($0):\(column ?? 1)" } ?? ""
            return "\(file)\(at): \(e.path.isEmpty ? "" : e.path + ": ")\(e.message)"
        case .script:
            return "\(file): this is a script for the scripted model, not a session: use `toolscope run --script \(file) --prompt \"…\"` "
                + "(add --session SESSION for its tools); see docs/script-format.md"
        case .unsupportedFormat(let found):
            guard let found else {
                return "\(file): not a toolscope session (no \"format\": \"\(Session.formatName)\" key)"
            }
            if found.hasPrefix("toolscope.session/") {
                return "\(file): written by a newer toolscope (format \(found)); this version reads \(Session.formatName). Upgrade toolscope to open it; the file was not changed."
            }
            return "\(file): unknown format \"\(found)\"; expected \"\(Session.formatName)\""
        }
    }
}

/// Why a session could not be written. The previous file, if any, is left intact.
public struct SessionSaveError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "\(path): cannot save: \(message)" }
}
