import ToolscopeEngine

/// The result of scoring one run: passed or not, and every reason, each explained.
public struct Verdict: Sendable, Hashable {
    public var failures: [Failure]
    /// How each expected call was paired with an actual call (or with none).
    public var pairings: [CallPairing]
    /// Checks that could not be made (a budget the run has no measurement for).
    public var notes: [String]

    public init(failures: [Failure] = [], pairings: [CallPairing] = [], notes: [String] = []) {
        self.failures = failures
        self.pairings = pairings
        self.notes = notes
    }

    public var passed: Bool { failures.isEmpty }

    /// Every failure, one per line, as a terminal or a JUnit message shows them.
    public var explanation: String {
        failures.map(\.explanation).joined(separator: "\n")
    }
}

/// Which expected call went with which actual call, and how the arguments differed.
public struct CallPairing: Sendable, Hashable {
    /// 0-based position in the expectation's `calls`.
    public var expectedIndex: Int
    public var expectedName: String
    /// The actual call it was assigned to; nil when no actual call was left for it.
    public var actual: CallReference?
    /// Empty when the pair matched.
    public var mismatches: [ArgumentMismatch]

    public init(expectedIndex: Int, expectedName: String, actual: CallReference?, mismatches: [ArgumentMismatch]) {
        self.expectedIndex = expectedIndex
        self.expectedName = expectedName
        self.actual = actual
        self.mismatches = mismatches
    }

    public var matched: Bool { actual != nil && mismatches.isEmpty }

    public var summary: String {
        let expected = "expected call #\(expectedIndex + 1) \(expectedName)"
        guard let actual else { return "\(expected): no matching call was made" }
        return "\(expected) ↔ actual \(actual)"
    }
}

/// One reason a run failed.
public struct Failure: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// An expected call had no actual call of that tool.
        case missingCall = "missing_call"
        /// An expected call was paired with an actual call whose arguments differ.
        case wrongArguments = "wrong_arguments"
        /// A call no expectation accounts for, with `count: exact`.
        case unexpectedCall = "unexpected_call"
        /// A call the expectation forbids (`no_call`).
        case forbiddenCall = "forbidden_call"
        case answer
        case budget
        /// Nothing to score: the outputs file has no line for the case, or the run errored.
        case noOutput = "no_output"
    }

    public var kind: Kind
    /// One sentence.
    public var message: String
    /// For call failures: the pairing it is about.
    public var pairing: CallPairing?

    public init(kind: Kind, message: String, pairing: CallPairing? = nil) {
        self.kind = kind
        self.message = message
        self.pairing = pairing
    }

    /// The message, then one indented line per argument mismatch.
    public var explanation: String {
        guard let pairing, !pairing.mismatches.isEmpty else { return message }
        return ([message] + pairing.mismatches.map { "  \($0)" }).joined(separator: "\n")
    }
}
