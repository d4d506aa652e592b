/// One terminal cell. A wide character fills its first cell and marks the next as a
/// continuation (`text` empty), exactly as the terminal will lay it out.
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn here: one base character plus any combining marks; "" for a continuation.
    public var text: String
    public var style: Style

    public init(text: String = " ", style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public var isContinuation: Bool { text.isEmpty }
}
