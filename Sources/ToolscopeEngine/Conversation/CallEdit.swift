/// What the user changed about one tool call in approval mode. The conversation's messages hold
/// what the model was then shown (the arguments that ran, the result that was sent); this
/// records the rest, so a saved session says what really happened and a replay can repeat it.
public struct CallEdit: Sendable, Hashable {
    /// The arguments as the model sent them, when the user edited them; `nil` otherwise.
    public var originalArguments: String?
    /// The arguments that ran instead (also in the assistant message's tool call); `nil` when not edited.
    public var arguments: String?
    /// The user typed the result: the call did not run, its tool message is what they wrote.
    public var resultTypedByUser: Bool
    /// The user skipped the call: it did not run, its tool message is an error saying so.
    public var skippedByUser: Bool

    public init(originalArguments: String? = nil, arguments: String? = nil, resultTypedByUser: Bool = false, skippedByUser: Bool = false) {
        self.originalArguments = originalArguments
        self.arguments = arguments
        self.resultTypedByUser = resultTypedByUser
        self.skippedByUser = skippedByUser
    }

    /// True when the arguments that ran differ from the model's.
    public var argumentsEdited: Bool { originalArguments != nil && arguments != nil }

    /// `{"original_arguments", "arguments", "result_typed_by_user", "skipped_by_user"}`, only the keys that apply.
    public var json: JSONValue {
        var o = JSONObject()
        if let originalArguments { o["original_arguments"] = .string(originalArguments) }
        if let arguments { o["arguments"] = .string(arguments) }
        if resultTypedByUser { o["result_typed_by_user"] = true }
        if skippedByUser { o["skipped_by_user"] = true }
        return .object(o)
    }

    static let keys = ["original_arguments", "arguments", "result_typed_by_user", "skipped_by_user"]

    /// Reads one entry of `call_edits`; `path` is its JSON pointer, for messages that name line and column.
    public init(json: JSONValue, path: String) throws(SchemaShapeError) {
        guard let o = json.objectValue else { throw SchemaShapeError(path: path, message: "a call edit must be an object") }
        for key in o.keys where !Self.keys.contains(key) {
            throw SchemaShapeError(path: path + "/" + key, message: "unknown key \"\(key)\" in a call edit (known: \(Self.keys.joined(separator: ", ")))")
        }
        func string(_ key: String) throws(SchemaShapeError) -> String? {
            guard let v = o[key] else { return nil }
            guard let s = v.stringValue else { throw SchemaShapeError(path: path + "/" + key, message: "\"\(key)\" must be a string") }
            return s
        }
        func flag(_ key: String) throws(SchemaShapeError) -> Bool {
            guard let v = o[key] else { return false }
            guard let b = v.boolValue else { throw SchemaShapeError(path: path + "/" + key, message: "\"\(key)\" must be true or false") }
            return b
        }
        originalArguments = try string("original_arguments")
        arguments = try string("arguments")
        resultTypedByUser = try flag("result_typed_by_user")
        skippedByUser = try flag("skipped_by_user")
        if (originalArguments == nil) != (arguments == nil) {
            let missing = originalArguments == nil ? "original_arguments" : "arguments"
            throw SchemaShapeError(path: path, message: "an edit of the arguments needs both \"original_arguments\" and \"arguments\"; \"\(missing)\" is missing")
        }
        if resultTypedByUser && skippedByUser {
            throw SchemaShapeError(path: path, message: "a call cannot be both skipped and answered by the user")
        }
    }
}
