/// The difference between a recorded tool result and a re-executed one, as few lines as say it.
///
/// When both parse as JSON, each changed leaf is one `-`/`+` pair prefixed by its JSON pointer
/// (`- /temp: 18`, `+ /temp: 19`); a key or array item only one side has is one `-` or one `+`
/// line. Arrays are compared position by position, so an item inserted in the middle shows as
/// changes to every later position. Text that is not JSON falls back to a line diff: the lines
/// both sides share at the start and the end are left out.
public enum ResultDiff {
    public struct Line: Sendable, Hashable {
        public enum Kind: Sendable, Hashable { case removed, added }
        public var kind: Kind
        /// Without the `-`/`+` prefix: `/path: value`, or the value alone for the whole result.
        public var text: String

        public init(_ kind: Kind, _ text: String) {
            self.kind = kind
            self.text = text
        }

        /// `- text` or `+ text`.
        public var rendered: String { (kind == .removed ? "- " : "+ ") + text }
    }

    /// The lines that turn `recorded` into `replayed`; empty when they are the same.
    /// `nil` on either side means that side has no result.
    public static func lines(recorded: String?, replayed: String?) -> [Line] {
        guard let recorded, let replayed else {
            if recorded == nil && replayed == nil { return [] }
            return [Line(.removed, recorded.map(singleLine) ?? "(no result)"), Line(.added, replayed.map(singleLine) ?? "(no result)")]
        }
        if recorded == replayed { return [] }
        if let a = try? JSONParser.parse(recorded), let b = try? JSONParser.parse(replayed) {
            var out: [Line] = []
            collect(a, b, at: "", into: &out)
            return out
        }
        return textLines(recorded, replayed)
    }

    private static func collect(_ a: JSONValue, _ b: JSONValue, at pointer: String, into out: inout [Line]) {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            for (key, old) in x {
                let path = JSONPointer.appending(pointer, key)
                if let new = y[key] { collect(old, new, at: path, into: &out) } else { out.append(Line(.removed, item(path, old))) }
            }
            for (key, new) in y where x[key] == nil { out.append(Line(.added, item(JSONPointer.appending(pointer, key), new))) }
        case (.array(let x), .array(let y)):
            for i in 0..<max(x.count, y.count) {
                let path = JSONPointer.appending(pointer, i)
                let old: JSONValue? = i < x.count ? x[i] : Optional.none
                let new: JSONValue? = i < y.count ? y[i] : Optional.none
                switch (old, new) {
                case (let old?, let new?): collect(old, new, at: path, into: &out)
                case (let old?, nil): out.append(Line(.removed, item(path, old)))
                case (nil, let new?): out.append(Line(.added, item(path, new)))
                case (nil, nil): break
                }
            }
        default:
            guard !a.jsonEquals(b) else { return }
            out.append(Line(.removed, item(pointer, a)))
            out.append(Line(.added, item(pointer, b)))
        }
    }

    private static func item(_ pointer: String, _ value: JSONValue) -> String {
        pointer.isEmpty ? value.compact : pointer + ": " + value.compact
    }

    private static func singleLine(_ text: String) -> String {
        (try? JSONParser.parse(text))?.compact ?? text
    }

    private static func textLines(_ a: String, _ b: String) -> [Line] {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let y = b.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var start = 0
        while start < x.count, start < y.count, x[start] == y[start] { start += 1 }
        var endX = x.count, endY = y.count
        while endX > start, endY > start, x[endX - 1] == y[endY - 1] { endX -= 1; endY -= 1 }
        return x[start..<endX].map { Line(.removed, $0) } + y[start..<endY].map { Line(.added, $0) }
    }
}
