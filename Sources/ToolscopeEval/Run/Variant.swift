import Foundation
import ToolscopeEngine

/// What an experiment compares: a name and any of tool definitions, system prompt, model,
/// provider base URL and wire (`api`: the same suite on Chat Completions and on Responses, side
/// by side) and settings (`tool_choice`, `parallel_tool_calls`, `strict`, `temperature`). What a
/// variant does not set comes from the suite and the command line.
public struct Variant: Sendable, Hashable {
    public var name: String
    /// The tool definitions every case gets under this variant (instead of the suite's); nil
    /// keeps the suite's.
    public var tools: [ToolDefinition]?
    /// Bindings by tool name, when the tools came from a session (a tools file has none).
    public var bindings: [String: ToolBindingSpec]
    /// Replaces the system message of every case (or is put first when a case has none).
    public var system: String?
    public var model: String?
    public var baseURL: String?
    /// The wire the variant's runs speak; nil keeps the command line's (`--api`) or Chat Completions.
    public var api: WireAPI?
    public var toolChoice: ToolChoice?
    public var parallelToolCalls: Bool?
    /// Sets `strict` on every function definition.
    public var strict: Bool?
    public var temperature: Double?
    /// The variant as written (with tool files resolved to their content), kept in the database.
    public var spec: JSONValue

    public init(name: String, tools: [ToolDefinition]? = nil, bindings: [String: ToolBindingSpec] = [:], system: String? = nil, model: String? = nil, baseURL: String? = nil,
                api: WireAPI? = nil, toolChoice: ToolChoice? = nil, parallelToolCalls: Bool? = nil, strict: Bool? = nil, temperature: Double? = nil,
                spec: JSONValue = [:]) {
        self.name = name
        self.tools = tools
        self.bindings = bindings
        self.system = system
        self.model = model
        self.baseURL = baseURL
        self.api = api
        self.toolChoice = toolChoice
        self.parallelToolCalls = parallelToolCalls
        self.strict = strict
        self.temperature = temperature
        self.spec = spec
    }

    /// The variant used when none is given: the suite's tools and settings as they are.
    public static let suiteDefault = Variant(name: "suite", spec: ["name": "suite"])

    /// `settings` with this variant's choices written over them.
    public func apply(to settings: inout SessionSettings) {
        if let model { settings.model = model }
        if let baseURL { settings.provider.baseURL = baseURL }
        // Through the one rule for the key variable: a default key variable follows the wire.
        if let api { settings.provider.switchWire(to: api) }
        if let toolChoice { settings.toolChoice = toolChoice }
        if let parallelToolCalls { settings.parallelToolCalls = parallelToolCalls }
        if let temperature { settings.temperature = temperature }
    }

    /// `definition` with `strict` set as this variant says.
    public func adjust(_ definition: ToolDefinition) -> ToolDefinition {
        guard let strict, case .object(var raw) = definition.raw, case .object(var function)? = raw["function"] else { return definition }
        function["strict"] = .bool(strict)
        raw["function"] = .object(function)
        return ToolDefinition(raw: .object(raw))
    }
}
