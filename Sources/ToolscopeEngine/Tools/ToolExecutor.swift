import OrderedCollections

/// One call handed to a tool executor, already parsed and validated against the schema.
public struct ToolInvocation: Sendable, Hashable {
    public var call: ToolCall
    /// The parsed arguments (an object when the schema asks for one).
    public var arguments: JSONValue
    /// The tool's definition, for executors that need the schema.
    public var definition: ToolDefinition?
    /// Seconds the call may take; the dispatcher enforces it, the executor may use it to kill work early.
    public var timeout: Double

    public init(call: ToolCall, arguments: JSONValue, definition: ToolDefinition?, timeout: Double) {
        self.call = call
        self.arguments = arguments
        self.definition = definition
        self.timeout = timeout
    }
}

/// Runs the calls bound to one tool. Called on the dispatcher's concurrent queue; it may block
/// that thread or finish asynchronously, but must call `completion` once. When `cancellation`
/// fires (user cancel or timeout) it should stop its work; a late completion is ignored.
public protocol ToolExecutor: Sendable {
    /// True when `execute` may block its thread (pipes, processes, sleeps, a person). The
    /// dispatcher gives such calls a thread of their own: libdispatch on Linux caps and throttles
    /// its worker pool on a busy machine, which would quietly serialise "parallel" blocking calls.
    var mayBlock: Bool { get }

    func execute(_ invocation: ToolInvocation, cancellation: CancellationToken,
                 completion: @escaping @Sendable (ToolOutcome) -> Void)
}

extension ToolExecutor {
    /// Assume the worst: an executor that does not say otherwise gets its own thread.
    public var mayBlock: Bool { true }
}

/// Builds executors for `external` bindings (python, command, mcp); supplied by the
/// ToolscopeExternalTools module so the engine itself never spawns a process.
public protocol ExternalToolFactory: Sendable {
    /// Binding kinds this factory handles ("python", "command", "mcp").
    var kinds: Set<String> { get }
    /// An executor for `tool`, or an error sentence when the binding is misconfigured.
    func makeExecutor(for tool: SessionTool, kind: String, config: JSONObject, session: SessionContext) -> Result<any ToolExecutor, ToolBindingError>
}

/// What an external factory may need to know about the session that binds the tool.
public struct SessionContext: Sendable, Hashable {
    /// Directory of the session file (relative module paths resolve against it); cwd when unsaved.
    public var baseDirectory: String
    /// MCP servers the session configures, `{"NAME": {"command","args","env"}}`.
    public var mcpServers: JSONObject

    public init(baseDirectory: String, mcpServers: JSONObject = [:]) {
        self.baseDirectory = baseDirectory
        self.mcpServers = mcpServers
    }
}

/// A binding that cannot run: misconfigured, or needing trust the user has not given.
public struct ToolBindingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Answers calls bound to `manual`: a person supplies the result (CLI prompt, TUI dialog).
public protocol ManualResultProvider: Sendable {
    func requestResult(for call: ToolCall, arguments: JSONValue, cancellation: CancellationToken,
                       completion: @escaping @Sendable (ToolOutcome) -> Void)
}
