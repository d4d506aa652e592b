import ToolscopeEngine

/// Reads a Responses `response` object — a whole non-streamed body, or the snapshot a stream's
/// terminal event carries — into the engine's answer.
///
/// Responses has no `finish_reason`; completion is decided from the `status`, the
/// `incomplete_details` and whether call items came (`ResponsesFormat.finishReason`). A
/// `failed` (or `cancelled`) response is an error, never an answer.
enum ResponsesDecoder {
    static func decode(_ bytes: [UInt8]) throws(ProviderError) -> ChatResponse {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes: bytes)
        } catch {
            let text = String(decoding: bytes.prefix(400), as: UTF8.self)
            throw ProviderError(kind: .malformed,
                                message: "the response body is not valid JSON (\(error)): \(StreamAssembler.excerpt(text))")
        }
        guard json.objectValue != nil else {
            throw ProviderError(kind: .malformed, message: "the response body is a JSON \(json.typeName), not a response object")
        }
        if json["object"]?.stringValue != "response", json["output"] == nil, let payload = json["error"], !payload.isNull {
            let error = ServerErrorPayload(payload)
            throw ProviderError(kind: .http, message: "the server answered 200 but with an error: \(error.summary)",
                                status: 200, errorType: error.type, errorCode: error.code)
        }
        return try response(json, kind: .http)
    }

    /// The answer in a `response` object. `kind` is the error kind for a failed response
    /// (`.http` for a plain body, `.streamError` for a stream's `response.failed`).
    static func response(_ json: JSONValue, kind: ProviderError.Kind, partial: Message? = nil,
                         warnings: [String] = []) throws(ProviderError) -> ChatResponse {
        let status = json["status"]?.stringValue
        if status == "failed" || status == "cancelled" {
            let error = json["error"].flatMap { $0.isNull ? nil : ServerErrorPayload($0) }
            throw ProviderError(kind: kind,
                                message: "the response \(status!)\(error.map { ": \($0.summary)" } ?? " without an error message")",
                                errorType: error?.type, errorCode: error?.code, partial: partial)
        }
        guard let output = json["output"]?.arrayValue else {
            throw ProviderError(kind: .malformed,
                                message: "the response has no \"output\" array: \(StreamAssembler.excerpt(json.compact))", partial: partial)
        }
        var notes = warnings
        let message = ResponsesFormat.message(output: output, responseID: json["id"]?.stringValue, warnings: &notes)
        let reason = json["incomplete_details"]?["reason"]?.stringValue
        if status == "incomplete" {
            notes.append("the response is incomplete (status incomplete, incomplete_details.reason \(reason ?? "not given")): the answer was cut off")
        } else if let status, status != "completed" {
            notes.append("the response's status is \(status), not completed")
        }
        let finish = ResponsesFormat.finishReason(status: status, incompleteReason: reason, hasCalls: !message.toolCalls.isEmpty)
        return ChatResponse(message: message, finishReason: finish, usage: ResponsesFormat.usage(json["usage"]), warnings: notes)
    }
}
