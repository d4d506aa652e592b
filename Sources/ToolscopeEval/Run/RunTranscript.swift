import Foundation
import ToolscopeEngine

/// What a run left to be scored: its conversation and trace, and its figures. Built from a
/// fresh turn or from a stored run, so re-scoring (`--rescore`, resumed runs) and scoring a new
/// run go through the same code and cannot disagree.
public struct RunTranscript: Sendable {
    public var session: Session
    /// Index of the prompt in `session.messages`: the turn is every message after it.
    public var promptIndex: Int
    public var tokensIn: Int
    public var tokensOut: Int
    public var latency: Double
    public var rounds: Int

    public init(session: Session, promptIndex: Int, tokensIn: Int, tokensOut: Int, latency: Double, rounds: Int) {
        self.session = session
        self.promptIndex = promptIndex
        self.tokensIn = tokensIn
        self.tokensOut = tokensOut
        self.latency = latency
        self.rounds = rounds
    }

    /// The messages the model and the tools added in this turn.
    public var turnMessages: ArraySlice<Message> { session.messages[(promptIndex + 1)...] }

    /// The assistant messages of the turn that asked for tools, one per round, in order.
    public var callRounds: [[ToolCall]] { turnMessages.filter { $0.role == .assistant && !$0.toolCalls.isEmpty }.map(\.toolCalls) }

    /// The turn's final text: the content of its last assistant message without tool calls.
    public var finalText: String? { turnMessages.last { $0.role == .assistant && $0.toolCalls.isEmpty }?.content }

    /// Rebuilds what scoring needs from a stored run: its messages and figures. Only the
    /// `messages` of the stored session are decoded (its trace, dates and tools are not: a
    /// report re-scores every run, and full decoding was most of its cost); the session's
    /// title is the run's. Use `SessionFile.decode(run.transcript)` for the whole session.
    public init(stored run: StoredRun) throws(StoreError) {
        let label = "run \(run.id.map(String.init) ?? "?")"
        var messages: [Message] = []
        do {
            let document = try JSONParser.parse(run.transcript, members: ["messages"])
            guard case .array(let items)? = document["messages"] else {
                throw SchemaShapeError(path: "/messages", message: "the stored session has no messages array")
            }
            for (i, item) in items.enumerated() { messages.append(try Message(json: item, path: "/messages/\(i)")) }
        } catch let error as SchemaShapeError {
            throw StoreError("\(label): its stored transcript does not read as a session (\(error.description))")
        } catch {
            throw StoreError("\(label): its stored transcript is not JSON (\(error))")
        }
        let prompt = messages.lastIndex { $0.role == .user } ?? max(0, messages.count - 1)
        self.init(session: Session(title: label, messages: messages), promptIndex: prompt, tokensIn: run.tokensIn,
                  tokensOut: run.tokensOut, latency: run.latency, rounds: run.rounds)
    }
}
