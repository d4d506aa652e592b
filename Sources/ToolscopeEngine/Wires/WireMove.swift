/// What moving a conversation to another wire keeps and what it loses.
///
/// The engine's messages carry what every wire can express (text, tool calls, tool results);
/// a turn a non-chat wire produced also keeps its native items. Moving to another wire converts
/// the messages and drops the native items — so everything in them that the messages do not
/// also carry is lost, and is named here item by item before anything is sent or saved.
public enum WireMove {
    /// One thing the target wire cannot carry.
    public struct Loss: Sendable, Hashable, CustomStringConvertible {
        /// Index of the message in the conversation.
        public var messageIndex: Int
        public var what: String

        public var description: String { "message \(messageIndex): \(what)" }
    }

    /// Everything lost when `messages` are sent or saved on `target`; empty when nothing is.
    public static func losses(_ messages: [Message], to target: WireAPI) -> [Loss] {
        var out: [Loss] = []
        for (index, message) in messages.enumerated() {
            if let native = message.native, native.wire != target {
                for item in native.items {
                    if let what = lost(item, from: native.wire) { out.append(Loss(messageIndex: index, what: what)) }
                }
            }
            if target != .chat, let name = message.name, message.role == .user || message.role == .assistant {
                out.append(Loss(messageIndex: index, what: "the participant name \"\(name)\" (only Chat Completions has message names)"))
            }
        }
        return out
    }

    /// The messages as the target wire will see them: native items of other wires removed (their
    /// representable part already lives in the message), everything else unchanged.
    public static func moved(_ messages: [Message], to target: WireAPI) -> [Message] {
        messages.map { message in
            guard let native = message.native, native.wire != target else { return message }
            var copy = message
            copy.native = nil
            return copy
        }
    }

    /// What of one native item the messages do not carry, or nil when nothing is lost.
    static func lost(_ item: JSONValue, from wire: WireAPI) -> String? {
        let type = item["type"]?.stringValue ?? "(untyped)"
        switch wire {
        case .chat:
            return nil
        case .responses:
            switch type {
            case "function_call":
                return nil
            case "message":
                let parts = item["content"]?.arrayValue ?? []
                let annotated = parts.filter { !($0["annotations"]?.arrayValue ?? []).isEmpty }.count
                return annotated > 0 ? "the annotations (citations) of \(annotated) output text part(s)" : nil
            case "reasoning":
                let id = item["id"]?.stringValue.map { " \($0)" } ?? ""
                var parts: [String] = []
                if let summary = item["summary"]?.arrayValue, !summary.isEmpty { parts.append("its summary") }
                if item["encrypted_content"]?.stringValue != nil { parts.append("its encrypted content") }
                let detail = parts.isEmpty ? "" : " with " + parts.joined(separator: " and ")
                return "the reasoning item\(id)\(detail) (another wire cannot send a Responses reasoning item back)"
            default:
                return "a \(type) item (a Responses built-in tool's call or output; only function calls move)"
            }
        case .anthropic:
            switch type {
            case "text":
                let citations = item["citations"]?.arrayValue ?? []
                return citations.isEmpty ? nil : "\(citations.count) citation(s) on a text block"
            case "tool_use":
                return nil
            case "thinking":
                return "a thinking block and its signature (another wire cannot send Anthropic thinking back)"
            case "redacted_thinking":
                return "a redacted thinking block"
            default:
                return "a \(type) block (an Anthropic server tool's block; only tool_use and text move)"
            }
        }
    }
}
