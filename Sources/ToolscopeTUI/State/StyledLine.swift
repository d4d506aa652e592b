/// One row of styled text: runs of (text, style). Views build these, then draw them clipped.
public struct StyledLine: Sendable, Hashable {
    public var runs: [Run]

    public struct Run: Sendable, Hashable {
        public var text: String
        public var style: Style
    }

    public init(_ runs: [Run] = []) { self.runs = runs }

    public init(_ text: String, _ style: Style = .plain) { runs = [Run(text: text, style: style)] }

    public mutating func append(_ text: String, _ style: Style) { runs.append(Run(text: text, style: style)) }

    public var text: String { runs.map(\.text).joined() }

    /// Draws the line at `x`,`y`, clipped at `limit`.
    public func draw(into canvas: inout Canvas, x: Int, y: Int, limit: Int) {
        var col = x
        for run in runs where col < limit {
            col = canvas.put(run.text, x: col, y: y, style: run.style, limit: limit)
        }
    }
}
