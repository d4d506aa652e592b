import OrderedCollections

extension Session {
    /// The `call_edits` object, or `nil` when nothing was edited (the key is then left out).
    var callEditsJSON: JSONValue? {
        guard !callEdits.isEmpty else { return nil }
        var o = JSONObject()
        for (id, edit) in callEdits { o[id] = edit.json }
        return .object(o)
    }

    /// Reads `call_edits`: an object keyed by tool_call_id. Absent means no edits.
    static func callEdits(from json: JSONValue?) throws(SchemaShapeError) -> OrderedDictionary<String, CallEdit> {
        guard let json else { return [:] }
        guard let o = json.objectValue else {
            throw SchemaShapeError(path: "/call_edits", message: "call_edits must be an object keyed by tool_call_id")
        }
        var edits = OrderedDictionary<String, CallEdit>()
        for (id, value) in o {
            edits[id] = try CallEdit(json: value, path: "/call_edits/" + JSONPointer.escape(id))
        }
        return edits
    }
}

extension Session {
    /// Records what the user did to a call. An argument edit also rewrites the tool call in the
    /// latest assistant message that holds it, because the messages are what the model sees next
    /// round and must pair the result with the arguments that produced it.
    public mutating func record(_ edit: CallEdit, callID: String) {
        var merged = callEdits[callID] ?? CallEdit()
        if let arguments = edit.arguments, let original = edit.originalArguments {
            merged.originalArguments = merged.originalArguments ?? original
            merged.arguments = arguments
            if let m = messages.lastIndex(where: { $0.role == .assistant && $0.toolCalls.contains { $0.id == callID } }),
               let c = messages[m].toolCalls.firstIndex(where: { $0.id == callID }) {
                messages[m].toolCalls[c].arguments = arguments
            }
        }
        merged.resultTypedByUser = merged.resultTypedByUser || edit.resultTypedByUser
        merged.skippedByUser = merged.skippedByUser || edit.skippedByUser
        callEdits[callID] = merged
    }
}
