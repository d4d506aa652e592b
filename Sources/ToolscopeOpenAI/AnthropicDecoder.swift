import ToolscopeEngine

/// Reads a non-streamed Anthropic Messages body (`"type": "message"`): content blocks, the
/// `stop_reason` and the usage; an `{"type":"error","error":{…}}` envelope is the server's error.
enum AnthropicDecoder {
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
        guard let blocks = json["content"]?.arrayValue else {
            throw ProviderError(kind: .malformed,
                                message: "the response has no \"content\" array of blocks: \(StreamAssembler.excerpt(json.compact))")
        }
        for (i, block) in blocks.enumerated() where block["type"]?.stringValue == nil {
            throw ProviderError(kind: .malformed, message: "content block \(i) of the response has no \"type\": \(StreamAssembler.excerpt(block.compact))")
        }
        var warnings: [String] = []
        for block in blocks where block["type"]?.stringValue == "tool_use" {
            if block["input"]?.objectValue == nil {
                warnings.append("the tool_use block \(block["id"]?.stringValue ?? "?") has an input that is not a JSON object")
            }
        }
        let stopReason = json["stop_reason"]?.stringValue
        if stopReason == nil { warnings.append("the response has no stop_reason") }
        return ChatResponse(message: AnthropicFormat.message(blocks: blocks),
                            finishReason: stopReason.map(AnthropicFormat.finishReason(stopReason:)),
                            usage: AnthropicFormat.usage(json["usage"]),
                            warnings: warnings + AnthropicWire.stopReasonNotes(stopReason))
    }
}
