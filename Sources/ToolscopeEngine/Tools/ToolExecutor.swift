import Foundation
import OrderedCollections

/// One call handed to a tool executor, already parsed and validated against the schema.
public struct ToolInvocation: Sendable, Hashable {
    public var call: ToolCall
    /// The parsed arguments (an object when the schema asks for one).
    public var arguments: JSONValue
    /// The tool's definition, for executors that need the schema.
    public var definition: ToolDefinition?
    /// Seconds the call may take; the dispatcher enforces it, the executor may use it to kill work early.
    /// It counts from the start of execution: time spent queued for a process slot is not part of it.
    public var timeout: Double
    /// Tells the dispatcher that the call waits for a process slot, then that it started; the
    /// dispatcher turns these into trace events and holds the call's timeout while it waits.
    /// Executors that never wait need not call it.
    public var report: @Sendable (ToolProgress) -> Void

    public init(call: ToolCall, arguments: JSONValue, definition: ToolDefinition?, timeout: Double,
                report: @escaping @Sendable (ToolProgress) -> Void = { _ in }) {
        self.call = call
        self.arguments = arguments
        self.definition = definition
        self.timeout = timeout
        self.report = report
    }

    /// The arguments exactly as the model sent them (or as a person edited them in approval mode),
    /// on one line (whitespace between tokens removed), `{}` when that text is empty. Executors
    /// that hand arguments to another program send this text rather than re-printing
    /// `arguments`, so number forms (`-0.0`, `1.0`, `1E2`, 2^53+1) and string escapes reach the
    /// tool as the model wrote them, and a command that reads one line still gets it all.
    public var argumentsText: String {
        let text = JSONText.compacted(call.arguments)
        return text.isEmpty ? "{}" : text
    }

    // The progress callback is plumbing, not part of the call: two invocations of the same call are equal.
    public static func == (a: ToolInvocation, b: ToolInvocation) -> Bool {
        a.call == b.call && a.arguments == b.arguments && a.definition == b.definition && a.timeout == b.timeout
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(call)
        hasher.combine(arguments)
        hasher.combine(definition)
        hasher.combine(timeout)
    }
}

/// What an executor tells the dispatcher about a call before it finishes.
public enum ToolProgress: Sendable, Hashable {
    /// The call waits for a free process slot (the session's process limits are reached).
    case queued
    /// The call got its slot after waiting `waited` seconds and now runs; its timeout starts here.
    case started(waited: Double)
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
    /// How many tool processes may run at once (from the session's settings or the command line).
    public var processLimits: ToolProcessLimits

    public init(baseDirectory: String, mcpServers: JSONObject = [:], processLimits: ToolProcessLimits = ToolProcessLimits()) {
        self.baseDirectory = baseDirectory
        self.mcpServers = mcpServers
        self.processLimits = processLimits
    }
}

/// Bounds on the external tool processes (Python workers, commands) running at once, so a model
/// that asks for 64 parallel calls cannot start 64 interpreters. Calls beyond a bound wait,
/// in order, and show as queued in the trace.
public struct ToolProcessLimits: Sendable, Hashable {
    /// All external tools together. 8 by default: a fixed number (not one derived from the core
    /// count) keeps a session's behaviour the same on every machine, and tool processes mostly
    /// wait on I/O or sleep, so a few more than a laptop's cores keep the machine responsive.
    public var overall: Int
    /// Calls of one tool. 4 by default, so one tool asked for many times leaves room for others.
    public var perTool: Int

    public static let defaultOverall = 8
    public static let defaultPerTool = 4

    public init(overall: Int = ToolProcessLimits.defaultOverall, perTool: Int = ToolProcessLimits.defaultPerTool) {
        self.overall = max(1, overall)
        self.perTool = max(1, perTool)
    }

    /// The limits a session's settings ask for, defaults where they say nothing.
    public init(settings: SessionSettings) {
        self.init(overall: settings.maxToolProcesses ?? Self.defaultOverall,
                  perTool: settings.maxProcessesPerTool ?? Self.defaultPerTool)
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
