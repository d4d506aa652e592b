import ToolscopeEngine

/// Recognises, from an error response, the known ways servers reject what OpenAI accepts — so the
/// user reads the cause in one line, with the workaround, instead of a page of validation errors.
/// A recognised quirk is not retried: the same request would fail the same way.
enum ServerQuirks {
    /// llama-cpp-python's server validates an assistant message's `content` as a string and
    /// answers `"content": null` beside `tool_calls` (what OpenAI sends and accepts) with HTTP 500
    /// and pydantic's errors, naming the message (`messages.2...content`, `input_value=None`).
    static func nullContentRejected(_ error: ProviderError, request: ChatRequest, baseURL: String) -> String? {
        guard error.kind == .http, let status = error.status, (400...599).contains(status),
              !request.settings.provider.compat.emptyContentWithToolCalls else { return nil }
        let text = error.rawBody ?? error.message
        let suspects = request.messages.indices.filter { i in
            let m = request.messages[i]
            return m.role == .assistant && !m.toolCalls.isEmpty && m.content == nil && m.contentParts == nil
        }
        guard let first = suspects.first else { return nil }
        let lower = text.lowercased()
        guard lower.utf8.firstRange(of: "content".utf8) != nil else { return nil }
        let namesMessage = suspects.contains { i in
            ["messages.\(i).", "'messages', \(i)", "\"messages\", \(i)", "messages[\(i)]"].contains { text.utf8.firstRange(of: $0.utf8) != nil }
        }
        let namesNull = ["none", "null"].contains { lower.utf8.firstRange(of: $0.utf8) != nil }
        guard namesMessage && namesNull else { return nil }
        return "the server rejects \"content\": null on an assistant message with tool calls (message \(first)), which OpenAI accepts; "
            + "llama-cpp-python's server is known to. Send \"\" instead: --compat \(ServerCompat.Option.emptyContent.rawValue) "
            + "(remembered for \(baseURL)), or F2 → compat in the workbench."
    }
}
