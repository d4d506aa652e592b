/// Tool calls as they stream, put together from their fragments: the one assembler of streamed
/// calls. Every wire's stream reader builds its calls' arguments with it (Chat Completions keys
/// them by the call's `index`, Responses and Anthropic by the order the call items or `tool_use`
/// blocks started), and the workbench shows the same calls growing (conversation and trace)
/// from the `.toolCallDelta` events it returns.
///
/// Fragments are keyed by the call's `index`. `id`, `type` and `name` are set once, by the first
/// fragment that carries them (some servers repeat them on every fragment); only `arguments` are
/// concatenated.
public struct StreamedToolCalls: Sendable, Hashable {
    public struct Call: Sendable, Hashable {
        public var index: Int
        public var id: String?
        public var type: String?
        public var name: String?
        public var arguments = ""
    }

    private var calls: [Int: Call] = [:]

    public init() {}

    public var isEmpty: Bool { calls.isEmpty }
    public var count: Int { calls.count }

    /// The call at `index` as it stands, or nil before its first fragment.
    public subscript(index: Int) -> Call? { calls[index] }

    /// The calls in index order.
    public var ordered: [Call] { calls.keys.sorted().map { calls[$0]! } }

    /// Adds one fragment and returns the delta event it makes, or nil when it adds nothing
    /// (an id or name seen before, no argument text).
    @discardableResult
    public mutating func add(index: Int, id: String?, type: String? = nil, name: String?, arguments fragment: String) -> TraceEvent.Kind? {
        // Taken out, not copied: a copy would share the arguments' buffer with the dictionary,
        // and the `+=` below would then copy all the text so far on every fragment (quadratic).
        var call = calls.removeValue(forKey: index) ?? Call(index: index)
        var newID: String?
        var newName: String?
        if call.id == nil, let id, !id.isEmpty {
            call.id = id
            newID = id
        }
        if call.type == nil, let type { call.type = type }
        if call.name == nil, let name, !name.isEmpty {
            call.name = name
            newName = name
        }
        call.arguments += fragment
        calls[index] = call
        guard newID != nil || newName != nil || !fragment.isEmpty else { return nil }
        return .toolCallDelta(index: index, id: newID, name: newName, arguments: fragment)
    }

    /// Adds a `.toolCallDelta` event's fragment; other events change nothing.
    public mutating func add(_ event: TraceEvent.Kind) {
        guard case .toolCallDelta(let index, let id, let name, let arguments) = event else { return }
        add(index: index, id: id, name: name, arguments: arguments)
    }

    /// The finished calls. A call that came without an id is named `toolscope_call_INDEX`, and
    /// that (or a missing function name) is said in `warnings`.
    public func toolCalls(warnings: inout [String]) -> [ToolCall] {
        ordered.map { call in
            let id: String
            if let given = call.id {
                id = given
            } else {
                id = "toolscope_call_\(call.index)"
                warnings.append("tool call \(call.index) came without an id; toolscope named it \(id)")
            }
            if call.name == nil { warnings.append("tool call \(call.index) came without a function name") }
            return ToolCall(id: id, name: call.name ?? "", arguments: call.arguments, type: call.type ?? "function")
        }
    }
}
