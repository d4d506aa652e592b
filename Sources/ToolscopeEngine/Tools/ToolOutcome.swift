import OrderedCollections

/// The result of one tool call: `content` is exactly what goes into the tool message.
/// Errors are results too (JSON `{"error": …}`), so the model can read them and recover.
public struct ToolOutcome: Sendable, Hashable {
    public var content: String
    /// What happened to the call. The model only ever sees `content`; the status is for people
    /// (trace marks, the conversation) and for replays, and it is saved with the trace.
    public var status: Status
    /// What the tool printed, warned or logged: shown in the trace, never sent to the model.
    public var logs: [String]
    /// Extra detail for the trace (a traceback, the exit status, the MCP content blocks…).
    public var details: JSONValue?

    /// What happened to one call. Raw values are the `status` field of a saved `call_finished` event.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// The tool ran and returned a result.
        case ok
        /// The tool failed, or the call could not run (unknown name, invalid arguments, a binding
        /// that does not exist or cannot start).
        case error
        /// The call passed its timeout and was abandoned.
        case timedOut = "timed_out"
        /// The user cancelled the turn before or while the call ran.
        case cancelled
        /// The tool's binding is switched off here: it would run code from an untrusted session.
        case disabled
        /// Someone decided not to run it: the user skipped it in approval mode, or a guard refused a repeat.
        case denied
        /// Not run: the user typed the result in approval mode.
        case typed

        /// True for every status whose content is an error the model should read as one.
        public var isError: Bool { self != .ok && self != .typed }

        /// The mark that says, in one symbol and one word, what happened to the call.
        public var mark: CallMark {
            switch self {
            case .ok: return CallMark(symbol: "✓", word: "ok")
            case .error: return CallMark(symbol: "✗", word: "error")
            case .timedOut: return CallMark(symbol: "⏱", word: "timed out")
            case .cancelled: return CallMark(symbol: "■", word: "cancelled")
            case .disabled: return CallMark(symbol: "⊘", word: "disabled")
            case .denied: return CallMark(symbol: "⊖", word: "denied")
            case .typed: return CallMark(symbol: "✎", word: "typed by you")
            }
        }
    }

    public init(content: String, isError: Bool = false, logs: [String] = [], details: JSONValue? = nil) {
        self.init(content: content, status: isError ? .error : .ok, logs: logs, details: details)
    }

    public init(content: String, status: Status, logs: [String] = [], details: JSONValue? = nil) {
        self.content = content
        self.status = status
        self.logs = logs
        self.details = details
    }

    /// Whether `content` is an error. Setting it keeps a more precise failure status (timed out,
    /// disabled…) and otherwise switches between `ok` and `error`.
    public var isError: Bool {
        get { status.isError }
        set {
            guard newValue != status.isError else { return }
            status = newValue ? .error : .ok
        }
    }

    /// A successful result: strings are sent as they are, other JSON compact.
    public static func success(_ value: JSONValue, logs: [String] = []) -> ToolOutcome {
        if case .string(let s) = value { return ToolOutcome(content: s, logs: logs) }
        return ToolOutcome(content: value.compact, logs: logs)
    }

    /// An error result: `{"error": message, …extra}` as compact JSON, with a failure `status`.
    public static func error(_ message: String, extra: JSONObject = [:], status: Status = .error, logs: [String] = [],
                             details: JSONValue? = nil) -> ToolOutcome {
        var o: JSONObject = ["error": .string(message)]
        for (k, v) in extra { o[k] = v }
        return ToolOutcome(content: JSONValue.object(o).compact, status: status.isError ? status : .error, logs: logs, details: details)
    }

    /// A call the user skipped in approval mode: it did not run. `details` says so, which is how a
    /// session kept from the loop's events (`Session.apply`) records the skip.
    public static var skippedByUser: ToolOutcome {
        .error("The user skipped this call in approval mode; it was not run.", status: .denied, details: ["skipped_by_user": true])
    }

    public var wasSkippedByUser: Bool { details?["skipped_by_user"]?.boolValue == true }
}

/// A call's mark as every front end shows it (trace pane, conversation, headless printer), so
/// they never disagree about what happened.
public struct CallMark: Sendable, Hashable {
    public var symbol: String
    public var word: String

    /// Shown in addition to the result's mark when the user edited the arguments before the call ran.
    public static let edited = CallMark(symbol: "✎", word: "edited by you")

    /// "✓ ok", "⏱ timed out"…
    public var text: String { symbol + " " + word }
}
