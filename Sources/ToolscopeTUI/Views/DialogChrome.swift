/// A dialog's frame: the size it asks for and the footer of keys under it, for every dialog.
/// `DialogView` draws the frame from it and `MouseReducer` hit-tests the same rectangles, so a
/// click lands on what is drawn: a footer's key words ("y yes", "S send anyway", "Esc close")
/// are its buttons, and a list's rows are where they are drawn.
struct DialogChrome {
    /// What the dialog asks for; the frame is clamped to the screen (`rect`).
    var width: Int
    var height: Int
    var footer: String
    /// The frame on a screen of the size it was made for, border included.
    var outer: Rect

    init(width: Int, height: Int, footer: String, screenWidth: Int, screenHeight: Int) {
        self.width = width
        self.height = height
        self.footer = footer
        outer = Self.rect(width: width, height: height, screenWidth: screenWidth, screenHeight: screenHeight)
    }

    /// The frame's rectangle: centred, at most the screen less one cell each side.
    static func rect(width: Int, height: Int, screenWidth: Int, screenHeight: Int) -> Rect {
        let w = min(width, screenWidth - 2)
        let h = min(height, screenHeight - 2)
        return Rect(x: (screenWidth - w) / 2, y: (screenHeight - h) / 2, width: w, height: h)
    }

    /// The text area inside the border, above the footer (what `DialogView.frame` returns).
    var inner: Rect { Rect(x: outer.x + 2, y: outer.y + 1, width: outer.width - 4, height: outer.height - 2) }

    /// The footer's buttons: each " · "-separated part whose first word names a key (before a
    /// "/", as in "y/Enter apply"), with the columns it covers on the footer row.
    func buttons(measure: CellMeasure) -> [(columns: Range<Int>, key: Key)] {
        var out: [(columns: Range<Int>, key: Key)] = []
        var x = outer.x + 3
        let limit = outer.maxX - 1
        for (i, part) in footer.components(separatedBy: " · ").enumerated() {
            if i > 0 { x += 3 }
            let width = part.reduce(0) { $0 + measure.width(of: $1) }
            let word = part.split(separator: " ").first.map(String.init) ?? ""
            let name = word.split(separator: "/").first.map(String.init) ?? ""
            if let key = Key(name: name), x < limit { out.append((x..<min(x + width, limit), key)) }
            x += width
        }
        return out
    }

    /// The chrome of `modal` on a screen `width` × `height`.
    static func of(_ modal: Modal, width: Int, height: Int, measure: CellMeasure) -> DialogChrome {
        func make(_ w: Int, _ h: Int, _ footer: String) -> DialogChrome {
            DialogChrome(width: w, height: h, footer: footer, screenWidth: width, screenHeight: height)
        }
        switch modal {
        case .help(let h):
            return make(120, height - 2, h.search.map { $0.status + " · n/N next/previous · Esc clear" } ?? "↑↓ PgUp PgDn scroll · / find · Esc close")
        case .detail(let d):
            return make(width - 4, height - 2, d.search.map { $0.status + " · n/N next/previous · Esc clear" } ?? "↑↓ PgUp PgDn Home End scroll · / search · Esc close")
        case .approval(let a):
            let footer: String
            if a.editing != nil { footer = "F5/Ctrl-R run with these arguments · Esc back" } else if a.answering != nil { footer = "Enter send as the result · Esc back" } else { footer = "r run · e edit · a answer · s skip · A run all · Esc cancel turn" }
            return make(96, height - 4, footer)
        case .manualResult: return make(90, 18, "Enter send as the result · Esc decline")
        case .provider(let p):
            return make(80, 2 * p.fields.count + 6, "↑↓ field · ←→/Space choose · Enter apply · Esc cancel · PgDn/PgUp/^L models")
        case .picker(let p):
            let footer = p.path == nil ? "Enter open · r replay · n new · Tab type a path · Esc close"
                : p.search.map { $0.status + " · ↓↑ matches · Enter open · Tab list · Esc close" } ?? "Enter open this path · Tab back to the list · Esc close"
            return make(90, min(height - 2, max(11, p.entries.count + 8)), footer)
        case .tryTool: return make(90, height - 4, "F5/Ctrl-R run · Esc close")
        case .prompt(let p): return make(p.hint.isEmpty ? 80 : 110, p.hint.isEmpty ? 5 : 6, "Enter confirm · Esc cancel")
        case .confirm(let c):
            let layout = ConfirmLayout(c, width: width, height: height, measure: measure)
            return make(layout.box.width, layout.box.height, c.details.isEmpty ? "y yes · n no" : "↑↓ PgUp PgDn Home End scroll · y yes · n no")
        case .copyMenu(let menu): return make(72, menu.choices.count + 4, "letter or ↑↓ Enter copy · Esc close")
        case .convertTools: return make(110, height - 2, "y/Enter apply · n/Esc cancel · ↑↓ PgUp PgDn scroll")
        case .toolCheck: return make(100, height - 4, "S send anyway · ↑↓ PgUp PgDn scroll · Esc back (the message stays in the input line)")
        case .sessionSearch(let s): return make(118, min(height - 2, s.hits.count + 4), "↑↓ PgUp PgDn choose · Enter go there · Esc close")
        }
    }
}
