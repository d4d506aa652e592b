import Foundation
import ToolscopeEngine

/// A regular expression compiled once when the suite is read, so a bad pattern is reported at
/// its place in the file and scoring thousands of runs never recompiles it.
///
/// `NSRegularExpression` is immutable after creation and documented as safe to use from many
/// threads, which is what makes the unchecked `Sendable` sound.
public final class Pattern: @unchecked Sendable, Hashable, CustomStringConvertible {
    public let source: String
    public let ignoresCase: Bool
    private let regex: NSRegularExpression

    /// Throws a sentence naming what is wrong, for the caller to place in the file.
    public init(_ source: String, ignoresCase: Bool = false) throws(SchemaShapeError) {
        self.source = source
        self.ignoresCase = ignoresCase
        do {
            regex = try NSRegularExpression(pattern: source, options: ignoresCase ? [.caseInsensitive] : [])
        } catch {
            throw SchemaShapeError(path: "", message: "\"\(source)\" is not a valid regular expression")
        }
    }

    /// Whether the pattern matches anywhere in `text` (anchor it with ^ and $ to match the whole).
    public func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, options: [], range: NSRange(text.startIndex..<text.endIndex, in: text)) != nil
    }

    public var description: String { "/\(source)/\(ignoresCase ? "i" : "")" }

    public static func == (a: Pattern, b: Pattern) -> Bool { a.source == b.source && a.ignoresCase == b.ignoresCase }
    public func hash(into hasher: inout Hasher) { hasher.combine(source); hasher.combine(ignoresCase) }
}
