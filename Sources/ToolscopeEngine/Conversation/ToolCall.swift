import OrderedCollections

/// One function call requested by an assistant message, as OpenAI sends it.
/// `arguments` is the raw JSON *string* the model produced: it may be invalid JSON.
public struct ToolCall: Sendable, Hashable, Identifiable {
    public var id: String
    public var type: String
    public var name: String
    public var arguments: String

    public init(id: String, name: String, arguments: String, type: String = "function") {
        self.id = id
        self.type = type
        self.name = name
        self.arguments = arguments
    }

    public var json: JSONValue {
        ["id": .string(id), "type": .string(type), "function": ["name": .string(name), "arguments": .string(arguments)]]
    }

    public init(json: JSONValue, path: String = "") throws(SchemaShapeError) {
        guard let o = json.objectValue else { throw SchemaShapeError(path: path, message: "a tool call must be an object") }
        guard let id = o["id"]?.stringValue else { throw SchemaShapeError(path: path + "/id", message: "a tool call needs a string \"id\"") }
        guard let fn = o["function"]?.objectValue, let name = fn["name"]?.stringValue else {
            throw SchemaShapeError(path: path + "/function", message: "a tool call needs \"function\": {\"name\", \"arguments\"}")
        }
        let arguments: String
        switch fn["arguments"] {
        case .string(let s)?: arguments = s
        case nil, .null?: arguments = ""
        case let other?: arguments = other.compact  // some servers send an object; keep it as text
        }
        self.init(id: id, name: name, arguments: arguments, type: o["type"]?.stringValue ?? "function")
    }
}

/// A document that is valid JSON but not the shape toolscope expects, with the JSON pointer of the problem.
public struct SchemaShapeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
