/// Breaks text into rows of at most `width` cells, at spaces when it can and mid-word when a
/// word is longer than a row. Wide characters count two cells and are never split.
public struct WordWrapper: Sendable {
    public let measure: CellMeasure

    public init(measure: CellMeasure) { self.measure = measure }

    public func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var rows: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            wrapParagraph(Substring(paragraph), width: width, into: &rows)
        }
        return rows.isEmpty ? [""] : rows
    }

    /// Cell width of a whole string.
    public func width(of text: some StringProtocol) -> Int {
        var w = 0
        for ch in text { w += measure.width(of: ch) }
        return w
    }

    /// The longest prefix of `text` that fits in `width` cells.
    public func truncate(_ text: String, width: Int, ellipsis: Bool = true) -> String {
        guard width > 0 else { return "" }
        if self.width(of: text) <= width { return text }
        var out = ""
        var used = 0
        let budget = ellipsis ? width - 1 : width
        for ch in text {
            let w = measure.width(of: ch)
            if used + w > budget { break }
            out.append(ch)
            used += w
        }
        return ellipsis ? out + "…" : out
    }

    private func wrapParagraph(_ line: Substring, width: Int, into rows: inout [String]) {
        if line.isEmpty { rows.append(""); return }
        var current = ""
        var currentWidth = 0
        var lastBreak: (index: String.Index, width: Int)?
        for ch in line {
            let w = measure.width(of: ch)
            if currentWidth + w > width, !current.isEmpty {
                if ch == " " {
                    rows.append(current)
                    current = ""; currentWidth = 0; lastBreak = nil
                    continue
                }
                if let br = lastBreak, br.index > current.startIndex {
                    let head = String(current[..<br.index])
                    let tail = String(current[current.index(after: br.index)...])
                    rows.append(head)
                    current = tail
                    currentWidth = currentWidth - br.width - 1
                } else {
                    rows.append(current)
                    current = ""; currentWidth = 0
                }
                lastBreak = nil
            }
            if ch == " " { lastBreak = (current.endIndex, currentWidth) }
            current.append(ch)
            currentWidth += w
        }
        rows.append(current)
    }
}
