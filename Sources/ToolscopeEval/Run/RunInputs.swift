import Foundation
import ToolscopeEngine

/// Everything one run sends to the model and the tools: the conversation before the prompt, the
/// prompt, the tools (definitions and bindings, per-case mocks applied), the settings (model,
/// provider, tool_choice, parallel_tool_calls, strict tools, temperature) and the repeat index.
///
/// Its `hash` is what resume compares: a run whose hash matches a finished run in the database
/// is not made again. Expectations are deliberately not inputs (editing them re-scores stored
/// runs, it does not re-run them), and the repeat index is, so repeat 2 is never satisfied by
/// repeat 1's answer: caching cannot make repeats identical.
public struct RunInputs: Sendable, Hashable {
    /// Messages before the prompt (the system prompt first, when the variant or case gives one).
    public var history: [Message]
    /// The user message that starts the turn.
    public var prompt: String
    public var tools: [SessionTool]
    public var settings: SessionSettings
    public var repeatIndex: Int

    public init(history: [Message], prompt: String, tools: [SessionTool], settings: SessionSettings, repeatIndex: Int) {
        self.history = history
        self.prompt = prompt
        self.tools = tools
        self.settings = settings
        self.repeatIndex = repeatIndex
    }

    /// The inputs as one canonical JSON document (object keys sorted, so key order in the
    /// suite or tools file does not change the hash). API keys are never part of it: settings
    /// hold only the *name* of the key's variable.
    public var canonicalJSON: JSONValue {
        .object([
            "history": .array(history.map(\.json)),
            "prompt": .string(prompt),
            "tools": .array(tools.map { ["definition": $0.definition.raw, "binding": $0.binding.json, "enabled": .bool($0.enabled)] }),
            "settings": settings.json,
            "repeat": .number(Double(repeatIndex)),
        ]).sortedKeys
    }

    /// 128 bits of two FNV-1a hashes (different offset bases) of the canonical JSON, as 32 hex
    /// digits. Not a cryptographic hash: it only has to tell one run's inputs from another's
    /// in one database, where an accidental collision (≈2⁻¹²⁸) is not a concern.
    public var hash: String {
        let bytes = Array(canonicalJSON.compact.utf8)
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x6c62_272e_07bb_0142
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = b ^ (b >> 29)
        }
        return String(format: "%016llx%016llx", a, b)
    }
}

extension JSONValue {
    /// The same value with every object's keys in ascending order, recursively.
    var sortedKeys: JSONValue {
        switch self {
        case .object(let o):
            var sorted = JSONObject()
            for key in o.keys.sorted() { sorted[key] = o[key]!.sortedKeys }
            return .object(sorted)
        case .array(let a): return .array(a.map(\.sortedKeys))
        default: return self
        }
    }
}
