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
        let f = try JSONFields(json, path: path, what: "a tool call")
        let id = try f.requiredString("id", owner: "a tool call")
        let fnPath = f.pointer("function")
        guard let fnValue = f.value("function") else {
            throw SchemaShapeError(path: path, message: "a tool call needs \"function\": {\"name\", \"arguments\"}")
        }
        let fn = try JSONFields(fnValue, path: fnPath, what: "function")
        let name = try fn.requiredString("name", owner: "a tool call's function")
        let arguments: String
        switch fn.object["arguments"] {
        case .string(let s)?: arguments = s
        case nil, .null?: arguments = ""
        case let other?: arguments = other.compact  // some servers send an object; keep it as text
        }
        self.init(id: id, name: name, arguments: arguments, type: try f.string("type") ?? "function")
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
