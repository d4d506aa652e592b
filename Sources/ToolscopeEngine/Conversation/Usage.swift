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

    /// Reads usage as a session file stores it, strictly: every present count must be an integer.
    init(stored json: JSONValue, path: String) throws(SchemaShapeError) {
        let f = try JSONFields(json, path: path, what: "usage")
        let prompt = try f.int("prompt_tokens")
        let completion = try f.int("completion_tokens")
        guard let prompt, let completion else {
            throw SchemaShapeError(path: path, message: "usage needs prompt_tokens and completion_tokens")
        }
        let details = try f.value("prompt_tokens_details").map { v throws(SchemaShapeError) in
            try JSONFields(v, path: f.pointer("prompt_tokens_details"), what: "prompt_tokens_details")
        }
        let completionDetails = try f.value("completion_tokens_details").map { v throws(SchemaShapeError) in
            try JSONFields(v, path: f.pointer("completion_tokens_details"), what: "completion_tokens_details")
        }
        self.init(promptTokens: prompt, completionTokens: completion, totalTokens: try f.int("total_tokens"),
                  cachedTokens: try details?.int("cached_tokens"), reasoningTokens: try completionDetails?.int("reasoning_tokens"))
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
