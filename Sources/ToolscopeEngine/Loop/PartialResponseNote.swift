/// The sentence that tells what a failed response had delivered before it broke off.
///
/// It is built from the parts that exist: writing the text slot unconditionally gave
/// "kept what arrived before the failure: , 1 partial tool call(s)" when only a tool call had
/// started. Text that is empty or only whitespace counts as absent.
public enum PartialResponseNote {
    /// `text` is what the reader should see of the partial text (already cut and cleaned by
    /// the caller); nil when nothing arrived at all.
    public static func sentence(text: String, toolCallCount: Int) -> String? {
        var parts: [String] = []
        if !text.allSatisfy(\.isWhitespace) { parts.append("text \"" + text + "\"") }
        if toolCallCount > 0 { parts.append("\(toolCallCount) partial tool call\(toolCallCount == 1 ? "" : "s")") }
        guard !parts.isEmpty else { return nil }
        return "kept what arrived before the failure: " + parts.joined(separator: " and ") + "; it was not used"
    }
}
