import Foundation
import Testing
import ToolscopeTestSupport
import ToolscopeEngine
@testable import ToolscopeOpenAI

/// The F2 dialog's model list: `GET …/models` through the provider module, against llmock,
/// and in the workbench (tmux).
@Suite("Model list", .serialized)
struct ModelCatalogTests {
    private func endpoint(_ base: String, api: WireAPI = .chat) throws(ProviderError) -> OpenAIEndpoint {
        var config = ProviderConfig(kind: .openai)
        config.switchWire(to: api)
        config.baseURL = base
        // The Anthropic wire refuses to build an endpoint without a key; nothing is sent with it here.
        return try OpenAIEndpoint(config: config, environment: api == .anthropic ? ["ANTHROPIC_API_KEY": "test-key"] : [:])
    }

    @Test func listsTheModelsLLMockServes() async throws {
        let server = try await LLMockServer.start(lifetime: 60)
        defer { server.stop() }
        let names = try await ModelCatalog.list(endpoint: endpoint(server.baseURL), transport: AsyncHTTPClientTransport())
        #expect(names.contains("gpt-4o-mini"), "\(names)")
        #expect(names == names.sorted())
    }

    @Test func aServerWithoutTheListSaysWhy() async throws {
        let server = try await LLMockServer.start(lifetime: 60)
        defer { server.stop() }
        // A base URL one level off: the models path does not exist there.
        do {
            _ = try await ModelCatalog.list(endpoint: endpoint(server.baseURL + "/nowhere"), transport: AsyncHTTPClientTransport())
            Issue.record("a 404 must fail")
        } catch {
            #expect(error.message.contains("GET \(server.baseURL)/nowhere/models: HTTP 404"), "\(error.message)")
        }
    }

    @Test func nothingListeningIsAConnectionError() async throws {
        do {
            _ = try await ModelCatalog.list(endpoint: endpoint("http://127.0.0.1:9/v1"), transport: AsyncHTTPClientTransport(), timeout: 5)
            Issue.record("nothing listens on port 9")
        } catch {
            #expect(error.message.hasPrefix("GET http://127.0.0.1:9/v1/models:"), "\(error.message)")
        }
    }

    @Test func readsTheListShapesServersUse() throws {
        #expect(try ModelCatalog.ids(in: #"{"object":"list","data":[{"id":"b"},{"id":"a"}]}"#, url: "u") == ["a", "b"])
        #expect(try ModelCatalog.ids(in: #"{"models":[{"name":"llama3.1:8b"}]}"#, url: "u") == ["llama3.1:8b"])
        #expect(throws: ProviderError.self) { try ModelCatalog.ids(in: "<html>", url: "u") }
    }

    @Test func theAnthropicWireAsksV1Models() throws {
        #expect(ModelCatalog.url(for: try endpoint("https://api.anthropic.com", api: .anthropic)) == "https://api.anthropic.com/v1/models")
        #expect(ModelCatalog.url(for: try endpoint("http://127.0.0.1:8080/v1")) == "http://127.0.0.1:8080/v1/models")
    }

    @Test func f2OffersTheServersModels() async throws {
        let server = try await LLMockServer.start(lifetime: 90)
        defer { server.stop() }
        let workbench = try WorkbenchTmux(arguments: ["workbench", "--base-url", server.baseURL, "--model", "typed-by-hand"])
        try workbench.waitFor(text: "openai \(server.baseURL)")
        try workbench.send("F2")
        let dialog = try workbench.waitFor(text: "models on the server: PgUp/PgDn choose", timeout: 20)
        #expect(dialog.contains("typed-by-hand"), "\(dialog)")
        try workbench.send("PageDown")
        let names = try await ModelCatalog.list(endpoint: endpoint(server.baseURL), transport: AsyncHTTPClientTransport())
        try workbench.waitFor(text: names[0])
        try workbench.send("Enter")
        try workbench.waitFor("the status line to show \(names[0])") { $0.contains("/v1 · \(names[0])") }
    }
}
