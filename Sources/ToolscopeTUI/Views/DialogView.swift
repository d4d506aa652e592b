import ToolscopeEngine

/// Draws the open dialog centred over the panes.
enum DialogView {
    /// What a dialog draws: the open dialog's own state, and the session's provider (the
    /// provider dialog's hint names the key variable its choice of wire would read).
    struct Model {
        var modal: Modal
        var provider: ProviderConfig
        /// The keys in force, for the help (remapped keys show where they now are).
        var keymap: Keymap

        init?(_ state: AppState) {
            guard let modal = state.modal else { return nil }
            self.modal = modal
            provider = state.session.settings.provider
            keymap = state.keymap
        }
    }

    static func draw(_ model: Model, into canvas: inout Canvas) {
        // Footers name the keys in force (a keys.conf remap shows here too).
        let keys = model.keymap
        switch model.modal {
        case .help(let h):
            // As wide as the terminal allows (up to 120 columns), wrapped to it: nothing is cut.
            let box = frame(title: "Help — every key", chrome: chrome(model.modal, keys, canvas), into: &canvas)
            let lines = KeyHelp.lines(width: box.width, keymap: model.keymap, measure: canvas.measure)
            drawLines(h.search.map { highlighted(lines, $0) } ?? lines, scroll: h.scroll, in: box, into: &canvas)
            if let input = h.searchInput { drawSearchField(input, keys: keys, in: box, into: &canvas) }
        case .detail(let d):
            let box = frame(title: d.title, chrome: chrome(model.modal, keys, canvas), into: &canvas)
            drawLines(highlighted(d), scroll: d.scroll, in: box, into: &canvas)
            if let input = d.searchInput { drawSearchField(input, keys: keys, in: box, into: &canvas) }
        case .approval(let a):
            drawApproval(a, keys: keys, into: &canvas)
        case .manualResult(let m):
            let box = frame(title: "Manual result for \(TextSanitizer.singleLine(m.call.name))", chrome: chrome(model.modal, keys, canvas), into: &canvas)
            var lines = [StyledLine("arguments:", Style(.dim))] + JSONLines.pretty(m.arguments)
            lines = Array(lines.prefix(max(0, box.height - 3)))
            drawLines(lines, scroll: 0, in: box, into: &canvas)
            canvas.put("result:", x: box.x, y: box.maxY - 2, style: Style(.dialog, bold: true), limit: box.maxX)
            drawField(m.input, x: box.x, y: box.maxY - 1, width: box.width, focused: true, into: &canvas)
        case .provider(let p):
            drawProvider(p, provider: model.provider, keys: keys, into: &canvas)
        case .picker(let p):
            let outer = frame(title: "Open a session", chrome: chrome(model.modal, keys, canvas), into: &canvas)
            // The path field and its message (up to two rows) sit at the bottom; the list fills the rest.
            let fieldY = outer.maxY - 3
            let label = canvas.put("path: ", x: outer.x, y: fieldY, style: Style(.dialog, bold: p.path != nil), limit: outer.maxX)
            if let field = p.path {
                drawField(field, x: label, y: fieldY, width: outer.maxX - label, focused: true, into: &canvas)
            } else {
                let typePath = keys.keys(for: .typePath, in: .picker)
                canvas.put(typePath.count > 1 ? "\(typePath[0].label) (or \(typePath.dropFirst().map(\.label).joined(separator: " "))) to type a path"
                                              : "\(keys.keyName(.typePath, in: .picker)) to type a path", x: label, y: fieldY, style: Style(.dim), limit: outer.maxX)
            }
            if let error = p.error {
                let rows = WordWrapper(measure: canvas.measure).wrap("✖ " + TextSanitizer.singleLine(error), width: outer.width)
                for (i, row) in rows.prefix(2).enumerated() {
                    canvas.put(row, x: outer.x, y: fieldY + 1 + i, style: Style(.error, bold: true), limit: outer.maxX)
                }
            } else if let opening = p.opening {
                canvas.put("opening " + TextSanitizer.singleLine(opening) + "…", x: outer.x, y: fieldY + 1, style: Style(.dim), limit: outer.maxX)
            }
            let box = Rect(x: outer.x, y: outer.y, width: outer.width, height: max(0, outer.height - 4))
            if p.entries.isEmpty {
                canvas.put("No sessions found in sessions/ and no recent files.", x: box.x, y: box.y, style: Style(.dialog), limit: box.maxX)
            }
            let top = listTop(selected: p.selected, rows: box.height)
            for (row, i) in (top..<p.entries.count).enumerated() where row < box.height {
                let e = p.entries[i]
                let style = i == p.selected ? Style(.selection) : Style(.dialog)
                if i == p.selected { canvas.fill(Rect(x: box.x, y: box.y + row, width: box.width, height: 1), style: style) }
                var line = StyledLine((e.isRecent ? "recent  " : "        ") + TextSanitizer.singleLine(e.label), style)
                line.append("  " + TextSanitizer.singleLine(e.path), i == p.selected ? style : Style(.dim))
                // The typed text's matches, marked as every search marks them.
                if let search = p.search, p.path != nil, search.rows.contains(i) {
                    line = mark(line, query: search.query, style: i == p.selected ? Style(.selection, bold: true, underline: true) : Style(.accent, underline: true))
                }
                line.draw(into: &canvas, x: box.x, y: box.y + row, limit: box.maxX)
            }
        case .tryTool(let t):
            let box = frame(title: "Try \(TextSanitizer.singleLine(t.toolName)) — arguments", chrome: chrome(model.modal, keys, canvas), into: &canvas)
            let problemRows = min(4, max(1, t.problems.count))
            let textRect = Rect(x: box.x, y: box.y, width: box.width, height: box.height - problemRows - 1)
            drawBuffer(t.buffer, in: textRect, into: &canvas)
            var y = textRect.maxY + 1
            if t.problems.isEmpty {
                canvas.put("✓ arguments match the schema", x: box.x, y: y, style: Style(.success), limit: box.maxX)
            }
            for p in t.problems.prefix(problemRows) {
                canvas.put("✖ " + TextSanitizer.singleLine(p), x: box.x, y: y, style: Style(.error), limit: box.maxX)
                y += 1
            }
        case .prompt(let p):
            let box = frame(title: p.title, chrome: chrome(model.modal, keys, canvas), into: &canvas)
            drawField(p.input, x: box.x, y: box.y + 1, width: box.width, focused: true, into: &canvas)
            if !p.hint.isEmpty { canvas.put(p.hint, x: box.x, y: box.y + 3, style: Style(.dim), limit: box.maxX) }
        case .confirm(let c):
            drawConfirm(c, keys: keys, into: &canvas)
        case .copyMenu(let menu):
            drawCopyMenu(menu, keys: keys, into: &canvas)
        case .convertTools(let c):
            let count = c.conversion.tools.count
            let box = frame(title: "Convert \(c.conversion.dialect.rawValue) to \(count) OpenAI tool\(count == 1 ? "" : "s")", chrome: chrome(model.modal, keys, canvas), into: &canvas)
            drawLines(convertLines(c, width: box.width, measure: canvas.measure), scroll: c.scroll, in: box, into: &canvas)
        case .sessionSearch(let s):
            drawSessionSearch(s, keys: keys, into: &canvas)
        case .toolCheck(let t):
            let errors = t.check.errors.count
            let box = frame(title: "Not sent: the tools have \(errors) error\(errors == 1 ? "" : "s")", chrome: chrome(model.modal, keys, canvas), into: &canvas)
            drawLines(toolCheckLines(t.check, keys: keys, width: box.width, measure: canvas.measure), scroll: t.scroll, in: box, into: &canvas)
        }
    }

    /// The `/` field on the frame's bottom row of the detail and help views.
    static func drawSearchField(_ input: LineEditor, keys: Keymap, in box: Rect, into canvas: inout Canvas) {
        let y = box.maxY
        canvas.put(" / ", x: box.x, y: y, style: Style(.dialog, bold: true), limit: box.maxX)
        drawField(input, x: box.x + 3, y: y, width: max(1, min(40, box.width - 30)), focused: true, into: &canvas)
        let enter = keys.keyName(.submit, in: .lineField, usual: .enter), esc = keys.keyName(.cancel, in: .lineField, usual: .escape)
        canvas.put(" \(enter) find · \(esc) cancel ", x: box.x + 4 + min(40, box.width - 30), y: y, style: Style(.dim), limit: box.maxX)
    }

    /// The detail's rows, its search's matches marked.
    static func highlighted(_ d: DetailState) -> [StyledLine] { d.search.map { highlighted(d.lines, $0) } ?? d.lines }

    /// Rows with every occurrence of the search query marked (the current match's row in the
    /// selection colour, the others underlined).
    static func highlighted(_ rows: [StyledLine], _ search: TextSearch) -> [StyledLine] {
        guard !search.rows.isEmpty else { return rows }
        var lines = rows
        for row in search.rows where row < lines.count {
            let style = row == search.currentRow ? Style(.selection, bold: true) : Style(.accent, underline: true)
            lines[row] = mark(lines[row], query: search.query, style: style)
        }
        return lines
    }

    /// `line` with every occurrence of `query` (case ignored) drawn in `style`; the text is unchanged.
    static func mark(_ line: StyledLine, query: String, style: Style) -> StyledLine {
        let ranges = TextSearch.ranges(of: query, in: line.text)
        guard !ranges.isEmpty else { return line }
        var out = StyledLine()
        var offset = 0
        for run in line.runs {
            let chars = Array(run.text)
            var i = 0
            while i < chars.count {
                let inMatch = ranges.contains { $0.contains(offset + i) }
                var j = i
                while j < chars.count, ranges.contains(where: { $0.contains(offset + j) }) == inMatch { j += 1 }
                out.append(String(chars[i..<j]), inMatch ? style : run.style)
                i = j
            }
            offset += chars.count
        }
        return out
    }

    /// The session-wide search's hits: where (message or round and call) and the text around
    /// the match, the query marked; the selected hit in the selection colour.
    static func drawSessionSearch(_ s: SessionSearchState, keys: Keymap, into canvas: inout Canvas) {
        let rows = SessionSearchReducer.visibleRows(height: canvas.height)
        let title = "Search the session: \"\(TextSanitizer.singleLine(s.query))\" — \(s.hits.count) hit\(s.hits.count == 1 ? "" : "s")"
        let box = frame(title: title, chrome: chrome(.sessionSearch(s), keys, canvas), into: &canvas)
        let top = listTop(selected: s.selected, rows: min(rows, box.height))
        let labelWidth = min(36, max(12, box.width / 3))
        for (row, i) in (top..<s.hits.count).enumerated() where row < box.height {
            let hit = s.hits[i]
            let selected = i == s.selected
            let style = selected ? Style(.selection) : Style(.dialog)
            if selected { canvas.fill(Rect(x: box.x, y: box.y + row, width: box.width, height: 1), style: style) }
            let label = WordWrapper(measure: canvas.measure).truncate(hit.label, width: labelWidth - 1)
            canvas.put(label, x: box.x, y: box.y + row, style: selected ? style : Style(.dim), limit: box.x + labelWidth)
            let snippet = mark(StyledLine(hit.snippet, style), query: s.query, style: selected ? Style(.selection, bold: true, underline: true) : Style(.accent, bold: true))
            snippet.draw(into: &canvas, x: box.x + labelWidth, y: box.y + row, limit: box.maxX)
        }
    }

    /// The first row a list `rows` tall shows, so the selected one stays in view (the picker and
    /// the session search; the mouse maps rows with it too).
    static func listTop(selected: Int, rows: Int) -> Int { max(0, selected - max(1, rows) + 1) }

    /// "Copy as": one line per export, its key in front, the selected one highlighted.
    static func drawCopyMenu(_ menu: CopyMenuState, keys: Keymap, into canvas: inout Canvas) {
        let box = frame(title: "Copy as — " + TextSanitizer.singleLine(menu.subject), chrome: chrome(.copyMenu(menu), keys, canvas), into: &canvas)
        for (i, choice) in menu.choices.enumerated() where i < box.height {
            let style = i == menu.selected ? Style(.selection) : Style(.dialog)
            if i == menu.selected { canvas.fill(Rect(x: box.x, y: box.y + i, width: box.width, height: 1), style: style) }
            let x = canvas.put(" \(choice.key) ", x: box.x, y: box.y + i, style: i == menu.selected ? style : Style(.statusKey, bold: true), limit: box.maxX)
            canvas.put(" " + TextSanitizer.singleLine(choice.label), x: x, y: box.y + i, style: style, limit: box.maxX)
        }
    }

    /// What the conversion changes (one note each), then the unified diff from the editor's
    /// text to the OpenAI tools, coloured as diffs are.
    static func convertLines(_ c: ConvertToolsState, width: Int, measure: CellMeasure) -> [StyledLine] {
        let wrapper = WordWrapper(measure: measure)
        var lines: [StyledLine] = []
        for note in c.conversion.notes {
            lines += wrapper.wrap("• " + TextSanitizer.singleLine(note), width: width).map { StyledLine($0, Style(.dialog)) }
        }
        if c.conversion.notes.isEmpty { lines.append(StyledLine("• wrapped in {\"type\": \"function\", \"function\": …}", Style(.dialog))) }
        lines.append(StyledLine(""))
        lines.append(StyledLine("--- the editor's text", Style(.dim, bold: true)))
        lines.append(StyledLine("+++ OpenAI tools", Style(.dim, bold: true)))
        for line in c.diff {
            let role: ThemeRole
            switch line {
            case .added: role = .success
            case .removed: role = .error
            case .hunk: role = .accent
            case .context: role = .dialog
            }
            lines.append(StyledLine(TextSanitizer.singleLine(line.text), Style(role)))
        }
        return lines
    }

    /// The pre-send findings, errors first, each wrapped to the dialog with its pointer on its
    /// own line, so nothing is cut at any terminal width.
    static func toolCheckLines(_ check: PreSendCheck, keys: Keymap, width: Int, measure: CellMeasure) -> [StyledLine] {
        let wrapper = WordWrapper(measure: measure)
        var lines = wrapper.wrap("These would be rejected by the server or make a tool impossible to call correctly. "
                                 + "Fix them in the tools list (\(keys.keyName(.focusNext, in: .global, usual: .tab))), "
                                 + "or press \(keys.keyName(.sendAnyway, in: .toolCheck, usual: .char("S"))) to send them anyway.", width: width).map { StyledLine($0, Style(.dialog)) }
        for finding in check.errors + check.warnings {
            lines.append(StyledLine(""))
            let error = finding.severity == .error
            var head = StyledLine(error ? "✖ error " : "⚠ warning ", Style(error ? .error : .warning, bold: true))
            head.append(TextSanitizer.singleLine(finding.path.isEmpty ? "/" : finding.path) + (finding.rule.isEmpty ? "" : "  [\(finding.rule)]"), Style(.dim))
            lines.append(head)
            for row in wrapper.wrap(TextSanitizer.singleLine(finding.message), width: max(1, width - 2)) {
                lines.append(StyledLine("  " + row, Style(.dialog)))
            }
        }
        return lines
    }

    /// The question, then its details (what would run) in full: wrapped, never cut, scrolled
    /// with the keys in the footer, and a line that always says how much is out of sight.
    static func drawConfirm(_ c: ConfirmState, keys: Keymap, into canvas: inout Canvas) {
        let layout = ConfirmLayout(c, width: canvas.width, height: canvas.height, measure: canvas.measure)
        let box = frame(title: "Confirm", chrome: chrome(.confirm(c), keys, canvas), into: &canvas)
        for (i, row) in layout.question.prefix(max(0, box.height)).enumerated() {
            canvas.put(row, x: box.x, y: box.y + i, style: Style(.dialog, bold: true), limit: box.maxX)
        }
        guard !c.details.isEmpty else { return }
        let scroll = layout.clamped(c.scroll)
        let top = box.y + layout.question.count + 1
        for (i, row) in layout.rows.dropFirst(scroll).prefix(layout.visibleRows).enumerated() {
            canvas.put(row.text, x: box.x, y: top + i, style: Style(.dialog, bold: row.heading), limit: box.maxX)
        }
        let more = scroll + layout.visibleRows < layout.rows.count
        canvas.put(layout.position(scroll: scroll), x: box.x, y: box.maxY - 1, style: Style(more ? .warning : .dim, bold: more), limit: box.maxX)
    }

    /// A key in the status line's short form (`^L`), "unbound" without one.
    static func short(_ key: Key?) -> String { key?.shortLabel ?? "unbound" }

    /// The frame of `modal` on this canvas (the mouse reads the same `DialogChrome`).
    static func chrome(_ modal: Modal, _ keys: Keymap, _ canvas: Canvas) -> DialogChrome {
        DialogChrome.of(modal, keys: keys, width: canvas.width, height: canvas.height, measure: canvas.measure)
    }

    /// Rows of text a full-screen dialog (help, detail) shows on a screen `height` rows tall:
    /// the frame takes two rows of margin and two of border.
    static func fullScreenRows(height: Int) -> Int { max(1, height - 4) }

    /// Draws the frame `chrome` describes (see `DialogChrome`, which the mouse hit-tests).
    @discardableResult
    static func frame(title: String, chrome: DialogChrome, into canvas: inout Canvas) -> Rect {
        frame(title: title, width: chrome.width, height: chrome.height, footer: chrome.footer, into: &canvas)
    }

    /// Draws a dialog frame and returns its inner text area (above the footer line).
    @discardableResult
    static func frame(title: String, width: Int, height: Int, footer: String, into canvas: inout Canvas) -> Rect {
        let rect = DialogChrome.rect(width: width, height: height, screenWidth: canvas.width, screenHeight: canvas.height)
        canvas.fill(rect, style: Style(.dialog))
        canvas.box(rect, style: Style(.dialog, bold: true))
        canvas.put(" " + title + " ", x: rect.x + 2, y: rect.y, style: Style(.dialogTitle, bold: true), limit: rect.maxX - 1)
        canvas.put(" " + footer + " ", x: rect.x + 2, y: rect.maxY - 1, style: Style(.dialog), limit: rect.maxX - 1)
        return Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2)
    }

    static func drawLines(_ lines: [StyledLine], scroll: Int, in rect: Rect, into canvas: inout Canvas) {
        guard !rect.isEmpty, !lines.isEmpty else { return }
        // The last page ends at the last line: scrolling never shows a page of blank rows.
        let start = min(max(0, scroll), max(0, lines.count - rect.height))
        for (row, line) in lines[start...].prefix(rect.height).enumerated() {
            line.draw(into: &canvas, x: rect.x, y: rect.y + row, limit: rect.maxX)
        }
        if lines.count > rect.height {
            let pos = " \(start + 1)–\(min(lines.count, start + rect.height))/\(lines.count) "
            canvas.put(pos, x: rect.maxX - pos.count, y: rect.maxY, style: Style(.dim), limit: rect.maxX + 1)
        }
    }

    static func drawField(_ field: LineEditor, x: Int, y: Int, width: Int, focused: Bool, into canvas: inout Canvas) {
        let style = Style(.text, underline: true)
        canvas.fill(Rect(x: x, y: y, width: width, height: 1), style: style)
        let view = field.viewport(width: max(1, width))
        canvas.put(TextSanitizer.singleLine(view.text), x: x, y: y, style: style, limit: x + width)
        if focused { canvas.cursor = (x + view.cursorColumn, y) }
    }

    static func drawBuffer(_ buffer: TextBuffer, in rect: Rect, into canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        let top = EditorScroll.top(current: 0, cursorLine: buffer.cursor.line, height: rect.height, lineCount: buffer.lines.count)
        let styled = JSONLines.styled(buffer.lines.map(TextSanitizer.singleLine))
        for row in 0..<rect.height where top + row < styled.count {
            styled[top + row].draw(into: &canvas, x: rect.x, y: rect.y + row, limit: rect.maxX)
        }
        let line = buffer.cursor.line < buffer.lines.count ? Array(buffer.lines[buffer.cursor.line]) : []
        let col = EditorView.cellWidth(line.prefix(min(buffer.cursor.column, line.count)), canvas.measure)
        canvas.cursor = (min(rect.maxX - 1, rect.x + col), rect.y + buffer.cursor.line - top)
    }

    static func drawApproval(_ a: ApprovalState, keys: Keymap, into canvas: inout Canvas) {
        guard let call = a.current else { return }
        let box = frame(title: "Approval mode — call \(a.decisions.count + 1) of \(a.calls.count): \(TextSanitizer.singleLine(call.name))", chrome: chrome(.approval(a), keys, canvas), into: &canvas)
        canvas.put("id " + TextSanitizer.singleLine(call.id), x: box.x, y: box.y, style: Style(.dim), limit: box.maxX)
        let body = Rect(x: box.x, y: box.y + 2, width: box.width, height: box.height - 2)
        if let buffer = a.editing {
            drawBuffer(buffer, in: body, into: &canvas)
        } else {
            drawLines(JSONLines.pretty(call.arguments.isEmpty ? "{}" : call.arguments), scroll: a.scroll, in: Rect(x: body.x, y: body.y, width: body.width, height: body.height - 2), into: &canvas)
            if let line = a.answering {
                canvas.put("result:", x: box.x, y: body.maxY - 2, style: Style(.dialog, bold: true), limit: box.maxX)
                drawField(line, x: box.x, y: body.maxY - 1, width: box.width, focused: true, into: &canvas)
            }
        }
    }

    static func drawProvider(_ p: ProviderDialogState, provider: ProviderConfig, keys: Keymap, into canvas: inout Canvas) {
        let fields = p.fields
        // Two rows per field, then the hint and the error line; the Responses rows make it taller.
        let box = frame(title: "Provider and model", chrome: chrome(.provider(p), keys, canvas), into: &canvas)
        func choices(_ labels: [String], selected: Int, x: Int, y: Int, enabled: Bool) {
            var x = x
            for (i, label) in labels.enumerated() {
                let style = i == selected ? Style(.selection, bold: true) : Style(enabled ? .dialog : .dim)
                x = canvas.put(" \(label) ", x: x, y: y, style: style, limit: box.maxX) + 1
            }
        }
        for (i, field) in fields.enumerated() {
            let y = box.y + i * 2
            let focused = p.field == field
            canvas.put((focused ? "▶ " : "  ") + Self.label(field), x: box.x, y: y, style: Style(.dialog, bold: focused), limit: box.maxX)
            let fieldX = box.x + 12
            switch field {
            case .kind:
                let kinds = ProviderConfig.Kind.allCases
                choices(kinds.map(\.rawValue), selected: kinds.firstIndex(of: p.kind) ?? 0, x: fieldX, y: y, enabled: true)
            case .api:
                let apis = WireAPI.allCases
                choices(apis.map(\.rawValue), selected: apis.firstIndex(of: p.api) ?? 0, x: fieldX, y: y, enabled: p.kind == .openai)
            case .model:
                drawField(p.model, x: fieldX, y: y, width: box.maxX - fieldX, focused: focused, into: &canvas)
                if let note = p.modelsNote {
                    let failed = note.hasPrefix("no model list")
                    canvas.put(note, x: fieldX, y: y + 1, style: Style(failed ? .warning : .dim), limit: box.maxX)
                }
            case .baseURL: drawField(p.baseURL, x: fieldX, y: y, width: box.maxX - fieldX, focused: focused, into: &canvas)
            case .compat:
                let mark = p.compat.emptyContentWithToolCalls ? "[x]" : "[ ]"
                canvas.put("\(mark) send \"content\": \"\" instead of null beside tool calls (llama-cpp-python)", x: fieldX, y: y,
                           style: focused ? Style(.selection) : Style(.dialog), limit: box.maxX)
            case .store:
                let stores = ProviderDialogState.storeChoices
                choices(stores.map(ProviderDialogState.label(store:)), selected: stores.firstIndex(of: p.store) ?? 0, x: fieldX, y: y, enabled: p.kind == .openai)
                let note = p.store == false ? "+ include reasoning.encrypted_content" : p.store == nil ? "not sent" : ""
                canvas.put(note, x: fieldX + 24, y: y, style: Style(.dim), limit: box.maxX)
            case .history:
                let histories = ResponsesHistory.allCases
                choices(histories.map(\.rawValue), selected: histories.firstIndex(of: p.history) ?? 0, x: fieldX, y: y, enabled: p.kind == .openai)
                let note = p.history == .full ? "the whole conversation every request" : "previous_response_id + the new items"
                canvas.put(note, x: fieldX + 24, y: y, style: Style(.dim), limit: box.maxX)
            }
        }
        let below = box.y + fields.count * 2
        let hint: String
        switch p.kind {
        case .scripted: hint = "the offline demo model (plays its script)"
        case .replay: hint = "plays the assistant turns of this session's recording"
        case .openai:
            var provider = provider
            provider.switchWire(to: p.api)
            hint = "an HTTP server speaking \(p.api.label) · key from $\(provider.apiKeyEnv)"
        }
        canvas.put(hint, x: box.x, y: below, style: Style(.dim), limit: box.maxX)
        if let error = p.error {
            canvas.put("✖ " + TextSanitizer.singleLine(error), x: box.x, y: below + 1, style: Style(.error, bold: true), limit: box.maxX)
        }
    }

    /// A provider dialog row's label.
    static func label(_ field: ProviderDialogState.Field) -> String {
        switch field {
        case .kind: return "kind"
        case .api: return "api"
        case .model: return "model"
        case .baseURL: return "base URL"
        case .compat: return "compat"
        case .store: return "store"
        case .history: return "history"
        }
    }
}
