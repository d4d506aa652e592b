import ToolscopeEngine

/// A file of cases: what to ask, with which tools, and what must happen.
public struct Suite: Sendable, Hashable {
    public static let formatName = "toolscope.suite/1"

    public var name: String?
    /// The file it was read from, for messages and for putting results beside it.
    public var path: String?
    /// Tool definitions every case gets unless it names a subset or brings its own.
    public var tools: [ToolDefinition]
    public var cases: [Case]

    public init(name: String? = nil, path: String? = nil, tools: [ToolDefinition] = [], cases: [Case]) {
        self.name = name
        self.path = path
        self.tools = tools
        self.cases = cases
    }

    public func `case`(id: String) -> Case? { cases.first { $0.id == id } }
}

/// One case: a prompt (or messages), optionally a subset of the tools or tools of its own,
/// mocked tool results, and the expectation. Suite defaults are already applied.
public struct Case: Sendable, Hashable {
    public var id: String
    /// The conversation to send: a system message (from the case or the suite's defaults)
    /// when there is one, then the prompt as a user message or the case's own messages.
    public var messages: [Message]
    /// Names of the suite's (or the variant's) tools this case offers; nil offers them all.
    public var toolNames: [String]?
    /// Definitions the case brings itself (an imported BFCL case has its own functions).
    public var ownTools: [ToolDefinition]
    /// Results to return instead of running a tool, by tool name: a string is sent as is,
    /// any other JSON value as compact JSON.
    public var mocks: OrderedDictionary<String, JSONValue>
    public var expectation: Expectation
    /// A group for per-category accuracy (BFCL's category; anything the author likes).
    public var category: String?
    /// Where the case is written: "suite.json:12".
    public var location: String?

    public init(id: String, messages: [Message], toolNames: [String]? = nil, ownTools: [ToolDefinition] = [],
                mocks: OrderedDictionary<String, JSONValue> = [:], expectation: Expectation, category: String? = nil, location: String? = nil) {
        self.id = id
        self.messages = messages
        self.toolNames = toolNames
        self.ownTools = ownTools
        self.mocks = mocks
        self.expectation = expectation
        self.category = category
        self.location = location
    }

    /// The tools this case offers, given the tools the suite or variant provides: its own
    /// tools, plus the named subset (or all of `available` when it names none and has none).
    public func tools(from available: [ToolDefinition]) -> [ToolDefinition] {
        if let toolNames {
            return ownTools + toolNames.compactMap { name in available.first { $0.name == name } }
        }
        return ownTools.isEmpty ? available : ownTools
    }
}

/// Why a suite (or an outputs file) could not be read, with the place: file:line:column.
public struct SuiteError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var at = file
        if let line { at += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return "\(at): \(message)"
    }
}
