import Foundation

/// Decides the scripted model's next reply from the conversation alone (no hidden state), so a
/// script plays the same way live, after a reload, and in tests: it finds the rule matching the
/// latest user message, replays the rounds already answered in the history, and returns the
/// next round's calls or the final text.
struct ScriptPlanner {
    enum Reply: Equatable {
        case toolCalls([(name: String, arguments: JSONValue)])
        case text(String)

        static func == (a: Reply, b: Reply) -> Bool {
            switch (a, b) {
            case (.text(let x), .text(let y)): return x == y
            case (.toolCalls(let x), .toolCalls(let y)): return x.map(\.name) == y.map(\.name) && x.map(\.arguments) == y.map(\.arguments)
            default: return false
            }
        }
    }

    let script: Script

    func reply(to request: ChatRequest) -> Reply {
        let messages = request.messages
        guard let userIndex = messages.lastIndex(where: { $0.role == .user }) else {
            return .text(script.fallback.render(ScriptScope(root: [:])))
        }
        let userText = messages[userIndex].displayText
        let history = Self.rounds(in: messages[(userIndex + 1)...])
        let offered = Set(request.tools.map(\.name))
        let tools = Self.toolsVariable(request.tools)

        for rule in script.rules {
            guard var root = Self.match(rule, userText, tools: tools) else { continue }
            if request.toolChoice == .none { return .text(script.noTools.render(ScriptScope(root: root))) }
            let parallel = request.settings.parallelToolCalls ?? true
            var consumed = 0
            var last: [JSONValue] = []
            var all: [JSONValue] = []
            for round in rule.rounds {
                root["results"] = .array(last)
                root["all_results"] = .array(all)
                let calls = expand(round, root: root).filter { offered.contains($0.name) }
                if calls.isEmpty { continue }
                let groups = parallel ? [calls] : calls.map { [$0] }
                var roundResults: [JSONValue] = []
                for group in groups {
                    guard consumed < history.count else { return .toolCalls(group) }
                    roundResults += history[consumed]
                    consumed += 1
                }
                last = roundResults
                all += roundResults
            }
            root["results"] = .array(last)
            root["all_results"] = .array(all)
            return .text(rule.final.render(ScriptScope(root: root)))
        }
        return .text(script.fallback.render(ScriptScope(root: ["message": .string(userText)])))
    }

    /// `tools`: each offered tool's name → `{description, parameters}`, as the request sends them.
    /// This is how a script reads descriptions, as a model does (see docs/script-format.md).
    private static func toolsVariable(_ definitions: [ToolDefinition]) -> JSONValue {
        var tools = JSONObject()
        for definition in definitions where tools[definition.name] == nil {
            tools[definition.name] = ["description": definition.description.map(JSONValue.string) ?? .null,
                                      "parameters": definition.parameters ?? .null]
        }
        return .object(tools)
    }

    /// Variables of a matching rule: the message, numbered and named groups, `tools`, flags.
    private static func match(_ rule: Script.Rule, _ text: String, tools: JSONValue) -> JSONObject? {
        guard let regex = try? NSRegularExpression(pattern: rule.pattern) else { return nil }
        let ns = text as NSString
        guard let m = regex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
        var root: JSONObject = ["message": .string(text)]
        for g in 0..<m.numberOfRanges {
            let r = m.range(at: g)
            root[String(g)] = r.location == NSNotFound ? .null : .string(ns.substring(with: r))
        }
        for name in rule.groupNames {
            let r = m.range(withName: name)
            root[name] = r.location == NSNotFound ? .null : .string(ns.substring(with: r))
        }
        root["tools"] = tools
        for flag in rule.flags {
            // A flag on a variable reads its text: a string as it is, anything else as compact JSON.
            let subject = flag.source.map { ScriptScope(root: root).lookup($0).map(ScriptTemplate.text(of:)) ?? "" } ?? text
            let range = NSRange(location: 0, length: (subject as NSString).length)
            let matched = (try? NSRegularExpression(pattern: flag.pattern))?.firstMatch(in: subject, range: range) != nil
            root[flag.name] = matched ? true : .null
        }
        return root
    }

    private func expand(_ round: Script.CallRound, root: JSONObject) -> [(name: String, arguments: JSONValue)] {
        var calls: [(String, JSONValue)] = []
        let scope = ScriptScope(root: root)
        for spec in round.calls {
            guard let forEach = spec.forEach else {
                calls.append((spec.name, render(spec.arguments, scope)))
                continue
            }
            for (i, item) in items(forEach, scope).enumerated() {
                calls.append((spec.name, render(spec.arguments, scope.pushing(item, index: i))))
            }
        }
        return calls
    }

    private func items(_ forEach: Script.ForEach, _ scope: ScriptScope) -> [JSONValue] {
        var items: [JSONValue]
        if let split = forEach.split, let regex = try? NSRegularExpression(pattern: split) {
            let text = ((try? ScriptTemplate(forEach.source, path: ""))?.render(scope) ?? "")
            let ns = text as NSString
            var pieces: [String] = []
            var start = 0
            for m in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                pieces.append(ns.substring(with: NSRange(location: start, length: m.range.location - start)))
                start = m.range.location + m.range.length
            }
            pieces.append(ns.substring(from: start))
            items = pieces.map { $0.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "?.!"))) }
                .filter { !$0.isEmpty }.map(JSONValue.string)
        } else {
            items = scope.lookup(forEach.source)?.arrayValue ?? []
        }
        if let filter = forEach.filter {
            items = items.enumerated().filter { ScriptTemplate.isTruthy(scope.pushing($0.element, index: $0.offset).lookup(filter)) }.map(\.element)
        }
        return items
    }

    private func render(_ value: JSONValue, _ scope: ScriptScope) -> JSONValue {
        switch value {
        case .string(let s):
            guard let template = try? ScriptTemplate(s, path: "") else { return value }
            return template.renderValue(scope)
        case .array(let a): return .array(a.map { render($0, scope) })
        case .object(let o):
            var out = JSONObject()
            for (k, v) in o {
                let rendered = render(v, scope)
                // An optional argument whose template rendered empty is left out.
                if case .string("") = rendered, case .string(let s) = v, s.contains("{{") { continue }
                if rendered.isNull, case .string(let s) = v, s.contains("{{") { continue }
                out[k] = rendered
            }
            return .object(out)
        default: return value
        }
    }

    /// Tool rounds after the user message: for each assistant message with tool calls, one
    /// record per call with its name, arguments, result and error.
    static func rounds(in messages: ArraySlice<Message>) -> [[JSONValue]] {
        var contents: [String: String] = [:]
        for m in messages where m.role == .tool { if let id = m.toolCallID { contents[id] = m.content ?? "" } }
        return messages.filter { $0.role == .assistant && !$0.toolCalls.isEmpty }.map { message in
            message.toolCalls.map { call in
                let content = contents[call.id] ?? ""
                let result = (try? JSONParser.parse(content)) ?? .string(content)
                var record: JSONObject = ["name": .string(call.name),
                                          "args": (try? JSONParser.parse(call.arguments)) ?? .string(call.arguments),
                                          "result": result, "content": .string(content)]
                if let error = result["error"] { record["error"] = error }
                return .object(record)
            }
        }
    }
}
