import ToolscopeEngine

extension JSONFields {
    /// Refuses members this reader does not know, naming the first one and the known ones:
    /// a misspelt key (`"extra_argument"`) must not silently turn a check off.
    func refuseUnknown(_ known: [String], what: String) throws(SchemaShapeError) {
        for key in object.keys where !known.contains(key) {
            throw SchemaShapeError(path: pointer(key), message: "unknown key \"\(key)\" in \(what); known keys: \(known.joined(separator: ", "))")
        }
    }

    func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) throws(SchemaShapeError) -> E? where E.RawValue == String {
        guard let text = try string(key) else { return nil }
        guard let e = E(rawValue: text) else {
            throw SchemaShapeError(path: pointer(key), message: "\(key) must be one of \(E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), not \"\(text)\"")
        }
        return e
    }

    /// A string, or an array of strings (`"contains": "Paris"` or `["Paris", "21"]`).
    func stringOrStrings(_ key: String) throws(SchemaShapeError) -> [String]? {
        guard let v = value(key) else { return nil }
        if case .string(let s) = v { return [s] }
        return try strings(key)
    }
}

extension Expectation {
    static let keys = ["scope", "calls", "count", "extra_arguments", "no_call", "some_call", "answer", "budget"]

    /// Reads `expect` as a suite writes it; errors carry the JSON pointer of the mistake.
    public init(suiteJSON json: JSONValue, path: String) throws(SchemaShapeError) {
        let f = try JSONFields(json, path: path, what: "expect")
        try f.refuseUnknown(Self.keys, what: "expect")
        self.init()
        scope = try f.enumValue("scope", Scope.self) ?? .firstRound
        count = try f.enumValue("count", CountRule.self) ?? .exact
        extraArguments = try f.enumValue("extra_arguments", ExtraArguments.self) ?? .fail
        if let items = try f.array("calls", expected: "an array of expected calls") {
            var out: [CallExpectation] = []
            for (i, item) in items.enumerated() {
                out.append(try CallExpectation(suiteJSON: item, path: JSONPointer.appending(f.pointer("calls"), i)))
            }
            calls = out
        }
        switch f.value("no_call") {
        case nil, .bool(false)?: noCall = nil
        case .bool(true)?: noCall = .anyTool
        case .array?:
            let names = try f.strings("no_call") ?? []
            guard !names.isEmpty else { throw SchemaShapeError(path: f.pointer("no_call"), message: "no_call lists no tools; write true for \"no tool at all\"") }
            noCall = .tools(names)
        case let other?:
            throw f.wrongType("no_call", expected: "true or a list of tool names", found: other)
        }
        if noCall == .anyTool, let calls, !calls.isEmpty {
            throw SchemaShapeError(path: f.pointer("no_call"), message: "no_call: true contradicts the expected calls in \"calls\"")
        }
        requireCall = try f.bool("some_call") ?? false
        if requireCall, noCall == .anyTool {
            throw SchemaShapeError(path: f.pointer("some_call"), message: "some_call: true contradicts no_call: true")
        }
        if let a = f.value("answer") { answer = try AnswerExpectation(suiteJSON: a, path: f.pointer("answer")) }
        if let b = f.value("budget") { budget = try Budget(suiteJSON: b, path: f.pointer("budget")) }
    }

    /// The expectation as a suite writes it (defaults left out).
    public var suiteJSON: JSONValue {
        var o = JSONObject()
        if scope != .firstRound { o["scope"] = .string(scope.rawValue) }
        if let calls { o["calls"] = .array(calls.map(\.suiteJSON)) }
        if count != .exact { o["count"] = .string(count.rawValue) }
        if extraArguments != .fail { o["extra_arguments"] = .string(extraArguments.rawValue) }
        switch noCall {
        case .anyTool?: o["no_call"] = true
        case .tools(let names)?: o["no_call"] = .array(names.map { .string($0) })
        case nil: break
        }
        if requireCall { o["some_call"] = true }
        if let answer { o["answer"] = answer.suiteJSON }
        if let budget { o["budget"] = budget.suiteJSON }
        return .object(o)
    }
}

extension CallExpectation {
    public init(suiteJSON json: JSONValue, path: String) throws(SchemaShapeError) {
        let f = try JSONFields(json, path: path, what: "an expected call")
        try f.refuseUnknown(["name", "arguments", "extra_arguments"], what: "an expected call")
        let name = try f.requiredString("name", owner: "an expected call")
        var arguments: OrderedDictionary<String, ArgumentMatcher>?
        if let o = try f.object("arguments", expected: "an object of argument matchers") {
            var members = OrderedDictionary<String, ArgumentMatcher>()
            for (k, v) in o { members[k] = try ArgumentMatcher(suiteJSON: v, path: JSONPointer.appending(f.pointer("arguments"), k)) }
            arguments = members
        }
        self.init(name: name, arguments: arguments, extraArguments: try f.enumValue("extra_arguments", ExtraArguments.self))
    }

    public var suiteJSON: JSONValue {
        var o: JSONObject = ["name": .string(name)]
        if let arguments {
            var a = JSONObject()
            for (k, m) in arguments { a[k] = m.suiteJSON }
            o["arguments"] = .object(a)
        }
        if let extraArguments { o["extra_arguments"] = .string(extraArguments.rawValue) }
        return .object(o)
    }
}

extension AnswerExpectation {
    public init(suiteJSON json: JSONValue, path: String) throws(SchemaShapeError) {
        let f = try JSONFields(json, path: path, what: "answer")
        try f.refuseUnknown(["contains", "not_contains", "matches", "ignore_case"], what: "answer")
        self.init(contains: try f.stringOrStrings("contains") ?? [], notContains: try f.stringOrStrings("not_contains") ?? [],
                  ignoreCase: try f.bool("ignore_case") ?? false)
        if let source = try f.string("matches") {
            do { matches = try Pattern(source, ignoresCase: ignoreCase) } catch {
                throw SchemaShapeError(path: f.pointer("matches"), message: error.message)
            }
        }
    }

    public var suiteJSON: JSONValue {
        var o = JSONObject()
        if !contains.isEmpty { o["contains"] = .array(contains.map { .string($0) }) }
        if !notContains.isEmpty { o["not_contains"] = .array(notContains.map { .string($0) }) }
        if let matches { o["matches"] = .string(matches.source) }
        if ignoreCase { o["ignore_case"] = true }
        return .object(o)
    }
}

extension Budget {
    public init(suiteJSON json: JSONValue, path: String) throws(SchemaShapeError) {
        let f = try JSONFields(json, path: path, what: "budget")
        try f.refuseUnknown(["max_rounds", "max_tokens", "max_latency_ms"], what: "budget")
        self.init(maxRounds: try f.int("max_rounds", atLeast: 1), maxTokens: try f.int("max_tokens", atLeast: 1),
                  maxLatency: try f.positiveNumber("max_latency_ms").map { $0 / 1000 })
    }

    public var suiteJSON: JSONValue {
        var o = JSONObject()
        if let maxRounds { o["max_rounds"] = .number(Double(maxRounds)) }
        if let maxTokens { o["max_tokens"] = .number(Double(maxTokens)) }
        if let maxLatency { o["max_latency_ms"] = .number(maxLatency * 1000) }
        return .object(o)
    }
}
