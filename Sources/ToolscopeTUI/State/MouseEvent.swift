/// A mouse report in screen cells (0-based), as the terminal layer decoded it. Only what the
/// workbench uses is reported: the left button (press, drag, release) and the wheel.
public struct MouseEvent: Hashable, Sendable {
    /// `drag` is motion with the button held (xterm mode 1002); `release` ends a press.
    public enum Kind: Hashable, Sendable { case press, wheelUp, wheelDown, drag, release }
    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
