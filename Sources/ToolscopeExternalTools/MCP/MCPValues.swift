import Foundation
import MCP
import ToolscopeEngine

/// Conversions between toolscope's JSON and the MCP SDK's values, and the rendering of MCP
/// content blocks as a tool message.
enum MCPValues {
    static func value(from json: JSONValue) -> Value {
        switch json {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n):
            if n == n.rounded(), abs(n) < 9.0e15 { return .int(Int(n)) }
            return .double(n)
        case .bigInteger(let text):
            // The SDK's Int is 64-bit: exact up to 2^63; beyond that the nearest Double is all it can carry.
            if let i = Int(text) { return .int(i) }
            return .double(Double(text) ?? 0)
        case .string(let s): return .string(s)
        case .array(let a): return .array(a.map(value(from:)))
        case .object(let o): return .object(Dictionary(uniqueKeysWithValues: o.map { ($0.key, value(from: $0.value)) }))
        }
    }

    /// SDK values back to JSON; object keys are sorted because the SDK kept no order.
    static func json(from value: Value) -> JSONValue {
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return abs(i) > 9_007_199_254_740_992 ? .bigInteger(String(i)) : .number(Double(i))
        case .double(let d): return .number(d)
        case .string(let s): return .string(s)
        case .data(let mime, let data): return .string("data:\(mime ?? "application/octet-stream");base64,\(data.base64EncodedString())")
        case .array(let a): return .array(a.map(json(from:)))
        case .object(let o):
            var out = JSONObject()
            for key in o.keys.sorted() { out[key] = json(from: o[key]!) }
            return .object(out)
        }
    }

    /// A tool as JSON when the raw message was not available (fallback; key order sorted).
    static func json(fromTool tool: Tool) -> JSONValue {
        var o: JSONObject = ["name": .string(tool.name)]
        if let d = tool.description { o["description"] = .string(d) }
        o["inputSchema"] = json(from: tool.inputSchema)
        return .object(o)
    }

    /// The tool message text: text blocks as they are (joined by newlines); other blocks as a
    /// short bracketed note, since base64 images sent as text only cost the model tokens.
    static func text(of content: [Tool.Content]) -> String {
        content.map { block -> String in
            switch block {
            case .text(let text, _, _): return text
            case .image(let data, let mime, _, _): return "[image \(mime), \(data.count * 3 / 4) bytes]"
            case .audio(let data, let mime, _, _): return "[audio \(mime), \(data.count * 3 / 4) bytes]"
            case .resource(let resource, _, _):
                return resource.text ?? "[resource \(resource.uri)\(resource.mimeType.map { ", " + $0 } ?? "")]"
            case .resourceLink(let uri, let name, _, _, _, _):
                return "[resource link \(name): \(uri)]"
            }
        }.joined(separator: "\n")
    }

    /// The content blocks for the trace, with binary payloads reduced to their size.
    static func details(of content: [Tool.Content]) -> JSONValue {
        .array(content.map { block -> JSONValue in
            switch block {
            case .text(let text, _, _): return ["type": "text", "text": .string(text)]
            case .image(let data, let mime, _, _): return ["type": "image", "mimeType": .string(mime), "base64_chars": .number(Double(data.count))]
            case .audio(let data, let mime, _, _): return ["type": "audio", "mimeType": .string(mime), "base64_chars": .number(Double(data.count))]
            case .resource(let r, _, _):
                var o: JSONObject = ["type": "resource", "uri": .string(r.uri)]
                if let t = r.text { o["text"] = .string(t) }
                if let m = r.mimeType { o["mimeType"] = .string(m) }
                return .object(o)
            case .resourceLink(let uri, let name, _, _, _, _):
                return ["type": "resource_link", "uri": .string(uri), "name": .string(name)]
            }
        })
    }
}
