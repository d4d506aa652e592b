/// A tool result that came out differently when a recorded session was replayed.
public struct ReplayDifference: Sendable, Hashable {
    public var callID: String
    public var toolName: String
    public var arguments: String
    /// `nil` when the recording has no result for this call.
    public var recorded: String?
    /// `nil` when the replay produced no result for this call.
    public var replayed: String?

    /// What changed, one `-`/`+` pair per changed JSON leaf (see `ResultDiff`).
    public var lines: [ResultDiff.Line] { ResultDiff.lines(recorded: recorded, replayed: replayed) }

    /// A readable diff: the call, then the changed lines.
    public var diffText: String {
        var out = "\(toolName)(\(arguments)) [\(callID)]\n"
        for line in lines { out += "  \(line.rendered)\n" }
        return out
    }
}
