import Foundation
import ToolscopeEngine
import ToolscopeEval

/// The Experiments screen's behaviour: its keys, and the runtime's reports as runs finish.
enum ExperimentsReducer {
    /// F12: open the screen (the first time on the default suite), or go back to the panes.
    static func toggle(_ state: inout AppState) -> [Effect] {
        if state.experiments == nil {
            state.experiments = ExperimentsState(state.experimentDefaults)
            return []
        }
        state.experiments!.visible.toggle()
        return []
    }

    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var screen = state.experiments else { return [] }
        defer { if state.experiments != nil { state.experiments!.clampSelection() } }
        switch state.command(for: key, in: .experiments) {
        case .close?:
            state.experiments!.visible = false
            return []
        case .nextField?:
            screen.field = ExperimentsState.Field(rawValue: (screen.field.rawValue + 1) % ExperimentsState.Field.allCases.count)!
            state.experiments = screen
            return []
        case .previousField?:
            let count = ExperimentsState.Field.allCases.count
            screen.field = ExperimentsState.Field(rawValue: (screen.field.rawValue + count - 1) % count)!
            state.experiments = screen
            return []
        default:
            break
        }
        switch screen.field {
        case .suite, .repeats, .concurrency:
            if state.command(for: key, in: .experimentsField) == .runSuite { return run(&state, caseIDs: nil) }
            switch screen.field {
            case .suite: _ = LineField.update(&screen.suitePath, key, keymap: state.keymap)
            case .repeats: _ = LineField.update(&screen.repeats, key, keymap: state.keymap)
            default: _ = LineField.update(&screen.concurrency, key, keymap: state.keymap)
            }
            state.experiments = screen
            return []
        case .matrix:
            guard let command = state.command(for: key, in: .experimentsMatrix) else { return [] }
            return matrixCommand(&state, command)
        }
    }

    static func matrixCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
        var screen = state.experiments!
        let rows = screen.matrix.visibleCases(screen.filter).count
        switch command {
        case .moveUp: screen.row -= 1
        case .moveDown: screen.row += 1
        case .moveLeft: screen.column -= 1
        case .moveRight: screen.column += 1
        case .pageUp: screen.row -= 10
        case .pageDown: screen.row += 10
        case .first: screen.row = 0
        case .last: screen.row = rows - 1
        case .filter:
            screen.filter = screen.filter.next
            screen.row = 0
            screen.scroll = 0
            state.notice = Notice("filter: \(screen.filter.rawValue)")
        case .openRun:
            state.experiments = screen
            return openRun(&state)
        case .runSuite, .runFresh:
            state.experiments = screen
            return run(&state, caseIDs: nil, fresh: command == .runFresh)
        case .runCase:
            state.experiments = screen
            guard let cell = screen.selected else { state.notice = Notice("no case selected", kind: .warning); return [] }
            return run(&state, caseIDs: [cell.caseID])
        case .openCase:
            state.experiments = screen
            guard let cell = screen.selected else { state.notice = Notice("no cell selected", kind: .warning); return [] }
            guard !state.runState.isBusy else { state.notice = state.turnRunningNotice; return [] }
            return [.openExperimentCase(caseID: cell.caseID, variant: cell.variant)]
        case .difference:
            state.experiments = screen
            showDifference(&state)
            return []
        case .stopExperiment:
            state.experiments = screen
            guard screen.running else { return [] }
            state.notice = Notice("stopping the experiment: finished runs are kept", kind: .warning)
            return [.cancelExperiment]
        default:
            break
        }
        state.experiments = screen
        return []
    }

    /// Starts the suite (or `caseIDs`) with the fields' values, the session's provider and,
    /// once a case was opened in the workbench, the workbench's tools as variant "edited".
    static func run(_ state: inout AppState, caseIDs: [String]?, fresh: Bool = false) -> [Effect] {
        guard var screen = state.experiments else { return [] }
        guard !screen.running else {
            state.notice = Notice("an experiment is running; x stops it", kind: .warning)
            return []
        }
        let path = screen.suitePath.text.trimmingCharacters(in: .whitespaces)
        guard !path.isEmpty else {
            screen.field = .suite
            state.experiments = screen
            state.notice = Notice("name a suite file first (\(state.keymap.keyName(.nextField, in: .experiments, usual: .tab)) to the Suite field)", kind: .warning)
            return []
        }
        guard let repeats = Int(screen.repeats.text.trimmingCharacters(in: .whitespaces)), (1...1000).contains(repeats) else {
            screen.field = .repeats
            state.experiments = screen
            state.notice = Notice("Repeats must be a whole number from 1 to 1000, not \"\(screen.repeats.text)\"", kind: .error)
            return []
        }
        guard let concurrency = Int(screen.concurrency.text.trimmingCharacters(in: .whitespaces)), (1...64).contains(concurrency) else {
            screen.field = .concurrency
            state.experiments = screen
            state.notice = Notice("Concurrency must be a whole number from 1 to 64, not \"\(screen.concurrency.text)\"", kind: .error)
            return []
        }
        screen.running = true
        screen.problem = nil
        screen.field = .matrix
        state.experiments = screen
        let edited = screen.openedCase == nil ? nil : state.session.tools
        return [.runExperiment(ExperimentRequest(suitePath: path, repeats: repeats, concurrency: concurrency, caseIDs: caseIDs,
                                                 edited: edited, settings: state.session.settings, trusted: state.trusted, fresh: fresh))]
    }

    /// Enter on a cell: its first failing (else first) run, read from the database.
    static func openRun(_ state: inout AppState) -> [Effect] {
        guard let screen = state.experiments, let cell = screen.selected else { return [] }
        let runs = screen.matrix.runs(caseID: cell.caseID, variant: cell.variant)
        guard let run = runs.first(where: { $0.status != .passed }) ?? runs.first, let id = run.runID else {
            state.notice = Notice("\(cell.caseID) · \(cell.variant) has no finished run yet", kind: .warning)
            return []
        }
        return [.openExperimentRun(id: id, caseID: cell.caseID, variant: cell.variant, repeatIndex: run.repeatIndex)]
    }

    /// `d`: the selected variant's tools against the first variant's (or the second's against
    /// the first when the first is selected), as a line diff of the pretty JSON.
    static func showDifference(_ state: inout AppState) {
        guard let screen = state.experiments else { return }
        let variants = screen.matrix.variants
        guard variants.count >= 2 else {
            state.notice = Notice("one variant: nothing to compare", kind: .warning)
            return
        }
        let candidate = screen.column > 0 && screen.column < variants.count ? variants[screen.column] : variants[1]
        let baseline = variants[0]
        state.modal = .detail(DetailState(title: "Tools: \(baseline) → \(candidate)",
                                          lines: differenceLines(screen.matrix, baseline: baseline, candidate: candidate)))
    }

    static func differenceLines(_ matrix: ExperimentMatrix, baseline: String, candidate: String) -> [StyledLine] {
        let old = matrix.toolsJSON[baseline] ?? ""
        let new = matrix.toolsJSON[candidate] ?? ""
        let diff = UnifiedDiff.allLines(old: old, new: new)
        var lines = [StyledLine("- \(baseline)   + \(candidate)", Style(.accent, bold: true))]
        if !diff.contains(where: { if case .context = $0 { return false }; return true }) {
            lines.append(StyledLine("the two variants send the same tool definitions", Style(.dim)))
        }
        // `- ` removed, `+ ` added, unchanged lines dim.
        return lines + diff.map { line in
            switch line {
            case .context(let s): return StyledLine("  " + s, Style(.dim))
            case .removed(let s): return StyledLine("- " + s, Style(.error))
            case .added(let s): return StyledLine("+ " + s, Style(.success))
            case .hunk(let s): return StyledLine(s, Style(.accent))
            }
        }
    }

    // MARK: - Reports from the runtime

    static func apply(_ state: inout AppState, _ event: ExperimentEvent) -> [Effect] {
        if state.experiments == nil { state.experiments = ExperimentsState(state.experimentDefaults) }
        defer { state.experiments!.clampSelection() }
        switch event {
        case .started(let id, let model, let database, let cases, let variants, let toolsJSON, let repeats, let total, let caseIDs):
            var matrix = state.experiments!.matrix
            // A re-run of some cases keeps the other cells when the plan is the same shape.
            let keep = caseIDs != nil && matrix.cases == cases && matrix.repeats == repeats
            matrix.cases = cases
            matrix.repeats = repeats
            if keep {
                matrix.clear(caseIDs: Set(caseIDs!))
                for v in variants where !matrix.variants.contains(v) { matrix.variants.append(v) }
            } else {
                matrix.clear(caseIDs: nil)
                matrix.variants = variants
            }
            matrix.toolsJSON.merge(toolsJSON) { _, new in new }
            state.experiments!.matrix = matrix
            state.experiments!.experimentID = id
            state.experiments!.modelLabel = model
            state.experiments!.database = database
            state.experiments!.progress = RunProgress(total: total)
            state.experiments!.running = true
        case .runFinished(let caseID, let variant, let result, let progress):
            state.experiments!.matrix.record(result, caseID: caseID, variant: variant)
            state.experiments!.progress = progress
        case .finished(let progress, let cancelled):
            state.experiments!.running = false
            state.experiments!.progress = progress
            let tally = "\(progress.passed) passed, \(progress.failed) failed, \(progress.errored) errored"
            state.notice = cancelled ? Notice("experiment stopped: \(progress.done) of \(progress.total) runs kept (\(tally))", kind: .warning)
                                     : Notice("experiment done: \(tally)", kind: progress.failed + progress.errored == 0 ? .success : .info)
        case .failed(let message):
            state.experiments!.running = false
            state.experiments!.problem = message
            state.notice = Notice(message, kind: .error)
        case .runOpened(let session, let title, let explanation):
            Reducer.loadSession(&state, session, path: nil, replay: true)
            // Read-only, like replay, but every round shown at once, with its trace.
            state.replay!.step = state.replay!.lastStep
            state.trace = TraceModel(events: session.trace)
            state.experiments!.visible = false
            state.modal = .detail(DetailState(title: title, lines: explanationLines(explanation)))
            state.notice = Notice("\(title): read-only · \(state.keymap.keyName(.experiments, in: .global, usual: .function(12))) back to the matrix (\(state.keymap.keyName(.openCase, in: .experimentsMatrix, usual: .char("w"))) there opens the case live)")
        case .caseOpened(let cell, let prompt):
            state.experiments!.openedCase = cell
            state.experiments!.visible = false
            state.input = LineEditor(text: prompt)
            state.focus = .conversation
            state.notice = Notice("case \(cell.caseID) with \(cell.variant)'s tools: edit them (\(state.keymap.keyName(.focusNext, in: .global, usual: .tab)) to Tools), "
                                  + "\(state.keymap.keyName(.submit, in: .lineField, usual: .enter)) sends the prompt; \(state.keymap.keyName(.experiments, in: .global, usual: .function(12))), "
                                  + "then \(state.keymap.keyName(.runSuite, in: .experimentsMatrix, usual: .char("r"))) runs the suite with them as \"\(ExperimentsState.editedVariant)\"", kind: .success)
        }
        return []
    }

    static func explanationLines(_ explanation: [String]) -> [StyledLine] {
        var lines: [StyledLine] = []
        for line in explanation {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let style: Style = trimmed.hasPrefix("expected") || trimmed.hasPrefix("got") ? Style(.text)
                : line.hasPrefix(" ") ? Style(.text) : Style(.warning, bold: true)
            lines.append(StyledLine(line, style))
        }
        lines.append(StyledLine(""))
        lines.append(StyledLine("Esc: the run's conversation and trace · F12: back to the matrix · w there: open the case live", Style(.dim)))
        return lines
    }
}
