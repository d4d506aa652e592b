import ToolscopeEngine

/// What must happen in one run of a case: the calls, the answer, the budgets. Anything left
/// unset is not checked, so an expectation can be as loose as "answers without a tool".
public struct Expectation: Sendable, Hashable {
    /// Which calls the call checks look at.
    public enum Scope: String, Sendable, Hashable, CaseIterable {
        /// The model's first reply only: the parallel calls it made straight away.
        case firstRound = "first_round"
        /// Every call of the turn, across all rounds (the trajectory), order-free.
        case turn
    }

    /// Whether calls beyond the expected ones fail the run.
    public enum CountRule: String, Sendable, Hashable, CaseIterable {
        /// Exactly the expected calls: an extra call fails.
        case exact
        /// The expected calls and possibly more.
        case atLeast = "at_least"
    }

    /// Tools the model must not call in the whole turn.
    public enum NoCall: Sendable, Hashable {
        /// No tool at all: the model must answer directly.
        case anyTool
        /// None of these tools (others are fine).
        case tools([String])
    }

    public var scope: Scope = .firstRound
    /// The expected calls; nil leaves calls unchecked (an empty list means "no call in scope").
    public var calls: [CallExpectation]?
    public var count: CountRule = .exact
    /// The default for calls that do not say.
    public var extraArguments: ExtraArguments = .fail
    public var noCall: NoCall?
    /// At least one tool call in the turn, whatever it is (BFCL's live_relevance).
    public var requireCall = false
    public var answer: AnswerExpectation?
    public var budget: Budget?

    public init(scope: Scope = .firstRound, calls: [CallExpectation]? = nil, count: CountRule = .exact,
                extraArguments: ExtraArguments = .fail, noCall: NoCall? = nil, answer: AnswerExpectation? = nil, budget: Budget? = nil) {
        self.scope = scope
        self.calls = calls
        self.count = count
        self.extraArguments = extraArguments
        self.noCall = noCall
        self.answer = answer
        self.budget = budget
    }
}

/// One expected call: the tool's name and, optionally, what its arguments must be.
public struct CallExpectation: Sendable, Hashable {
    /// The name as the suite writes it. A call whose name is this with the characters a
    /// provider forbids replaced (`math.hypot` → `math_hypot`) matches too: see `ToolName`.
    public var name: String
    /// Matchers per top-level argument; nil leaves the arguments unchecked.
    public var arguments: OrderedDictionary<String, ArgumentMatcher>?
    /// Overrides the expectation's `extra_arguments` for this call.
    public var extraArguments: ExtraArguments?

    public init(name: String, arguments: OrderedDictionary<String, ArgumentMatcher>? = nil, extraArguments: ExtraArguments? = nil) {
        self.name = name
        self.arguments = arguments
        self.extraArguments = extraArguments
    }
}

/// Checks on the final answer text.
public struct AnswerExpectation: Sendable, Hashable {
    /// Every one of these must appear.
    public var contains: [String] = []
    /// None of these may appear.
    public var notContains: [String] = []
    public var matches: Pattern?
    /// Case-insensitive `contains` / `not_contains` (and `matches`).
    public var ignoreCase = false

    public init(contains: [String] = [], notContains: [String] = [], matches: Pattern? = nil, ignoreCase: Bool = false) {
        self.contains = contains
        self.notContains = notContains
        self.matches = matches
        self.ignoreCase = ignoreCase
    }
}

/// Limits a run must stay within. A limit whose measurement the run lacks (a score-only
/// output has no latency) is noted in the verdict, not failed.
public struct Budget: Sendable, Hashable {
    /// Model replies in the turn.
    public var maxRounds: Int?
    /// Prompt plus completion tokens over the turn.
    public var maxTokens: Int?
    /// Wall time of the turn, in seconds (written as `max_latency_ms`).
    public var maxLatency: Double?

    public init(maxRounds: Int? = nil, maxTokens: Int? = nil, maxLatency: Double? = nil) {
        self.maxRounds = maxRounds
        self.maxTokens = maxTokens
        self.maxLatency = maxLatency
    }
}

/// The same rule as a provider applies to function names: OpenAI-compatible APIs accept
/// `^[a-zA-Z0-9_-]{1,64}$`, so tools named like BFCL's `math.hypot` are sent as `math_hypot`.
public enum ToolName {
    public static func providerSafe(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        for s in name.unicodeScalars {
            let ok = (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || s == "_" || s == "-"
            out.append(ok ? s : "_")
        }
        return String(String(out).prefix(64))
    }

    /// Whether a call named `actual` is a call of the tool the suite names `expected`.
    public static func matches(_ actual: String, expected: String) -> Bool {
        actual == expected || actual == providerSafe(expected)
    }
}
