/// The three panes that can hold keyboard focus, in Tab order.
public enum Pane: Int, CaseIterable, Hashable, Sendable {
    case conversation, trace, editor

    public var title: String {
        switch self {
        case .conversation: return "Conversation"
        case .trace: return "Trace"
        case .editor: return "Tools"
        }
    }

    public var next: Pane { Pane(rawValue: (rawValue + 1) % Pane.allCases.count)! }
    public var previous: Pane { Pane(rawValue: (rawValue + Pane.allCases.count - 1) % Pane.allCases.count)! }
}

/// What the loop is doing right now, as the status line names it.
public enum RunState: Hashable, Sendable {
    case idle
    case waitingForModel
    case streaming
    case runningTools(Int)
    case awaitingApproval
    case awaitingManualResult

    public var label: String {
        switch self {
        case .idle: return "idle"
        case .waitingForModel: return "waiting for model"
        case .streaming: return "streaming"
        case .runningTools(let n): return "running \(n) tool\(n == 1 ? "" : "s")"
        case .awaitingApproval: return "awaiting approval"
        case .awaitingManualResult: return "awaiting manual result"
        }
    }

    public var isBusy: Bool { self != .idle }
}
