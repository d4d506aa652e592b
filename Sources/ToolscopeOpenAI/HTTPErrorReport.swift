import Foundation
import NIOHTTP1
import ToolscopeEngine

/// Turns an error status and its body into a `ProviderError` a user can act on: the status, the
/// URL, the server's own `error.message`/`type`/`code`, and for the common cases what to check.
enum HTTPErrorReport {
    static func error(status: Int, url: String, model: String, body: [UInt8], endpoint: OpenAIEndpoint,
                      redactor: Redactor) -> ProviderError {
        let text = redactor.text(String(decoding: body, as: UTF8.self))
        let parsed = try? JSONParser.parse(bytes: body)
        let payload = ServerErrorPayload(body: parsed)
        // NIO knows no phrase for Anthropic's 529 (or any non-standard status): never start with nothing.
        let phrase = HTTPResponseStatus(statusCode: status).reasonPhrase
        let reason = !phrase.isEmpty ? phrase : status == 529 ? "Overloaded" : "Status \(status)"
        let said: String
        if let payload {
            said = " Server said: " + redactor.text(payload.summary)
        } else if !text.isEmpty {
            said = " Server said: " + StreamAssembler.excerpt(text.trimmingCharacters(in: .whitespacesAndNewlines), limit: 300)
        } else {
            said = ""
        }
        let advice: String
        switch status {
        case 401:
            let keyState = endpoint.apiKey == nil ? "\(endpoint.apiKeyEnv) is not set" : "check the key in \(endpoint.apiKeyEnv)"
            advice = ": the API key is missing or wrong (\(keyState), or name another variable with --api-key-env)."
        case 403:
            advice = ": the key is not allowed to use this model, organization or project."
        case 404:
            advice = ": check the base URL and that the model \"\(model)\" exists on this server."
        case 429 where payload?.code == "insufficient_quota" || payload?.type == "insufficient_quota":
            advice = ": the account has no quota left (insufficient_quota); retrying will not help."
        case 429:
            advice = ": rate limited."
        case 400, 422:
            advice = ": the server rejected the request as sent (see the request body in the trace)."
        case 500...599:
            advice = ": the server failed."
        default:
            advice = "."
        }
        return ProviderError(kind: .http, message: "\(reason) from \(url)\(advice)\(said)", status: status,
                             errorType: payload?.type, errorCode: payload?.code,
                             rawBody: text.isEmpty ? nil : text)
    }
}
