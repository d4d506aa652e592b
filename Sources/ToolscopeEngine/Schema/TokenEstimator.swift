/// Estimates the prompt tokens tool definitions add to every request. It is an estimate:
/// OpenAI does not publish how tools are formatted for the model nor ship its tokenizer
/// here, so the definition is rendered in the TypeScript-like form the model is known to
/// see and counted with a word-piece heuristic. On published reference requests it lands
/// within about 10 % of the real `prompt_tokens`; docs/lint.md describes the method.
public enum TokenEstimator {
    /// Tokens of the wrapper OpenAI puts around the tools of a request ("# Tools",
    /// "namespace functions {" … "}"), paid once per request that has tools.
    public static let requestOverhead = 16

    /// Tokens one definition adds, not counting the once-per-request wrapper.
    public static func estimate(_ tool: ToolDefinition) -> Int {
        guard tool.isFunction else {
            // Custom tools are passed through; count their JSON as text.
            return TokenHeuristic.count(tool.raw.compact)
        }
        return TokenHeuristic.count(FunctionSignatureRenderer.render(tool))
    }

    /// Tokens a request's tools add: each definition plus the wrapper, or 0 without tools.
    public static func estimate(_ tools: [ToolDefinition]) -> Int {
        guard !tools.isEmpty else { return 0 }
        return tools.reduce(requestOverhead) { $0 + estimate($1) }
    }
}
