import ToolscopeEngine

/// Stepping through a recorded session one round at a time.
///
/// Step 0 shows the messages before the first assistant message; step k adds the k-th assistant
/// message and the tool results that answer it. Re-executed results are compared with the
/// recording as each step is reached.
public struct ReplayState: Sendable {
    public var recording: Session
    public var recordingPath: String?
    /// `boundaries[k]` is how many messages step k shows.
    public var boundaries: [Int]
    public var step: Int
    /// Comparison of re-executed results with the recording, by tool_call_id.
    public var differences: [String: ReexecutionComparison] = [:]
    /// Steps whose calls were already re-executed.
    public var compared: Set<Int> = []

    public init(recording: Session, path: String?) {
        self.recording = recording
        self.recordingPath = path
        boundaries = ReplayState.boundaries(of: recording.messages)
        step = 0
    }

    public var lastStep: Int { boundaries.count - 1 }
    public var visibleCount: Int { boundaries[min(max(0, step), lastStep)] }

    /// The assistant message that step `k` (k ≥ 1) adds, with the tool results recorded for it.
    public func round(at k: Int) -> (calls: [ToolCall], recorded: [String: String])? {
        guard k >= 1, k <= lastStep else { return nil }
        let messages = recording.messages
        let start = boundaries[k - 1]
        let end = boundaries[k]
        guard let assistant = messages[start..<end].first(where: { $0.role == .assistant }) else { return nil }
        var recorded: [String: String] = [:]
        for m in messages[start..<end] where m.role == .tool {
            if let id = m.toolCallID { recorded[id] = m.displayText }
        }
        return (assistant.toolCalls, recorded)
    }

    static func boundaries(of messages: [Message]) -> [Int] {
        var result: [Int] = []
        var i = 0
        while i < messages.count, messages[i].role != .assistant { i += 1 }
        result.append(i)
        while i < messages.count {
            i += 1
            while i < messages.count, messages[i].role == .tool { i += 1 }
            // User messages between rounds belong to the next round's step.
            while i < messages.count, messages[i].role != .assistant { i += 1 }
            if i < messages.count, messages[i].role == .assistant {
                // Step ends before the next assistant message; count the user messages with it.
                result.append(i)
            } else {
                result.append(messages.count)
            }
        }
        return result
    }
}
