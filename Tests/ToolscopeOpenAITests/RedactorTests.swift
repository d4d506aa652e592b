import Foundation
import Testing
@testable import ToolscopeOpenAI
import ToolscopeEngine

@Suite("Redaction")
struct RedactorTests {
    let key = "sk-test-1234567890abcdef"

    @Test("credential headers are masked by name, keeping the scheme")
    func headers() {
        let r = Redactor(secrets: [key])
        let out = r.headers(["Authorization": "Bearer \(key)", "x-api-key": "gateway-secret", "API-Key": "k2",
                             "Content-Type": "application/json", "X-Echo": "my key is \(key)"])
        #expect(out["Authorization"] == "Bearer [redacted]")
        #expect(out["x-api-key"] == "[redacted]")
        #expect(out["API-Key"] == "[redacted]")
        #expect(out["Content-Type"] == "application/json")
        #expect(out["X-Echo"] == "my key is [redacted]")
    }

    @Test("the literal key and any bearer token are masked anywhere in text")
    func text() {
        let r = Redactor(secrets: [key, "ab"])
        #expect(r.text("Incorrect API key provided: \(key). Again: \(key)") == "Incorrect API key provided: [redacted]. Again: [redacted]")
        #expect(r.text("header was authorization: bearer eyJhbGciOi.x-y_z") == "header was authorization: bearer [redacted]")
        #expect(r.text("about cabbage") == "about cabbage", "secrets shorter than 4 characters are not masked")
    }

    @Test("an endpoint's redactor knows the key and every extra header value, from the session or the command line")
    func endpointSecrets() throws {
        var config = ProviderConfig(kind: .openai)
        config.baseURL = "http://127.0.0.1:9/v1"
        config.extraHeaders = ["X-Api-Key": "gw-secret-value", "X-Team": "blue-team"]
        config.commandLineHeaders = ["X-Other": "Token other-999"]
        let endpoint = try OpenAIEndpoint(config: config, environment: ["OPENAI_API_KEY": key])
        let text = endpoint.redactor.text("\(key) gw-secret-value blue-team other-999 red")
        #expect(text == "[redacted] [redacted] [redacted] [redacted] red")
        #expect(endpoint.openAIHeaders(streaming: true)["X-Other"] == "Token other-999", "command-line headers are sent")
        #expect(endpoint.openAIHeaders(streaming: true)["Authorization"] == "Bearer \(key)")
    }

    @Test("bearer tokens are found in any case, several times, beside non-ASCII text")
    func bearerScan() {
        #expect(Redactor.maskBearerTokens("BEARER abc.def and BeArEr xyz") == "BEARER [redacted] and BeArEr [redacted]")
        #expect(Redactor.maskBearerTokens("é bearer tök€n ü") == "é bearer [redacted]€n ü", "the token ends at the first character outside the token alphabet")
        #expect(Redactor.maskBearerTokens("Bearer [redacted] stays") == "Bearer [redacted] stays")
        #expect(Redactor.maskBearerTokens("bearer") == "bearer", "no space, no token")
        #expect(Redactor.maskBearerTokens("ends with bearer ") == "ends with bearer ")
        let plain = String(repeating: "data: {\"b\":\"beare\"} ", count: 500)
        #expect(Redactor.maskBearerTokens(plain) == plain)
    }

    @Test("the byte scan agrees with a case-insensitive search")
    func bearerScanAgrees() {
        for text in ["x bearer y", "xBEARER y", "bearerbearer z", "be arer ", "é🙂Bearer q", "", "bearer"] {
            let scanned = Redactor.bearer(in: Substring(text)).map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) }
            let searched = text.range(of: "bearer ", options: .caseInsensitive).map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) }
            #expect(scanned == searched, "\(text)")
        }
    }
}
