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
    /// What the user changed in approval mode, by tool_call_id (see `CallEdit`, docs/session-format.md).
    public var callEdits: OrderedDictionary<String, CallEdit> = [:]
    /// An inline script for the scripted model (see docs/script-format.md); `nil` uses the provider's script.
    public var script: JSONValue?
    /// Top-level keys this version does not model (a newer toolscope's), written back after
    /// the known ones in their original order, so an older toolscope never drops them.
    public var extra: JSONObject
    /// What loading changed: tools written in another dialect (Anthropic `input_schema`, BFCL,
    /// Gemini, MCP `inputSchema`) are converted to OpenAI tools, one note per change, each
    /// starting with the tool's pointer in the file. Not saved: the saved file holds the result.
    public var loadNotes: [String] = []

    /// The top-level keys this version models; the rest are kept in `extra`. A new typed
    /// field must be added here too, or its loaded value would be written back over the typed one.
    static let knownKeys: Set<String> = [WireTranscript.key, "call_edits", "format", "title", "created_at", "updated_at", "settings", "tools", "mcpServers",
                                         "script", "messages", "trace"]

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
        self.extra = [:]
    }

    /// The definitions sent to the model: enabled tools, in session order.
    public var enabledDefinitions: [ToolDefinition] { tools.filter(\.enabled).map(\.definition) }

    public func tool(named name: String) -> SessionTool? { tools.first { $0.name == name } }

    /// The session as a file stores it. Messages are written in full; the trace refers to them
    /// instead of repeating them (see `TraceStorage` and docs/session-format.md), so a large tool
    /// result is stored once however many rounds re-sent it.
    public var json: JSONValue {
        var o = JSONObject()
        o["format"] = .string(Self.formatName)
        o["title"] = .string(title)
        o["created_at"] = .string(ISO8601.format(createdAt))
        o["updated_at"] = .string(ISO8601.format(updatedAt))
        o["settings"] = settings.json
        o["tools"] = .array(tools.map(\.json))
        if !mcpServers.isEmpty { o["mcpServers"] = .object(mcpServers) }
        if let script { o["script"] = script }
        let messagesJSON = messages.map(\.recordJSON)
        o["messages"] = .array(messagesJSON)
        if settings.provider.kind == .openai, let transcript = WireTranscript.json(messages, api: settings.provider.api) {
            o[WireTranscript.key] = transcript
        }
        if let edits = callEditsJSON { o["call_edits"] = edits }
        var storage = TraceStorage(messages: messages, messagesJSON: messagesJSON)
        var stored: [JSONValue] = []
        stored.reserveCapacity(trace.count)
        for event in trace where !event.isDelta { stored.append(storage.stored(event)) }
        o["trace"] = .array(stored)
        o.merge(unknown: extra)
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

    /// A script declares `toolscope.script/…`; one without a format still has `rules` or `turns`
    /// (docs/script-format.md), which no session has.
    static func looksLikeScript(_ root: JSONObject) -> Bool {
        if let format = root["format"]?.stringValue { return format.hasPrefix("toolscope.script/") }
        return root["rules"] != nil || root["turns"] != nil
    }

    private init(validating json: JSONValue) throws {
        guard case .object(let root) = json else {
            throw SchemaShapeError(path: "", message: "a session must be a JSON object, not \(json.kindDescription)")
        }
        guard case .string(let format)? = root["format"], format == Self.formatName else {
            if Self.looksLikeScript(root) { throw SessionLoadError(path: nil, reason: .script) }
            throw SessionLoadError(path: nil, reason: .unsupportedFormat(found: root["format"]?.stringValue))
        }
        let f = try JSONFields(json, path: "", what: "a session")
        title = try f.string("title") ?? "Untitled"
        createdAt = try f.date("created_at") ?? Date()
        updatedAt = try f.date("updated_at") ?? createdAt
        settings = try f.value("settings").map { v throws(SchemaShapeError) in try SessionSettings(json: v, path: "/settings") } ?? SessionSettings()
        var tools: [SessionTool] = []
        var notes: [String] = []
        for (i, item) in (try f.array("tools", expected: "an array of tools") ?? []).enumerated() {
            let toolPath = JSONPointer.appending("/tools", i)
            let entry = try JSONFields(item, path: toolPath, what: "a tool")
            var t = entry.object
            let binding: ToolBindingSpec
            var bindingExtra = JSONObject()
            if let b = entry.value("binding") {
                binding = try ToolBindingSpec(json: b, path: toolPath + "/binding")
                bindingExtra = ToolBindingSpec.unknownKeys(of: b, for: binding)
            } else {
                binding = .manual
            }
            let enabled = try entry.bool("enabled") ?? true
            t.removeValue(forKey: "binding")
            t.removeValue(forKey: "enabled")
            var definition = ToolDefinition(raw: ToolDefinition.normalized(.object(t)))
            if t["type"] == nil, t["function"] == nil, let converted = ToolDialect.convert(.object(t)),
               converted.dialect != .openAI, converted.dialect != .bareFunctions, let first = converted.definitions.first {
                definition = first
                notes.append(contentsOf: converted.notes.map { toolPath + $0 })
            }
            guard !definition.name.isEmpty else {
                throw SchemaShapeError(path: toolPath + "/function/name", message: "a tool needs a function name")
            }
            tools.append(SessionTool(definition: definition, binding: binding, enabled: enabled, bindingExtra: bindingExtra))
        }
        self.tools = tools
        loadNotes = notes
        mcpServers = try f.object("mcpServers", expected: "an object of MCP servers") ?? [:]
        script = f.value("script")
        let messagesJSON = try f.array("messages", expected: "an array of messages") ?? []
        var messages: [Message] = []
        messages.reserveCapacity(messagesJSON.count)
        for (i, m) in messagesJSON.enumerated() {
            messages.append(try Message(json: m, path: JSONPointer.appending("/messages", i)))
        }
        self.messages = messages
        let storage = TraceStorage.Resolver(messagesJSON: messagesJSON)
        let traceJSON = try f.array("trace", expected: "an array of trace events") ?? []
        var trace: [TraceEvent] = []
        trace.reserveCapacity(traceJSON.count)
        for (i, e) in traceJSON.enumerated() {
            let path = JSONPointer.appending("/trace", i)
            trace.append(try TraceEvent(json: try storage.resolve(e, path: path), path: path))
        }
        self.trace = trace
        callEdits = try Self.callEdits(from: f.value("call_edits"))
        extra = f.unknown(known: Self.knownKeys)
    }
}

/// RFC 3339 timestamps ("2026-12-03T13:20:00Z"). Foundation's format styles are values and
/// Sendable, so one of each is shared; `ISO8601DateFormatter` built an ICU formatter per call
/// (≈150 µs), which made dates most of the cost of encoding an eval run's transcript.
public enum ISO8601 {
    private static let seconds = Date.ISO8601FormatStyle()
    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    public static func format(_ date: Date) -> String { seconds.format(date) }

    /// Accepts whole or fractional seconds, "Z" or a numeric offset.
    public static func parse(_ text: String) -> Date? {
        (try? seconds.parse(text)) ?? (try? fractional.parse(text))
    }
}
