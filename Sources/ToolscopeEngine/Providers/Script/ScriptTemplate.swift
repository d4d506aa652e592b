import Foundation

/// The scripted model's small template language (documented in docs/script-format.md):
/// `{{path|filter:arg}}` substitutions, `{{#each path sep=", "}}…{{/each}}` loops with `this`,
/// `@index` and `@number`, and `{{#if path}}…{{else}}…{{/if}}`. Paths are dotted with numeric
/// indices (`results.0.result.temperature`); lookups try the innermost scope first.
struct ScriptTemplate: Sendable, Hashable {
    indirect enum Node: Sendable, Hashable {
        case text(String)
        case value(Expression)
        case each(path: String, separator: String, filter: String?, body: [Node])
        case conditional(path: String, then: [Node], otherwise: [Node])
    }

    struct Expression: Sendable, Hashable {
        var path: String
        var filters: [(name: String, argument: String?)]

        static func == (a: Expression, b: Expression) -> Bool {
            a.path == b.path && a.filters.map(\.name) == b.filters.map(\.name) && a.filters.map(\.argument) == b.filters.map(\.argument)
        }
        func hash(into h: inout Hasher) { h.combine(path); for f in filters { h.combine(f.name); h.combine(f.argument) } }
    }

    let nodes: [Node]
    /// The template is exactly one `{{expression}}`: it renders to the value's own JSON type.
    let singleExpression: Expression?

    static let knownFilters: Set<String> = ["trim", "lower", "upper", "title", "number", "round", "join", "default", "json", "first", "count", "unit", "scale"]

    init(_ source: String, path: String) throws(ScriptError) {
        var parser = Parser(source: Array(source), path: path)
        let nodes = try parser.parseNodes(until: [])
        self.nodes = nodes
        if nodes.count == 1, case .value(let e) = nodes[0] { singleExpression = e } else { singleExpression = nil }
    }

    /// Renders to a JSON value: a lone expression keeps its type, anything else is text.
    func renderValue(_ scope: ScriptScope) -> JSONValue {
        if let e = singleExpression { return Self.evaluate(e, scope) }
        return .string(render(scope))
    }

    func render(_ scope: ScriptScope) -> String {
        var out = ""
        Self.render(nodes, scope, into: &out)
        return out
    }

    private static func render(_ nodes: [Node], _ scope: ScriptScope, into out: inout String) {
        for node in nodes {
            switch node {
            case .text(let s): out += s
            case .value(let e): out += text(of: evaluate(e, scope))
            case .each(let path, let separator, let filter, let body):
                var items = scope.lookup(path)?.arrayValue ?? []
                if let filter {
                    items = items.enumerated().filter { isTruthy(scope.pushing($0.element, index: $0.offset).lookup(filter)) }.map(\.element)
                }
                for (i, item) in items.enumerated() {
                    if i > 0 { out += separator }
                    render(body, scope.pushing(item, index: i), into: &out)
                }
            case .conditional(let path, let then, let otherwise):
                render(isTruthy(scope.lookup(path)) ? then : otherwise, scope, into: &out)
            }
        }
    }

    static func isTruthy(_ v: JSONValue?) -> Bool {
        switch v {
        case nil, .null?, .bool(false)?: return false
        case .string(let s)?: return !s.isEmpty
        case .array(let a)?: return !a.isEmpty
        case .object(let o)?: return !o.isEmpty
        case .number(let n)?: return n != 0
        default: return true
        }
    }

    static func text(of v: JSONValue) -> String {
        switch v {
        case .string(let s): return s
        case .null: return ""
        case .number(let n): return JSONPrinter.formatNumber(n)
        case .bool(let b): return b ? "true" : "false"
        default: return v.compact
        }
    }

    static func evaluate(_ e: Expression, _ scope: ScriptScope) -> JSONValue {
        var value = scope.lookup(e.path) ?? .null
        for (name, argument) in e.filters { value = apply(name, argument, to: value) }
        return value
    }

    private static func apply(_ filter: String, _ argument: String?, to value: JSONValue) -> JSONValue {
        switch filter {
        case "trim": return .string(text(of: value).trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "?.!"))))
        case "lower": return .string(text(of: value).lowercased())
        case "upper": return .string(text(of: value).uppercased())
        case "title": return .string(text(of: value).split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " "))
        case "number":
            if case .number = value { return value }
            let cleaned = text(of: value).trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
            return Double(cleaned).map(JSONValue.number) ?? value
        case "round":
            guard let n = value.doubleValue ?? Double(text(of: value)) else { return value }
            let p = pow(10, Double(Int(argument ?? "0") ?? 0))
            return .number((n * p).rounded() / p)
        case "join":
            guard let items = value.arrayValue else { return value }
            return .string(items.map(text(of:)).joined(separator: argument ?? ", "))
        case "default": return isTruthy(value) ? value : .string(argument ?? "")
        case "json": return .string(value.compact)
        case "first": return value.arrayValue?.first ?? value
        case "count":
            if let a = value.arrayValue { return .number(Double(a.count)) }
            if let o = value.objectValue { return .number(Double(o.count)) }
            return .number(0)
        case "unit":
            switch text(of: value).lowercased() {
            case "celsius": return "°C"
            case "fahrenheit": return "°F"
            case "kelvin": return "K"
            default: return value
            }
        case "scale":
            switch text(of: value).lowercased().trimmingCharacters(in: .whitespaces) {
            case "c", "°c", "celsius", "centigrade": return "celsius"
            case "f", "°f", "fahrenheit": return "fahrenheit"
            case "k", "kelvin": return "kelvin"
            default: return value
            }
        default: return value
        }
    }

    private struct Parser {
        let source: [Character]
        let path: String
        var i = 0

        mutating func parseNodes(until terminators: Set<String>) throws(ScriptError) -> [Node] {
            var nodes: [Node] = []
            var text = ""
            while i < source.count {
                if source[i] == "{", i + 1 < source.count, source[i + 1] == "{" {
                    let tagStart = i
                    guard let close = findClose(from: i + 2) else {
                        throw ScriptError(path: path, message: "unclosed {{ at character \(i + 1)")
                    }
                    let tag = String(source[(i + 2)..<close]).trimmingCharacters(in: .whitespaces)
                    i = close + 2
                    if terminators.contains(tag) || terminators.contains(where: { tag.hasPrefix($0 + " ") }) {
                        if !text.isEmpty { nodes.append(.text(text)) }
                        i = tagStart  // let the caller consume the terminator
                        return nodes
                    }
                    if !text.isEmpty { nodes.append(.text(text)); text = "" }
                    nodes.append(try parseTag(tag))
                } else {
                    text.append(source[i])
                    i += 1
                }
            }
            if !terminators.isEmpty {
                throw ScriptError(path: path, message: "missing {{\(terminators.sorted().first!)}}")
            }
            if !text.isEmpty { nodes.append(.text(text)) }
            return nodes
        }

        private mutating func parseTag(_ tag: String) throws(ScriptError) -> Node {
            if tag.hasPrefix("#each ") {
                let rest = String(tag.dropFirst(6)).trimmingCharacters(in: .whitespaces)
                let (pathPart, attributes) = try parseAttributes(rest, tag: tag)
                let body = try parseNodes(until: ["/each"])
                try consume("/each")
                return .each(path: pathPart, separator: attributes["sep"] ?? "", filter: attributes["where"], body: body)
            }
            if tag.hasPrefix("#if ") {
                let condition = String(tag.dropFirst(4)).trimmingCharacters(in: .whitespaces)
                let then = try parseNodes(until: ["else", "/if"])
                var otherwise: [Node] = []
                if peekTag() == "else" {
                    try consume("else")
                    otherwise = try parseNodes(until: ["/if"])
                }
                try consume("/if")
                return .conditional(path: condition, then: then, otherwise: otherwise)
            }
            if tag.hasPrefix("#") || tag.hasPrefix("/") || tag == "else" {
                throw ScriptError(path: path, message: "unexpected {{\(tag)}}")
            }
            return .value(try parseExpression(tag))
        }

        /// `PATH key=value key="quoted value"` → the path and the attributes (`sep`, `where`).
        private func parseAttributes(_ text: String, tag: String) throws(ScriptError) -> (String, [String: String]) {
            var chars = Substring(text)
            func word() -> String {
                while chars.first == " " { chars = chars.dropFirst() }
                var out = ""
                var quoted = false
                while let c = chars.first, quoted || c != " " {
                    if c == "\"" { quoted.toggle() }
                    out.append(c)
                    chars = chars.dropFirst()
                }
                return out
            }
            let path = word()
            var attributes: [String: String] = [:]
            while true {
                let w = word()
                if w.isEmpty { break }
                guard let eq = w.firstIndex(of: "=") else {
                    throw ScriptError(path: self.path, message: "expected key=value in {{\(tag)}}, got \(w)")
                }
                let key = String(w[..<eq])
                guard key == "sep" || key == "where" else {
                    throw ScriptError(path: self.path, message: "unknown attribute \"\(key)\" in {{\(tag)}}; use sep= or where=")
                }
                attributes[key] = unquote(String(w[w.index(after: eq)...]))
            }
            return (path, attributes)
        }

        private func parseExpression(_ tag: String) throws(ScriptError) -> Expression {
            let parts = splitFilters(tag)
            var filters: [(String, String?)] = []
            for part in parts.dropFirst() {
                let pieces = part.split(separator: ":", maxSplits: 1).map(String.init)
                let name = pieces[0].trimmingCharacters(in: .whitespaces)
                guard ScriptTemplate.knownFilters.contains(name) else {
                    throw ScriptError(path: path, message: "unknown filter \"\(name)\" in {{\(tag)}}; known: \(ScriptTemplate.knownFilters.sorted().joined(separator: ", "))")
                }
                filters.append((name, pieces.count > 1 ? unquote(pieces[1]) : nil))
            }
            return Expression(path: parts[0].trimmingCharacters(in: .whitespaces), filters: filters)
        }

        /// Splits on `|` outside quotes, so `join:" | "` works.
        private func splitFilters(_ s: String) -> [String] {
            var parts: [String] = [""]
            var quoted = false
            for c in s {
                if c == "\"" { quoted.toggle() }
                if c == "|" && !quoted { parts.append("") } else { parts[parts.count - 1].append(c) }
            }
            return parts
        }

        private func unquote(_ s: String) -> String {
            let t = s.trimmingCharacters(in: .whitespaces)
            guard t.count >= 2, t.first == "\"", t.last == "\"" else { return t }
            return String(t.dropFirst().dropLast()).replacingOccurrences(of: "\\n", with: "\n")
        }

        private func findClose(from start: Int) -> Int? {
            var j = start
            while j + 1 < source.count {
                if source[j] == "}" && source[j + 1] == "}" { return j }
                j += 1
            }
            return nil
        }

        private func peekTag() -> String? {
            guard i + 1 < source.count, source[i] == "{", source[i + 1] == "{", let close = findClose(from: i + 2) else { return nil }
            return String(source[(i + 2)..<close]).trimmingCharacters(in: .whitespaces)
        }

        private mutating func consume(_ tag: String) throws(ScriptError) {
            guard peekTag() == tag, let close = findClose(from: i + 2) else {
                throw ScriptError(path: path, message: "expected {{\(tag)}}")
            }
            i = close + 2
        }
    }
}

/// Variables visible to a template: a stack of scopes, innermost first.
struct ScriptScope: Sendable {
    var frames: [JSONObject]

    init(root: JSONObject) { frames = [root] }

    func pushing(_ item: JSONValue, index: Int) -> ScriptScope {
        var copy = self
        var frame: JSONObject = ["this": item, "item": item, "@index": .number(Double(index)), "@number": .number(Double(index + 1))]
        if let o = item.objectValue { for (k, v) in o where frame[k] == nil { frame[k] = v } }
        copy.frames.append(frame)
        return copy
    }

    func lookup(_ path: String) -> JSONValue? {
        let segments = path.split(separator: ".").map(String.init)
        guard let head = segments.first else { return nil }
        for frame in frames.reversed() {
            guard var value = frame[head] else { continue }
            for segment in segments.dropFirst() {
                if let index = Int(segment), let array = value.arrayValue {
                    guard index >= 0, index < array.count else { return nil }
                    value = array[index]
                } else if let next = value[segment] {
                    value = next
                } else {
                    return nil
                }
            }
            return value
        }
        return nil
    }
}
