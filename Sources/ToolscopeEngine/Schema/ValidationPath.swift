/// Where the validator is inside the arguments, kept as a stack of segments and turned into
/// text only when a violation is reported, so valid calls never build a string.
struct ValidationPath {
    enum Segment {
        case key(String)
        case index(Int)
        /// An object member's name, checked by `propertyNames`: the pointer is the member's.
        case name(String)
    }

    private(set) var segments: [Segment] = []

    mutating func push(_ segment: Segment) { segments.append(segment) }
    mutating func pop() { segments.removeLast() }

    /// The JSON pointer of the current value.
    var pointer: String {
        var out = ""
        for segment in segments {
            switch segment {
            case .key(let key), .name(let key): out = JSONPointer.appending(out, key)
            case .index(let index): out = JSONPointer.appending(out, index)
            }
        }
        return out
    }

    /// How a message names the current value: the nearest property name with any indices
    /// after it ("price", "tags[2]", "rows[0][1]"), "the value" at the root, "item 3"
    /// directly inside a top-level array.
    var subject: String {
        guard !segments.isEmpty else { return "the value" }
        if case .name(let key)? = segments.last { return "the property name \(JSONPrinter.quoted(key))" }
        var suffix = ""
        for segment in segments.reversed() {
            switch segment {
            case .index(let index): suffix = "[\(index)]" + suffix
            case .key(let key): return key + suffix
            case .name(let key): return key
            }
        }
        return segments.count == 1 ? "item \(suffix.dropFirst().dropLast())" : "the value at \(pointer)"
    }

    /// The property name of the current value when it is directly an object member.
    var lastKey: String? {
        if case .key(let key)? = segments.last { return key }
        return nil
    }
}
