import OrderedCollections

/// Token counts reported by the server for one response.
public struct Usage: Sendable, Hashable {
    public var promptTokens: Int
    public var completionTokens: Int
    public var totalTokens: Int
    public var cachedTokens: Int?
    public var reasoningTokens: Int?

    public init(promptTokens: Int, completionTokens: Int, totalTokens: Int? = nil, cachedTokens: Int? = nil, reasoningTokens: Int? = nil) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens ?? promptTokens + completionTokens
        self.cachedTokens = cachedTokens
        self.reasoningTokens = reasoningTokens
    }

    public init?(json: JSONValue?) {
        guard let json, let p = json["prompt_tokens"]?.intValue, let c = json["completion_tokens"]?.intValue else { return nil }
        self.init(promptTokens: p, completionTokens: c, totalTokens: json["total_tokens"]?.intValue,
                  cachedTokens: json["prompt_tokens_details"]?["cached_tokens"]?.intValue,
                  reasoningTokens: json["completion_tokens_details"]?["reasoning_tokens"]?.intValue)
    }

    public var json: JSONValue {
        var o: JSONObject = ["prompt_tokens": .number(Double(promptTokens)), "completion_tokens": .number(Double(completionTokens)),
                             "total_tokens": .number(Double(totalTokens))]
        if let cachedTokens { o["prompt_tokens_details"] = ["cached_tokens": .number(Double(cachedTokens))] }
        if let reasoningTokens { o["completion_tokens_details"] = ["reasoning_tokens": .number(Double(reasoningTokens))] }
        return .object(o)
    }

    public static func + (a: Usage, b: Usage) -> Usage {
        Usage(promptTokens: a.promptTokens + b.promptTokens, completionTokens: a.completionTokens + b.completionTokens,
              totalTokens: a.totalTokens + b.totalTokens)
    }
}
