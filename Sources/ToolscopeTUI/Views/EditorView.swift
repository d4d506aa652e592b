import ToolscopeEngine

/// The schema editor pane: the tool list, the selected tool's JSON with line numbers, syntax
/// colours, selection and bracket match, and its problems beside and under the text.
enum EditorView {
    /// What the pane draws: the session's tools and the editor's own state.
    struct Model {
        var tools: [SessionTool]
        var editor: EditorState
        var focused: Bool
        var listWidth: Int
        /// The keys in force, for the hints.
        var keys: Keymap

        init(_ state: AppState) {
            tools = state.session.tools
            editor = state.editor
            focused = state.focus == .editor
            listWidth = state.layout.toolListWidth
            keys = state.keymap
        }
    }

    static func draw(_ model: Model, rect: Rect, into canvas: inout Canvas) {
        let focused = model.focused
        let tools = model.tools
        var title = "Tools"
        if !tools.isEmpty { title += " · " + TextSanitizer.singleLine(tools[min(model.editor.selected, tools.count - 1)].name) }
        Renderer.frame(rect, title: title, focused: focused, into: &canvas)
        let content = rect.inset(by: 1)
        guard content.height >= 3, content.width >= 20 else { return }
        let list = Rect(x: content.x, y: content.y, width: model.listWidth, height: content.height)
        drawList(model, rect: list, into: &canvas)
        canvas.vline("│", x: list.maxX, y: content.y, count: content.height, style: Style(.border))
        let problems = problemLines(model.editor.analysis, applyKey: model.keys.keyName(.apply, in: .jsonEditor, usual: .function(5)))
        let panelHeight = min(problems.count, 3) + 1
        let text = Rect(x: list.maxX + 1, y: content.y, width: content.maxX - list.maxX - 1, height: content.height - panelHeight)
        if tools.isEmpty {
            canvas.put("No tools. Press \(model.keys.keyName(.addTool, in: .toolsList, usual: .char("a"))) to add one.", x: text.x + 1, y: text.y, style: Style(.dim), limit: text.maxX)
        } else {
            drawText(model.editor, rect: text, focused: focused && !model.editor.listFocused, into: &canvas)
        }
        var y = text.maxY
        for line in problems.prefix(3) {
            line.draw(into: &canvas, x: text.x, y: y, limit: content.maxX)
            y += 1
        }
        if problems.count > 3 {
            canvas.put(" +\(problems.count - 3) more", x: max(text.x, content.maxX - 10), y: y - 1, style: Style(.dim), limit: content.maxX)
        }
        infoLine(model).draw(into: &canvas, x: text.x, y: content.maxY - 1, limit: content.maxX)
    }

    /// The tool list's first row: scrolled so the selection stays in view (above the legend
    /// row). A click is mapped to a tool with the same rule.
    static func listTop(selected: Int, height: Int) -> Int { max(0, selected - height + 2) }

    static func drawList(_ model: Model, rect: Rect, into canvas: inout Canvas) {
        let tools = model.tools
        let editor = model.editor
        let focused = model.focused
        let top = listTop(selected: editor.selected, height: rect.height)
        for (row, i) in (top..<tools.count).enumerated() where row < rect.height - 1 {
            let tool = tools[i]
            let selected = i == editor.selected
            let marker = editor.drafts[i] != nil || (selected && editor.buffer.isModified) ? "*" : " "
            let style: Style = selected ? (focused && editor.listFocused ? Style(.selection) : Style(.accent, bold: true)) : Style(tool.enabled ? .text : .dim)
            if selected { canvas.fill(Rect(x: rect.x, y: rect.y + row, width: rect.width, height: 1), style: style) }
            // The binding shows as one letter (ToolTag, explained by the legend below and in F1)
            // so the name keeps the room.
            let tag = ToolTag.tag(for: tool)
            let wrapper = WordWrapper(measure: canvas.measure)
            let name = wrapper.truncate(TextSanitizer.singleLine(tool.name), width: max(1, rect.width - 3))
            canvas.put(marker + name, x: rect.x, y: rect.y + row, style: style, limit: rect.maxX - 2)
            canvas.put(tag, x: rect.maxX - 1, y: rect.y + row, style: selected ? style : Style(.dim), limit: rect.maxX)
        }
        let help = focused && editor.listFocused ? "a d r x b p m e t" : ""
        canvas.put(help, x: rect.x, y: rect.maxY - 1, style: Style(.dim), limit: rect.maxX)
        // The legend of the tags sits above the key row when the list leaves room for it.
        let legend = ToolTag.legendRows(width: rect.width)
        let firstLegendRow = rect.maxY - 1 - legend.count
        if firstLegendRow - rect.y > tools.count - top {
            for (i, row) in legend.enumerated() {
                canvas.put(row, x: rect.x, y: firstLegendRow + i, style: Style(.dim), limit: rect.maxX)
            }
        }
    }

    static func drawText(_ editor: EditorState, rect: Rect, focused: Bool, into canvas: inout Canvas) {
        guard !rect.isEmpty else { return }
        let buffer = editor.buffer
        let lines = buffer.lines
        let gutter = String(lines.count).count + 2
        let textX = rect.x + gutter
        let textWidth = rect.maxX - textX
        guard textWidth > 2 else { return }
        let cursor = buffer.cursor
        let top = EditorScroll.top(current: editor.scrollTop, cursorLine: cursor.line, height: rect.height, lineCount: lines.count)
        let cursorLineText = cursor.line < lines.count ? Array(lines[cursor.line]) : []
        let cursorCol = cellWidth(cursorLineText.prefix(min(cursor.column, cursorLineText.count)), canvas.measure)
        let left = max(0, cursorCol - textWidth + 2)
        let tokens = JSONHighlighter.highlight(lines: lines)
        var errorsByLine: [Int: (EditorDiagnostic.Severity, String)] = [:]
        for d in editor.analysis.diagnostics where errorsByLine[d.line] == nil { errorsByLine[d.line] = (d.severity, d.message) }
        for l in editor.analysis.lint {
            if let p = l.position, errorsByLine[p.line] == nil {
                errorsByLine[p.line] = (l.finding.severity == .error ? .error : .warning, l.finding.message)
            }
        }
        let selection = buffer.selection
        let match = focused ? buffer.matchingBracket() : nil
        for row in 0..<rect.height {
            let index = top + row
            guard index < lines.count else { break }
            let y = rect.y + row
            let problem = errorsByLine[index]
            let number = String(index + 1)
            canvas.put(String(repeating: " ", count: gutter - 1 - number.count) + number, x: rect.x, y: y,
                       style: Style(index == cursor.line ? .accent : .lineNumber), limit: textX)
            if let problem {
                canvas.put(problem.0 == .error ? "●" : "▲", x: textX - 1, y: y, style: Style(problem.0 == .error ? .error : .warning), limit: textX)
            }
            let chars = Array(TextSanitizer.singleLine(lines[index]))
            var kinds = [ThemeRole](repeating: .text, count: chars.count)
            if index < tokens.count {
                for t in tokens[index] where t.range.upperBound <= chars.count {
                    for c in t.range { kinds[c] = JSONLines.role(t.kind) }
                }
            }
            // The find bar's matches (Ctrl-F): found afresh on each drawn line, so an edit
            // never leaves a stale mark; the current match's line in the selection colour.
            let found = editor.search.map { TextSearch.ranges(of: $0.query, in: String(chars)) } ?? []
            let foundStyle = index == editor.search?.currentRow ? Style(.selection, bold: true) : Style(.accent, underline: true)
            var col = 0
            var x = textX
            for (c, ch) in chars.enumerated() {
                let w = canvas.measure.width(of: ch)
                defer { col += w }
                if col < left { continue }
                if x + w > rect.maxX { break }
                var style = Style(kinds[c])
                if found.contains(where: { $0.contains(c) }) { style = foundStyle }
                let pos = TextPosition(line: index, column: c)
                if let selection, selection.contains(pos) { style = Style(.selection) }
                if let match, pos == match || pos == buffer.cursor, isBracket(ch) { style = Style(.accent, bold: true, reverse: true) }
                x = canvas.put(String(ch), x: x, y: y, style: style, limit: rect.maxX)
            }
            if let problem, x + 4 < rect.maxX {
                canvas.put("  ◀ " + TextSanitizer.singleLine(problem.1), x: x, y: y, style: Style(problem.0 == .error ? .error : .warning), limit: rect.maxX)
            }
        }
        if focused, cursor.line >= top, cursor.line < top + rect.height {
            canvas.cursor = (textX + cursorCol - left, rect.y + cursor.line - top)
        }
    }

    static func isBracket(_ ch: Character) -> Bool { "{}[]".contains(ch) }

    static func cellWidth(_ chars: ArraySlice<Character>, _ measure: CellMeasure) -> Int {
        chars.reduce(0) { $0 + measure.width(of: $1) }
    }

    static func problemLines(_ analysis: EditorState.Analysis, applyKey: String) -> [StyledLine] {
        var out: [StyledLine] = []
        if let conversion = analysis.conversion {
            let count = conversion.tools.count
            // The key first: the editor pane is often narrow, and the line is cut at its edge.
            out.append(StyledLine("⚑ \(applyKey) converts to OpenAI (diff first): \(conversion.dialect.rawValue), \(count) tool\(count == 1 ? "" : "s")", Style(.accent, bold: true)))
        }
        for d in analysis.diagnostics {
            let error = d.severity == .error
            out.append(StyledLine((error ? "✖ " : "⚠ ") + "\(d.line + 1):\(d.column + 1) " + TextSanitizer.singleLine(d.message), Style(error ? .error : .warning)))
        }
        for l in analysis.lint {
            let error = l.finding.severity == .error
            let at = l.position.map { "\($0.line + 1):\($0.column + 1) " } ?? ""
            out.append(StyledLine((error ? "✖ " : "⚠ ") + at + TextSanitizer.singleLine(l.finding.message), Style(error ? .error : .warning)))
        }
        return out
    }

    static func infoLine(_ model: Model) -> StyledLine {
        let editor = model.editor
        guard !model.tools.isEmpty else { return StyledLine() }
        let tool = model.tools[min(editor.selected, model.tools.count - 1)]
        var line = StyledLine()
        if let tokens = editor.analysis.tokenEstimate {
            line.append("≈\(tokens) tokens", Style(.accent))
        } else {
            line.append("invalid JSON", Style(.error, bold: true))
        }
        line.append(" · " + BindingLabel.describe(tool.binding), Style(.dim))
        if editor.buffer.isModified { line.append(" · unapplied", Style(.warning)) }
        let c = editor.buffer.cursor
        line.append(" · \(c.line + 1):\(c.column + 1)", Style(.dim))
        if model.focused {
            let keys = model.keys
            line.append(editor.listFocused ? " · \(keys.keyName(.editJSON, in: .toolsList, usual: .enter)) edit"
                        : " · \(keys.keyName(.apply, in: .jsonEditor, usual: .function(5))) apply · \(DialogView.short(keys.keys(for: .tryTool, in: .jsonEditor).first)) try · "
                            + "\(keys.keyName(.backToList, in: .jsonEditor, usual: .escape)) list", Style(.statusKey))
        }
        return line
    }
}

/// Keeps the editor's first visible line so the cursor stays on screen.
enum EditorScroll {
    static func top(current: Int, cursorLine: Int, height: Int, lineCount: Int) -> Int {
        guard height > 0 else { return 0 }
        var top = min(max(0, current), max(0, lineCount - 1))
        if cursorLine < top { top = cursorLine }
        if cursorLine >= top + height { top = cursorLine - height + 1 }
        return max(0, top)
    }
}
