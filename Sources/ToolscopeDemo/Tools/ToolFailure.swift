import ToolscopeEngine

extension BuiltinTools {
    /// Why a built-in tool could not answer, phrased for the model that will read it, plus
    /// machine-readable hints (`suggestions`, `known_cities`…) that go next to `"error"`.
    struct ToolFailure: Error, Sendable, Hashable {
        var message: String
        var extra: JSONObject

        init(_ message: String, extra: JSONObject = [:]) {
            self.message = message
            self.extra = extra
        }

        var outcome: ToolOutcome { .error(message, extra: extra) }
    }
}
