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

    /// The chrome of `modal` on a screen `width` × `height`. Footers name the keys in force
    /// (`keys`), so a keys.conf remap shows there, and a click on the word presses that key.
    static func of(_ modal: Modal, keys: Keymap, width: Int, height: Int, measure: CellMeasure) -> DialogChrome {
        func make(_ w: Int, _ h: Int, _ footer: String) -> DialogChrome {
            DialogChrome(width: w, height: h, footer: footer, screenWidth: width, screenHeight: height)
        }
        let enter = keys.keyName(.submit, in: .lineField, usual: .enter), esc = keys.keyName(.cancel, in: .lineField, usual: .escape)
        func searching(_ status: String, _ scope: KeyScope) -> String {
            status + " · \(keys.keyName(.nextMatch, in: scope, usual: .char("n")))/\(keys.keyName(.previousMatch, in: scope, usual: .char("N"))) next/previous · "
                + "\(keys.keyName(.clearSearch, in: scope, usual: .escape)) clear"
        }
        switch modal {
        case .help(let h):
            return make(120, height - 2, h.search.map { searching($0.status, .help) }
                ?? "\(keys.scrollKeyNames()) scroll · \(keys.keyName(.search, in: .help, usual: .char("/"))) find · \(keys.keyName(.close, in: .help, usual: .escape)) close")
        case .detail(let d):
            return make(width - 4, height - 2, d.search.map { searching($0.status, .detail) }
                ?? "\(keys.scrollKeyNames(ends: true)) scroll · \(keys.keyName(.search, in: .detail, usual: .char("/"))) search · \(keys.keyName(.close, in: .detail, usual: .escape)) close")
        case .approval(let a):
            let footer: String
            if a.editing != nil {
                footer = "\(keys.keyName(.runArguments, in: .argumentsEditor, usual: .function(5), .ctrl("r"))) run with these arguments · "
                    + "\(keys.keyName(.cancel, in: .argumentsEditor, usual: .escape)) back"
            } else if a.answering != nil {
                footer = "\(enter) send as the result · \(esc) back"
            } else {
                footer = "\(keys.keyName(.approveCall, in: .approval, usual: .char("r"))) run · \(keys.keyName(.editArguments, in: .approval, usual: .char("e"))) edit · "
                    + "\(keys.keyName(.answerByHand, in: .approval, usual: .char("a"))) answer · \(keys.keyName(.skipCall, in: .approval, usual: .char("s"))) skip · "
                    + "\(keys.keyName(.approveAll, in: .approval, usual: .char("A"))) run all · \(keys.keyName(.cancelTurn, in: .approval, usual: .escape)) cancel turn"
            }
            return make(96, height - 4, footer)
        case .manualResult: return make(90, 18, "\(enter) send as the result · \(esc) decline")
        case .provider(let p):
            let footer = "\(keys.keyName(.previousField, in: .provider, usual: .up))\(keys.keyName(.nextField, in: .provider, usual: .down)) field · "
                + "\(keys.keyName(.previousChoice, in: .provider, usual: .left))\(keys.keyName(.nextChoice, in: .provider, usual: .right, .char(" "))) choose · "
                + "\(keys.keyName(.accept, in: .provider, usual: .enter)) apply · \(keys.keyName(.close, in: .provider, usual: .escape)) cancel · "
                + "\(keys.keyName(.nextModel, in: .provider, usual: .pageDown))/\(keys.keyName(.previousModel, in: .provider, usual: .pageUp))/"
                + "\(DialogView.short(keys.keys(for: .refreshModels, in: .provider).first)) models"
            return make(80, 2 * p.fields.count + 6, footer)
        case .picker(let p):
            let footer: String
            if p.path == nil {
                footer = "\(keys.keyName(.openSession, in: .picker, usual: .enter)) open · \(keys.keyName(.openReplay, in: .picker, usual: .char("r"))) replay · "
                    + "\(keys.keyName(.newSession, in: .picker, usual: .char("n"))) new · \(keys.keyName(.typePath, in: .picker, usual: .tab)) type a path · "
                    + "\(keys.keyName(.close, in: .picker, usual: .escape)) close"
            } else if let search = p.search {
                footer = search.status + " · \(keys.keyName(.nextMatch, in: .pickerPath, usual: .down))\(keys.keyName(.previousMatch, in: .pickerPath, usual: .up)) matches · "
                    + "\(enter) open · \(keys.keyName(.backToList, in: .pickerPath, usual: .tab)) list · \(esc) close"
            } else {
                footer = "\(enter) open this path · \(keys.keyName(.backToList, in: .pickerPath, usual: .tab)) back to the list · \(esc) close"
            }
            return make(90, min(height - 2, max(11, p.entries.count + 8)), footer)
        case .tryTool:
            return make(90, height - 4, "\(keys.keyName(.runArguments, in: .argumentsEditor, usual: .function(5), .ctrl("r"))) run · \(keys.keyName(.cancel, in: .argumentsEditor, usual: .escape)) close")
        case .prompt(let p): return make(p.hint.isEmpty ? 80 : 110, p.hint.isEmpty ? 5 : 6, "\(enter) confirm · \(esc) cancel")
        case .confirm(let c):
            let layout = ConfirmLayout(c, width: width, height: height, measure: measure)
            let answers = "\(keys.keyName(.yes, in: .confirm, usual: .char("y"))) yes · \(keys.keyName(.no, in: .confirm, usual: .char("n"))) no"
            return make(layout.box.width, layout.box.height, c.details.isEmpty ? answers : "\(keys.scrollKeyNames(ends: true)) scroll · " + answers)
        case .copyMenu(let menu):
            return make(72, menu.choices.count + 4, "letter or \(keys.keyName(.moveUp, in: .copyMenu, usual: .up))\(keys.keyName(.moveDown, in: .copyMenu, usual: .down)) "
                + "\(keys.keyName(.accept, in: .copyMenu, usual: .enter)) copy · \(keys.keyName(.close, in: .copyMenu, usual: .escape)) close")
        case .convertTools:
            return make(110, height - 2, "\(keys.keyName(.yes, in: .convertTools, usual: .char("y"), .enter)) apply · \(keys.keyName(.no, in: .convertTools, usual: .char("n"), .escape)) cancel · "
                + "\(keys.scrollKeyNames()) scroll")
        case .toolCheck:
            return make(100, height - 4, "\(keys.keyName(.sendAnyway, in: .toolCheck, usual: .char("S"))) send anyway · \(keys.scrollKeyNames()) scroll · "
                + "\(keys.keyName(.close, in: .toolCheck, usual: .escape)) back (the message stays in the input line)")
        case .sessionSearch(let s):
            return make(118, min(height - 2, s.hits.count + 4), "\(keys.keyName(.moveUp, in: .sessionSearch, usual: .up))\(keys.keyName(.moveDown, in: .sessionSearch, usual: .down)) "
                + "\(keys.keyName(.pageUp, in: .sessionSearch, usual: .pageUp)) \(keys.keyName(.pageDown, in: .sessionSearch, usual: .pageDown)) choose · "
                + "\(keys.keyName(.accept, in: .sessionSearch, usual: .enter)) go there · \(keys.keyName(.close, in: .sessionSearch, usual: .escape)) close")
        }
    }
}
