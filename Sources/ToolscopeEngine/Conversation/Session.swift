import Foundation
import OrderedCollections

/// A saved workbench session: a versioned JSON document whose `messages` are exactly OpenAI
/// chat messages. It never holds an API key (settings name only the environment variable).
public struct Session: Sendable, Hashable {
    public static let formatName = "toolscope.session/1"

    public var title: String
    public var createdAt: Date
    public var updatedAt: Date
    public var settings: SessionSettings
    public var tools: [SessionTool]
    /// stdio MCP servers in the common desktop-client form `{NAME: {"command","args","env"}}`.
    public var mcpServers: JSONObject
    public var messages: [Message]
    public var trace: [TraceEvent]
    /// What the user changed in step mode, by tool_call_id (see `CallEdit`, docs/session-format.md).
    public var callEdits: OrderedDictionary<String, CallEdit> = [:]
    /// An inline script for the scripted model (see docs/script-format.md); `nil` uses the provider's script.
    public var script: JSONValue?

    public init(title: String, settings: SessionSettings = SessionSettings(), tools: [SessionTool] = [],
                messages: [Message] = [], createdAt: Date = Date()) {
        self.title = title
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.settings = settings
        self.tools = tools
        self.mcpServers = [:]
        self.messages = messages
        self.trace = []
        self.script = nil
    }

    /// The definitions sent to the model: enabled tools, in session order.
    public var enabledDefinitions: [ToolDefinition] { tools.filter(\.enabled).map(\.definition) }

    public func tool(named name: String) -> SessionTool? { tools.first { $0.name == name } }

    public var json: JSONValue {
        var o = JSONObject()
        o["format"] = .string(Self.formatName)
        o["title"] = .string(title)
        o["created_at"] = .string(ISO8601.format(createdAt))
        o["updated_at"] = .string(ISO8601.format(updatedAt))
        o["settings"] = settings.json
        o["tools"] = .array(tools.map { tool in
            guard case .object(var t) = tool.definition.raw else { return tool.definition.raw }
            t["binding"] = tool.binding.json
            if !tool.enabled { t["enabled"] = false }
            return .object(t)
        })
        if !mcpServers.isEmpty { o["mcpServers"] = .object(mcpServers) }
        if let script { o["script"] = script }
        o["messages"] = .array(messages.map(\.json))
        if let edits = callEditsJSON { o["call_edits"] = edits }
        o["trace"] = .array(trace.filter { !$0.isDelta }.map(\.json))
        return .object(o)
    }

    public init(json: JSONValue) throws(SessionLoadError) {
        do {
            try self.init(validating: json)
        } catch let e as SessionLoadError {
            throw e
        } catch let e as SchemaShapeError {
            throw SessionLoadError(path: nil, reason: .shape(e, line: nil, column: nil))
        } catch {
            throw SessionLoadError(path: nil, reason: .unreadable(String(describing: error)))
        }
    }

    private init(validating json: JSONValue) throws {
        guard let o = json.objectValue else { throw SchemaShapeError(path: "", message: "a session must be a JSON object") }
        guard let format = o["format"]?.stringValue, format == Self.formatName else {
            throw SessionLoadError(path: nil, reason: .unsupportedFormat(found: o["format"]?.stringValue))
        }
        title = o["title"]?.stringValue ?? "Untitled"
        createdAt = o["created_at"]?.stringValue.flatMap(ISO8601.parse) ?? Date()
        updatedAt = o["updated_at"]?.stringValue.flatMap(ISO8601.parse) ?? createdAt
        settings = try o["settings"].map { v throws(SchemaShapeError) in try SessionSettings(json: v, path: "/settings") } ?? SessionSettings()
        var tools: [SessionTool] = []
        for (i, item) in (o["tools"]?.arrayValue ?? []).enumerated() {
            guard case .object(var t) = item else {
                throw SchemaShapeError(path: "/tools/\(i)", message: "a tool must be an object")
            }
            let binding: ToolBindingSpec
            if let b = t.removeValue(forKey: "binding") {
                binding = try ToolBindingSpec(json: b, path: "/tools/\(i)/binding")
            } else {
                binding = .manual
            }
            let enabled = t.removeValue(forKey: "enabled")?.boolValue ?? true
            let definition = ToolDefinition(raw: ToolDefinition.normalized(.object(t)))
            guard !definition.name.isEmpty else {
                throw SchemaShapeError(path: "/tools/\(i)/function/name", message: "a tool needs a function name")
            }
            tools.append(SessionTool(definition: definition, binding: binding, enabled: enabled))
        }
        self.tools = tools
        mcpServers = o["mcpServers"]?.objectValue ?? [:]
        script = o["script"]
        var messages: [Message] = []
        for (i, m) in (o["messages"]?.arrayValue ?? []).enumerated() {
            messages.append(try Message(json: m, path: "/messages/\(i)"))
        }
        self.messages = messages
        var trace: [TraceEvent] = []
        for (i, e) in (o["trace"]?.arrayValue ?? []).enumerated() {
            trace.append(try TraceEvent(json: e, path: "/trace/\(i)"))
        }
        self.trace = trace
        callEdits = try Self.callEdits(from: o["call_edits"])
    }
}

/// RFC 3339 timestamps with a locally created formatter (formatters are not Sendable).
enum ISO8601 {
    static func format(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    static func parse(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let d = f.date(from: text) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: text)
    }
}
