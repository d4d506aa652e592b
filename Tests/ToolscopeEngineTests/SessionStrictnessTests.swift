import Foundation
import Testing
@testable import ToolscopeEngine

/// Issue 10: a session file is either fully understood or refused at the place that is wrong;
/// what this version does not model survives a load and a save.
@Suite("Session files: strict types, unknown keys")
struct SessionStrictnessTests {
    struct WrongType: CustomTestStringConvertible, Sendable {
        /// One line placed after `"format"`, so every error is on line 3.
        var fragment: String
        var pointer: String
        var message: String
        var testDescription: String { pointer }
    }

    static let call = #"{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}"#

    static let wrongTypes: [WrongType] = [
        .init(fragment: #""messages": "x""#, pointer: "/messages", message: "messages must be an array of messages, not a string"),
        .init(fragment: #""messages": {"role": "user"}"#, pointer: "/messages", message: "messages must be an array of messages, not an object"),
        .init(fragment: #""tools": "oops""#, pointer: "/tools", message: "tools must be an array of tools, not a string"),
        .init(fragment: #""title": 5"#, pointer: "/title", message: "title must be a string, not an integer"),
        .init(fragment: #""created_at": "yesterday""#, pointer: "/created_at", message: "created_at must be an RFC 3339 timestamp"),
        .init(fragment: #""updated_at": 1700000000"#, pointer: "/updated_at", message: "updated_at must be a string, not an integer"),
        .init(fragment: #""settings": []"#, pointer: "/settings", message: "settings must be an object, not an array"),
        .init(fragment: #""mcpServers": "x""#, pointer: "/mcpServers", message: "mcpServers must be an object of MCP servers, not a string"),
        .init(fragment: #""trace": {}"#, pointer: "/trace", message: "trace must be an array of trace events, not an object"),
        .init(fragment: #""settings": {"stream": "yes"}"#, pointer: "/settings/stream", message: "stream must be true or false, not a string"),
        .init(fragment: #""settings": {"model": 4}"#, pointer: "/settings/model", message: "model must be a string, not an integer"),
        .init(fragment: #""settings": {"max_rounds": 2.5}"#, pointer: "/settings/max_rounds", message: "max_rounds must be an integer, not a number"),
        .init(fragment: #""settings": {"repeated_call_limit": 0}"#, pointer: "/settings/repeated_call_limit", message: "repeated_call_limit must be at least 1"),
        .init(fragment: #""settings": {"tool_choice": 1}"#, pointer: "/settings/tool_choice", message: "tool_choice must be \"auto\", \"none\", \"required\" or an object, not an integer"),
        .init(fragment: #""settings": {"provider": {"kind": 3}}"#, pointer: "/settings/provider/kind", message: "kind must be a string, not an integer"),
        .init(fragment: #""settings": {"provider": {"base_url": ["x"]}}"#, pointer: "/settings/provider/base_url", message: "base_url must be a string, not an array"),
        .init(fragment: #""settings": {"provider": {"headers": {"X-Team": 1}}}"#, pointer: "/settings/provider/headers/X-Team", message: "headers values must be strings, not an integer"),
        .init(fragment: #""settings": {"provider": {"max_retries": "2"}}"#, pointer: "/settings/provider/max_retries", message: "max_retries must be an integer, not a string"),
        .init(fragment: #""settings": {"provider": {"read_timeout": 0}}"#, pointer: "/settings/provider/read_timeout", message: "read_timeout must be a positive number"),
        .init(fragment: #""tools": ["f"]"#, pointer: "/tools/0", message: "a tool must be an object, not a string"),
        .init(fragment: #""tools": [{"name": "f", "enabled": "no"}]"#, pointer: "/tools/0/enabled", message: "enabled must be true or false, not a string"),
        .init(fragment: #""tools": [{"name": "f", "binding": "builtin"}]"#, pointer: "/tools/0/binding", message: "a binding must be an object"),
        .init(fragment: #""tools": [{"name": "f", "binding": {"kind": "builtin", "name": 3}}]"#, pointer: "/tools/0/binding/name", message: "name must be a string, not an integer"),
        .init(fragment: #""messages": ["hi"]"#, pointer: "/messages/0", message: "a message must be an object, not a string"),
        .init(fragment: #""messages": [{"role": "user", "content": "x", "name": 3}]"#, pointer: "/messages/0/name", message: "name must be a string, not an integer"),
        .init(fragment: #""messages": [{"role": "assistant", "content": null, "tool_calls": {}}]"#, pointer: "/messages/0/tool_calls", message: "tool_calls must be an array of tool calls, not an object"),
        .init(fragment: #""messages": [{"role": "assistant", "content": null, "tool_calls": [{"id": "c", "type": 1, "function": {"name": "f"}}]}]"#,
              pointer: "/messages/0/tool_calls/0/type", message: "type must be a string, not an integer"),
        .init(fragment: #""messages": [{"role": "assistant", "content": null, "tool_calls": [{"id": "c", "function": {"name": 5}}]}]"#,
              pointer: "/messages/0/tool_calls/0/function/name", message: "name must be a string, not an integer"),
        .init(fragment: #""messages": [{"role": "tool", "content": "r", "tool_call_id": 5}]"#, pointer: "/messages/0/tool_call_id", message: "tool_call_id must be a string, not an integer"),
        .init(fragment: #""trace": [{"t": "now", "round": 1, "event": "warning", "message": "w"}]"#, pointer: "/trace/0/t", message: "t must be a number, not a string"),
        .init(fragment: #""trace": [{"t": 1, "round": 1, "event": "call_finished", "call_id": "c", "name": "f", "content": 5}]"#,
              pointer: "/trace/0/content", message: "content must be a string, not an integer"),
        .init(fragment: #""trace": [{"t": 1, "round": 1, "event": "call_finished", "call_id": "c", "name": "f", "content": "r", "logs": [1]}]"#,
              pointer: "/trace/0/logs/0", message: "logs must hold only strings, not an integer"),
        .init(fragment: #""trace": [{"t": 1, "round": 1, "event": "request_sent", "url": "u", "headers": {"a": true}, "body": {}}]"#,
              pointer: "/trace/0/headers/a", message: "headers values must be strings, not a boolean"),
        .init(fragment: #""trace": [{"t": 1, "round": 1, "event": "usage", "usage": {"prompt_tokens": "9", "completion_tokens": 1}}]"#,
              pointer: "/trace/0/usage/prompt_tokens", message: "prompt_tokens must be an integer, not a string"),
        .init(fragment: #""trace": [{"t": 1, "round": 1, "event": "message_appended", "message": {"message_index": 3}}]"#,
              pointer: "/trace/0/message/message_index", message: "message_index 3 refers to no message (the session has no messages)"),
        .init(fragment: #""messages": [{"role": "user", "content": "q"}], "trace": [{"t": 1, "round": 1, "event": "request_sent", "url": "u", "body": {"messages": {"message_prefix": 2}}}]"#,
              pointer: "/trace/0/body/messages/message_prefix", message: "message_prefix 2 refers to no message (the session has 1 messages)"),
        .init(fragment: #""messages": [{"role": "assistant", "content": null, "tool_calls": [\#(call)]}], "trace": [{"t": 1, "round": 1, "event": "call_finished", "call_id": "c1", "name": "f", "content": {"message_index": 0}}]"#,
              pointer: "/trace/0/content/message_index", message: "content refers to message 0, which has no text content"),
    ]

    @Test(arguments: wrongTypes)
    func aFieldOfTheWrongTypeIsRefusedAtItsPlace(_ c: WrongType) {
        let text = "{\n  \"format\": \"toolscope.session/1\",\n  \(c.fragment)\n}\n"
        #expect {
            try SessionFile.decode(text, path: "s.json")
        } throws: { error in
            let d = (error as! SessionLoadError).description
            let ok = d.hasPrefix("s.json:3:") && d.contains("\(c.pointer): \(c.message)")
            if !ok { Issue.record("got: \(d)") }
            return ok
        }
    }

    @Test func theErrorPointsAtTheValueItself() {
        let text = "{\n  \"format\": \"toolscope.session/1\",\n  \"messages\": \"x\"\n}\n"
        #expect {
            try SessionFile.decode(text, path: "s.json")
        } throws: { error in
            (error as! SessionLoadError).description == "s.json:3:15: /messages: messages must be an array of messages, not a string"
        }
    }

    /// A file from a "newer toolscope": unknown members at every level it nests.
    static let newerFile = """
    {
      "format": "toolscope.session/1",
      "z_first": {"kept": [1, 2]},
      "title": "newer",
      "created_at": "2026-11-24T20:00:00Z",
      "updated_at": "2026-11-24T20:00:03Z",
      "settings": {
        "model": "m",
        "reasoning_effort": "high",
        "provider": {"kind": "openai", "base_url": "http://127.0.0.1:1", "region": "eu", "pool": {"size": 3}}
      },
      "tools": [
        {"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}, "cache_control": {"ttl": 60},
         "binding": {"kind": "builtin", "name": "get_weather", "sandbox": "strict"}}
      ],
      "messages": [
        {"role": "user", "content": "hi", "annotations": ["a"]}
      ],
      "trace": [
        {"t": 1.5, "round": 1, "event": "warning", "message": "w", "severity": 2},
        {"t": 2, "round": 1, "event": "teleported", "to": {"x": [1, {"y": null}]}},
        {"t": 3, "round": 1, "event": "turn_finished", "reason": "answered"}
      ],
      "a_last": "end"
    }
    """

    @Test func unknownKeysAtEveryLevelSurviveALoadAndASave() throws {
        let session = try SessionFile.decode(Self.newerFile, path: "newer.json")
        let saved = session.json
        let top = saved.objectValue!
        // Known keys first, in this version's order; unknown ones after them, in the file's order.
        #expect(Array(top.keys.suffix(2)) == ["z_first", "a_last"])
        #expect(saved["z_first"] == ["kept": [1, 2]])
        #expect(saved["a_last"] == "end")
        #expect(saved["settings"]?["reasoning_effort"] == "high")
        #expect(saved["settings"]?["provider"]?["region"] == "eu")
        #expect(saved["settings"]?["provider"]?["pool"] == ["size": 3])
        let tool = saved["tools"]!.arrayValue![0]
        #expect(tool["cache_control"] == ["ttl": 60])
        #expect(tool["binding"] == ["kind": "builtin", "name": "get_weather", "sandbox": "strict"])
        #expect(saved["messages"]!.arrayValue![0]["annotations"] == ["a"])
        let trace = saved["trace"]!.arrayValue!
        #expect(trace[0]["severity"] == 2)
        #expect(trace[1] == (try JSONParser.parse(#"{"t": 2, "round": 1, "event": "teleported", "to": {"x": [1, {"y": null}]}}"#)))
        #expect(trace[2]["event"] == "turn_finished")
        // Saving what was loaded from a save changes nothing.
        let again = try SessionFile.decode(saved.pretty, path: "again.json")
        #expect(again.json.pretty == saved.pretty)
        #expect(again == session)
    }

    @Test func typedFieldsWinOverAKeptKeyOfTheSameName() throws {
        var settings = SessionSettings()
        settings.extra = ["model": "stale", "future": true]
        settings.model = "fresh"
        #expect(settings.json["model"] == "fresh")
        #expect(settings.json["future"] == true)
    }
}
