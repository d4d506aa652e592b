import ToolscopeEngine

/// Reads a non-streamed Chat Completions body (`"object": "chat.completion"`).
///
/// Unlike a stream, a plain body either parses as a whole or not at all, so the only things to
/// get right are clear messages for a body that is not the expected shape and keeping every
/// choice, the finish reason and the usage.
enum CompletionDecoder {
    static func decode(_ bytes: [UInt8]) throws(ProviderError) -> ChatResponse {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes: bytes)
        } catch {
            let text = String(decoding: bytes.prefix(400), as: UTF8.self)
            throw ProviderError(kind: .malformed,
                                message: "the response body is not valid JSON (\(error)): \(StreamAssembler.excerpt(text))")
        }
        if let payload = json["error"], !payload.isNull {
            let error = ServerErrorPayload(payload)
            throw ProviderError(kind: .http, message: "the server answered 200 but with an error: \(error.summary)",
                                status: 200, errorType: error.type, errorCode: error.code)
        }
        guard let choices = json["choices"]?.arrayValue, !choices.isEmpty else {
            throw ProviderError(kind: .malformed,
                                message: "the response has no \"choices\" array: \(StreamAssembler.excerpt(json.compact))")
        }
        var ordered: [(Int, Message, String?)] = []
        var warnings: [String] = []
        for (position, choice) in choices.enumerated() {
            guard var raw = choice["message"]?.objectValue else {
                throw ProviderError(kind: .malformed, message: "choice \(position) of the response has no \"message\" object")
            }
            if raw["role"] == nil { raw["role"] = "assistant" }
            let message: Message
            do {
                message = try Message(json: .object(raw), path: "/choices/\(position)/message")
            } catch {
                throw ProviderError(kind: .malformed, message: "choice \(position) of the response is not a valid message: \(error)")
            }
            ordered.append((choice["index"]?.intValue ?? position, message, choice["finish_reason"]?.stringValue))
        }
        ordered.sort { $0.0 < $1.0 }
        let first = ordered[0]
        if first.2 == nil { warnings.append("the response's choice 0 has no finish_reason") }
        return ChatResponse(message: first.1, finishReason: first.2, usage: Usage(json: json["usage"]),
                            otherChoices: ordered.dropFirst().map(\.1), warnings: warnings)
    }
}
