import ToolscopeEngine

/// The TUI's side of call marks: the engine's `CallMark` (one symbol and word per status, the
/// same the headless printer uses) in a colour, and where to learn what happened to a call.
enum CallMarkStyle {
    static func role(_ status: ToolOutcome.Status) -> ThemeRole {
        switch status {
        case .ok: return .success
        case .typed: return .accent
        case .error, .timedOut: return .error
        case .cancelled, .disabled, .denied: return .warning
        }
    }

    static func style(_ status: ToolOutcome.Status) -> Style { Style(role(status), bold: status != .ok) }

    static let editedStyle = Style(.accent, bold: true)

    /// What happened to the call a tool message answers. The trace knows (live, or rebuilt from
    /// a saved trace); without it the session's `call_edits` (`edit`), then the content, say what they can.
    static func status(callID: String?, content: String, outcomes: CallOutcomes, edit: (String) -> CallEdit?) -> ToolOutcome.Status {
        if let callID {
            if let status = outcomes.status(of: callID) { return status }
            if let edit = edit(callID) {
                if edit.resultTypedByUser { return .typed }
                if edit.skippedByUser { return .denied }
            }
        }
        return content.hasPrefix("{\"error\"") ? .error : .ok
    }
}
