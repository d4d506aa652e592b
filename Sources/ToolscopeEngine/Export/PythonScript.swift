import Foundation

/// The session as a Python script that reproduces its last turn with the official `openai` SDK,
/// like "view code" in OpenAI's playground: the tools, the messages up to the last user message,
/// and the loop — call the model, run every tool call, send the results back, until a text answer.
///
/// Tools cannot all be carried over (a builtin demo tool, a Python function, a command or an MCP
/// server live outside the script), so each gets a function that says what it stands for: a mock
/// binding returns its fixed result, as toolscope does; every other tool returns the result this
/// session recorded for the same name and arguments, and a clear error for arguments it never saw.
///
/// The script always speaks Chat Completions. A session on the Responses wire uses the same base
/// URL; one on Anthropic Messages uses Anthropic's OpenAI-compatible endpoint (`{base}/v1`).
public struct PythonScript: Sendable {
    public let text: String

    public init(session: Session, environment: [String: String]) {
        let settings = session.settings
        let provider = settings.provider
        let start = (session.messages.lastIndex { $0.role == .user }).map { $0 + 1 } ?? session.messages.count
        let messages = Array(session.messages[..<start])
        // The request's options as toolscope sends them on Chat Completions, without the messages
        // and without streaming (the script reads whole answers).
        var options = ChatRequest(messages: [], tools: session.enabledDefinitions, settings: settings).openAIBody(stream: false)
        if case .object(var o) = options {
            o.removeValue(forKey: "messages")
            options = .object(o)
        }
        let messagesLiteral = PythonLiteral.text(.array(messages.map(\.json)))
        let recordedLiteral = PythonLiteral.text(.array(Self.recorded(session)))
        let forced = settings.toolChoice.forcesCall && !session.enabledDefinitions.isEmpty ? "True" : "False"
        var s = """
        #!/usr/bin/env python3
        \"\"\"\(Self.docTitle(session)) — exported by toolscope.

        Reproduces the session's last turn with the official openai SDK (pip install openai):
        the tools, the messages up to the last user message, and the tool loop until a text answer.
        Run: \(provider.apiKeyEnv)=... python3 THIS_FILE.py
        \(Self.wireNote(provider))\"\"\"
        import json
        import os
        import sys

        from openai import OpenAI

        BASE_URL = \(Self.baseURLExpression(provider, environment: environment))
        KEY_VARIABLE = \(PythonLiteral.string(provider.apiKeyEnv))
        MAX_ROUNDS = \(settings.maxRounds)
        # toolscope relaxes a tool_choice that forces a call to "auto" once the model has called a tool.
        FORCED_TOOL_CHOICE = \(forced)

        # The request's options exactly as toolscope sends them (model, tools, tool_choice, ...).
        OPTIONS = \(PythonLiteral.text(options))

        MESSAGES = \(messagesLiteral)

        # Every result the session recorded, by tool name and arguments.
        RECORDED = \(recordedLiteral)


        def recorded_result(name, arguments):
            for entry in RECORDED:
                if entry["name"] == name and entry["arguments"] == arguments:
                    return entry["content"]
            return json.dumps({"error": f"no result recorded in the toolscope session for {name} with these arguments",
                               "arguments": arguments})


        """
        s += "\n"
        var table: [(name: String, function: String)] = []
        for (index, tool) in session.tools.enumerated() where tool.enabled {
            let function = Self.functionName(tool.name, index: index, taken: table.map(\.function))
            table.append((tool.name, function))
            s += Self.function(for: tool, named: function) + "\n\n"
        }
        s += "TOOL_FUNCTIONS = {\n"
        for entry in table { s += "    \(PythonLiteral.string(entry.name)): \(entry.function),\n" }
        s += "}\n"
        s += Self.loop
        text = s
    }

    // MARK: Parts

    static func docTitle(_ session: Session) -> String {
        let title = session.title.replacingEvery("\\", with: "/").replacingEvery("\"\"\"", with: "'''")
            .split(whereSeparator: \.isNewline).joined(separator: " ")
        return "Session \"\(title)\""
    }

    static func wireNote(_ provider: ProviderConfig) -> String {
        switch provider.api {
        case .chat: return ""
        case .responses:
            return "\nThe session speaks the Responses API; this script uses Chat Completions on the same server.\n"
        case .anthropic:
            return "\nThe session speaks Anthropic Messages; this script uses Chat Completions through Anthropic's\nOpenAI-compatible endpoint ({base}/v1).\n"
        }
    }

    /// The session's base URL when it names one; otherwise read from the wire's variable when the
    /// script runs, as the SDK and toolscope do, with the wire's default.
    static func baseURLExpression(_ provider: ProviderConfig, environment: [String: String]) -> String {
        let suffix = provider.api == .anthropic ? "/v1" : ""
        if let base = provider.baseURL {
            var b = base.trimmingCharacters(in: .whitespaces)
            while b.hasSuffix("/") { b.removeLast() }
            return PythonLiteral.string(b + suffix)
        }
        let variable = PythonLiteral.string(provider.api.baseURLEnv)
        let fallback = PythonLiteral.string(provider.api.defaultBaseURL)
        return "(os.environ.get(\(variable)) or \(fallback)).rstrip(\"/\")" + (suffix.isEmpty ? "" : " + \(PythonLiteral.string(suffix))")
    }

    /// Each tool result of the session with its call's name and arguments (parsed when they are JSON).
    static func recorded(_ session: Session) -> [JSONValue] {
        var calls: [String: ToolCall] = [:]
        for m in session.messages { for c in m.toolCalls { calls[c.id] = c } }
        var out: [JSONValue] = []
        for m in session.messages where m.role == .tool {
            guard let id = m.toolCallID, let call = calls[id] else { continue }
            let arguments = (try? JSONParser.parse(call.arguments)) ?? .string(call.arguments)
            out.append(["name": .string(call.name), "arguments": arguments, "content": .string(m.displayText)])
        }
        return out
    }

    /// `tool_NAME` with every character Python does not allow in a name replaced by `_`.
    static func functionName(_ name: String, index: Int, taken: [String]) -> String {
        let cleaned = String(name.unicodeScalars.map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) ? Character($0) : "_" })
        let base = "tool_" + cleaned
        return taken.contains(base) ? base + "_\(index + 1)" : base
    }

    static func function(for tool: SessionTool, named function: String) -> String {
        let name = PythonLiteral.string(tool.name)
        switch tool.binding {
        case .mock(let result):
            let content: String
            if case .string(let s) = result { content = s } else { content = result.compact }
            return """
            def \(function)(arguments):
                # A mock binding in toolscope: the same fixed result for every call.
                return \(PythonLiteral.string(content))

            """
        case .builtin(let builtin):
            return recordedFunction(function, name: name, why: "the builtin demo tool \"\(builtin)\" runs inside toolscope")
        case .manual:
            return recordedFunction(function, name: name, why: "a person answered this tool in toolscope")
        case .external(let kind, _):
            return recordedFunction(function, name: name, why: "a \(kind) binding in toolscope; call your own code here")
        }
    }

    static func recordedFunction(_ function: String, name: String, why: String) -> String {
        """
        def \(function)(arguments):
            # Stand-in: \(why.replacingEvery("\n", with: " ")).
            # It returns the result the session recorded for the same arguments.
            return recorded_result(\(name), arguments)

        """
    }

    static let loop = #"""


    def run_tool(name, arguments_text):
        try:
            arguments = json.loads(arguments_text or "{}")
        except json.JSONDecodeError as error:
            return json.dumps({"error": f"the arguments are not valid JSON: {error}"})
        function = TOOL_FUNCTIONS.get(name)
        if function is None:
            return json.dumps({"error": f"Unknown function: {name}", "available_tools": sorted(TOOL_FUNCTIONS)})
        return function(arguments)


    def main():
        key = os.environ.get(KEY_VARIABLE)
        if not key:
            sys.exit(f"set {KEY_VARIABLE} (any value for a local server that needs no key)")
        client = OpenAI(base_url=BASE_URL, api_key=key)
        messages = list(MESSAGES)
        options = dict(OPTIONS)
        for round_number in range(1, MAX_ROUNDS + 1):
            response = client.chat.completions.create(messages=messages, **options)
            message = response.choices[0].message
            if not message.tool_calls:
                print(message.content if message.content is not None else (message.refusal or ""))
                return 0
            messages.append({
                "role": "assistant",
                "content": message.content,
                "tool_calls": [
                    {"id": call.id, "type": "function",
                     "function": {"name": call.function.name, "arguments": call.function.arguments}}
                    for call in message.tool_calls
                ],
            })
            for call in message.tool_calls:
                print(f"round {round_number}: {call.function.name}({call.function.arguments})")
                messages.append({"role": "tool", "tool_call_id": call.id,
                                 "content": run_tool(call.function.name, call.function.arguments)})
            if FORCED_TOOL_CHOICE:
                options["tool_choice"] = "auto"
        print(f"stopped after {MAX_ROUNDS} rounds: the model kept calling tools (max_rounds)", file=sys.stderr)
        return 1


    if __name__ == "__main__":
        sys.exit(main())
    """#
}
