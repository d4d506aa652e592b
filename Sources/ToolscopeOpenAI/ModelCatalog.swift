import Foundation
import ToolscopeEngine

/// The models a server offers, for the F2 dialog's model field: `GET {base}/models` on the
/// OpenAI wires (`{"data": [{"id": …}, …]}`, which Ollama, vLLM, llama.cpp and LM Studio serve
/// too) and `GET {base}/v1/models` on Anthropic's, with the same key headers as a request.
public enum ModelCatalog {
    /// The URL the list is read from.
    public static func url(for endpoint: OpenAIEndpoint) -> String {
        endpoint.api == .anthropic ? endpoint.baseURL + "/v1/models" : endpoint.baseURL + "/models"
    }

    /// The model ids the server lists, sorted; an error names the URL and what went wrong, with
    /// every secret of the endpoint masked. Gives up after `timeout` seconds.
    public static func list(endpoint: OpenAIEndpoint, transport: any HTTPTransport, timeout: Double = 10) async throws(ProviderError) -> [String] {
        let url = url(for: endpoint)
        var headers = Wires.make(endpoint.api).headers(endpoint, streaming: false)
        headers.removeValue(forKey: "Content-Type")
        let spec = HTTPRequestSpec(method: "GET", url: url, headers: headers, body: [], connectTimeout: endpoint.connectTimeout)
        let redactor = endpoint.redactor
        let outcome: Result<(Int, [UInt8]), ProviderError> = await withTaskGroup(of: Result<(Int, [UInt8]), ProviderError>?.self) { group in
            group.addTask {
                do {
                    let response = try await transport.send(spec)
                    return .success((response.status, try await response.body.collect(limit: 8 << 20)))
                } catch {
                    return .failure(ProviderError(kind: .connection, message: "GET \(url): \(redactor.text(String(describing: error)))"))
                }
            }
            group.addTask {
                try? await Task.sleep(nanoseconds: UInt64(timeout * 1e9))
                return Task.isCancelled ? nil : .failure(ProviderError(kind: .timeout, message: "GET \(url): no answer in \(Int(timeout)) s"))
            }
            var first: Result<(Int, [UInt8]), ProviderError>?
            while first == nil, let next = await group.next() { first = next }
            group.cancelAll()
            return first ?? .failure(ProviderError(kind: .connection, message: "GET \(url): no answer"))
        }
        let (status, body) = try outcome.get()
        let text = String(decoding: body, as: UTF8.self)
        guard status == 200 else {
            let detail = redactor.text(String(text.prefix(300))).trimmingCharacters(in: .whitespacesAndNewlines)
            throw ProviderError(kind: .http, message: "GET \(url): HTTP \(status)\(detail.isEmpty ? "" : ": " + detail)", status: status)
        }
        return try ids(in: text, url: url)
    }

    /// The `id`s of `{"data": [{"id": …}]}` (also a bare array, or `{"models": […]}` with `id` or `name`), sorted.
    static func ids(in text: String, url: String) throws(ProviderError) -> [String] {
        let document: JSONValue
        do { document = try JSONParser.parse(text) } catch {
            throw ProviderError(kind: .malformed, message: "GET \(url): the answer is not JSON (line \(error.line), column \(error.column): \(error.message))")
        }
        guard let entries = document["data"]?.arrayValue ?? document["models"]?.arrayValue ?? document.arrayValue else {
            throw ProviderError(kind: .malformed, message: "GET \(url): expected {\"data\": [{\"id\": …}, …]}; got \(document.typeName)")
        }
        let names = entries.compactMap { $0["id"]?.stringValue ?? $0["name"]?.stringValue ?? $0.stringValue }
        return Array(Set(names)).sorted()
    }
}
