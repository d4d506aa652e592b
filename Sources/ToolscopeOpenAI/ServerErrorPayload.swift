import ToolscopeEngine

/// The `error` object of an OpenAI-style error body or stream payload, read leniently:
/// servers send `{"error":{"message","type","param","code"}}`, a bare string, or `{"detail":…}`,
/// and the user should see the server's own words whichever shape it chose.
struct ServerErrorPayload: Sendable, Hashable {
    var message: String?
    var type: String?
    var code: String?
    var param: String?

    /// Reads the value of an `error` key (object or string).
    init(_ error: JSONValue) {
        switch error {
        case .string(let s):
            message = s
        case .object(let o):
            message = o["message"]?.stringValue
            type = o["type"]?.stringValue
            param = o["param"]?.stringValue
            switch o["code"] {
            case .string(let s)?: code = s
            case .number?: code = o["code"]!.compact
            default: code = nil
            }
        default:
            message = error.compact
        }
    }

    /// Reads a whole response body; `nil` when it holds no recognisable error.
    init?(body: JSONValue?) {
        guard let body else { return nil }
        if let error = body["error"], !error.isNull {
            self.init(error)
        } else if let detail = body["detail"] {
            self.init(detail.stringValue.map(JSONValue.string) ?? .string(detail.compact))
        } else if let message = body["message"]?.stringValue {
            self.init(.string(message))
        } else {
            return nil
        }
    }

    /// "message (type: t, code: c, param: p)", leaving out what the server did not say.
    var summary: String {
        var extras: [String] = []
        if let type { extras.append("type: \(type)") }
        if let code { extras.append("code: \(code)") }
        if let param { extras.append("param: \(param)") }
        let text = message ?? "no message"
        return extras.isEmpty ? text : "\(text) (\(extras.joined(separator: ", ")))"
    }
}
