/// A tool result that came out differently when a recorded session was replayed.
public struct ReplayDifference: Sendable, Hashable {
    public var callID: String
    public var toolName: String
    public var arguments: String
    /// `nil` when the recording has no result for this call.
    public var recorded: String?
    /// `nil` when the replay produced no result for this call.
    public var replayed: String?

    /// A readable diff: the call, then `-` recorded and `+` replayed lines (pretty JSON when it parses).
    public var diffText: String {
        var out = "\(toolName)(\(arguments)) [\(callID)]\n"
        for line in Self.lines(recorded) { out += "- \(line)\n" }
        for line in Self.lines(replayed) { out += "+ \(line)\n" }
        return out
    }

    private static func lines(_ text: String?) -> [String] {
        guard let text else { return ["(no result)"] }
        if let value = try? JSONParser.parse(text), value.objectValue != nil || value.arrayValue != nil {
            return value.pretty.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
