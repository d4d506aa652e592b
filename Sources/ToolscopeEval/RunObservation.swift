import ToolscopeEngine

/// What a run did, as far as scoring cares: the calls of each model reply, the final answer,
/// tokens and time. The live runner builds it from the turn's messages; `--score-only` from a
/// line of an outputs file; re-scoring from a stored run. Scoring needs nothing else, which is
/// why re-scoring against edited expectations needs no model.
public struct RunObservation: Sendable, Hashable {
    /// One entry per model reply, in order, holding that reply's tool calls (empty for the
    /// reply that answered in text).
    public var rounds: [[ObservedCall]]
    /// The final answer text, if the turn ended with one.
    public var answer: String?
    public var promptTokens: Int?
    public var completionTokens: Int?
    /// Wall time of the turn, in seconds.
    public var latency: Double?

    public init(rounds: [[ObservedCall]], answer: String? = nil, promptTokens: Int? = nil, completionTokens: Int? = nil, latency: Double? = nil) {
        self.rounds = rounds
        self.answer = answer
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.latency = latency
    }

    /// From the messages a turn appended (assistant and tool messages after the prompt):
    /// every assistant message is a round; the last one's text is the answer.
    public init(turn messages: [Message], usage: Usage? = nil, latency: Double? = nil) {
        var rounds: [[ObservedCall]] = []
        var answer: String?
        for message in messages where message.role == .assistant {
            rounds.append(message.toolCalls.map { ObservedCall($0) })
            answer = message.toolCalls.isEmpty ? message.content : nil
        }
        self.init(rounds: rounds, answer: answer, promptTokens: usage?.promptTokens, completionTokens: usage?.completionTokens, latency: latency)
    }

    public var totalTokens: Int? {
        guard let promptTokens, let completionTokens else { return nil }
        return promptTokens + completionTokens
    }

    /// The calls a scope looks at, each with where it was made.
    public func calls(in scope: Expectation.Scope) -> [CallReference] {
        let range = scope == .firstRound ? rounds.indices.prefix(1) : rounds.indices[...]
        var out: [CallReference] = []
        for r in range { for (i, call) in rounds[r].enumerated() { out.append(CallReference(round: r, index: i, call: call)) } }
        return out
    }
}

/// One tool call as the model made it.
public struct ObservedCall: Sendable, Hashable {
    public var name: String
    /// The arguments as the model wrote them (it may not be JSON).
    public var argumentsText: String
    /// The parsed arguments, or why they are not JSON.
    public var arguments: Result<JSONValue, JSONParseError>

    public init(name: String, argumentsText: String) {
        self.name = name
        self.argumentsText = argumentsText
        // An empty string is how some servers send "no arguments".
        let text = argumentsText.allSatisfy(\.isWhitespace) ? "{}" : argumentsText
        do { arguments = .success(try JSONParser.parse(text)) } catch { arguments = .failure(error) }
    }

    public init(name: String, arguments: JSONValue) {
        self.name = name
        argumentsText = arguments.compact
        self.arguments = .success(arguments)
    }

    public init(_ call: ToolCall) { self.init(name: call.name, argumentsText: call.arguments) }
}

/// A call and its place in the run: round (0-based reply number) and index in that reply.
public struct CallReference: Sendable, Hashable, CustomStringConvertible {
    public var round: Int
    public var index: Int
    public var call: ObservedCall

    public init(round: Int, index: Int, call: ObservedCall) {
        self.round = round
        self.index = index
        self.call = call
    }

    public var description: String { "\(call.name) (round \(round + 1), call \(index + 1))" }
}
