import Foundation
import ToolscopeEngine

/// Dialogs about one tool call: approval mode, a manual result, trying a tool.
extension ModalReducer {
    static func approvalKey(_ state: inout AppState, _ a: ApprovalState, _ key: Key) -> [Effect] {
        var a = a
        guard let call = a.current else { state.modal = nil; return [] }
        if var buffer = a.editing {
            switch state.command(for: key, in: .argumentsEditor) {
            case .cancel?: a.editing = nil
            case .runArguments?:
                guard (try? JSONParser.parse(buffer.text)) != nil else {
                    state.notice = Notice("edited arguments are not valid JSON", kind: .error)
                    return []
                }
                a.editing = nil
                a.decisions.append(.run(arguments: buffer.text))
            default:
                editBuffer(&buffer, key, state: &state)
                a.editing = buffer
            }
            return finishApproval(&state, a)
        }
        if var line = a.answering {
            switch LineField.update(&line, key, keymap: state.keymap) {
            case .cancel: a.answering = nil
            case .submit:
                a.answering = nil
                a.decisions.append(.answer(content: line.submit()))
            case .edited, .ignored:
                a.answering = line
            }
            return finishApproval(&state, a)
        }
        switch state.command(for: key, in: .approval, .scrolling) {
        case .approveCall?: a.decisions.append(.run(arguments: call.arguments))
        case .editArguments?:
            let pretty = (try? JSONParser.parse(call.arguments))?.pretty ?? call.arguments
            a.editing = TextBuffer(text: pretty)
        case .answerByHand?: a.answering = LineEditor()
        case .skipCall?: a.decisions.append(.skip)
        case .approveAll?:
            for c in a.calls[a.decisions.count...] { a.decisions.append(.run(arguments: c.arguments)) }
        case .cancelTurn?:
            state.modal = nil
            return [.cancelTurn]
        case .moveDown?: a.scroll += 1
        case .moveUp?: a.scroll = max(0, a.scroll - 1)
        default: break
        }
        return finishApproval(&state, a)
    }

    static func finishApproval(_ state: inout AppState, _ a: ApprovalState) -> [Effect] {
        if a.decisions.count >= a.calls.count {
            state.modal = nil
            state.runState = .runningTools(a.calls.count)
            return [.approve(id: a.id, decisions: a.decisions)]
        }
        state.modal = .approval(a)
        return []
    }

    static func manualResultKey(_ state: inout AppState, _ m: inout ManualResultState, _ key: Key) -> [Effect] {
        switch LineField.update(&m.input, key, keymap: state.keymap) {
        case .cancel:
            state.modal = nil
            state.runState = .runningTools(max(1, state.runningCalls.count))
            return [.manualResult(id: m.id, outcome: .error("the person at the keyboard declined to answer this call"))]
        case .submit:
            state.modal = nil
            state.runState = .runningTools(max(1, state.runningCalls.count))
            return [.manualResult(id: m.id, outcome: ToolOutcome(content: m.input.submit()))]
        case .edited, .ignored:
            state.modal = .manualResult(m)
            return []
        }
    }

    static func tryKey(_ state: inout AppState, _ t: inout TryToolState, _ key: Key) -> [Effect] {
        switch state.command(for: key, in: .argumentsEditor) {
        case .cancel?: state.modal = nil; return []
        case .runArguments?:
            validateTry(&t)
            guard let args = try? JSONParser.parse(t.buffer.text) else {
                state.modal = .tryTool(t)
                state.notice = Notice("not run: " + (t.problems.first ?? "the arguments are not valid JSON"), kind: .error)
                return []
            }
            let id = "try_\(state.trace.turns.count + 1)"
            let call = ToolCall(id: id, name: t.toolName, arguments: args.compact)
            state.modal = nil
            state.tryCalls.insert(id)
            state.trace.beginTry(call: call, at: state.now)
            // The try's row is selected for when the user looks at the trace; the focus stays
            // where the user put it (moving it made the next keys land in the wrong pane).
            state.traceSelection = max(0, TraceRow.build(state).count - 1)
            if !t.problems.isEmpty {
                state.notice = Notice("running with \(t.problems.count) schema problem(s): the dispatcher reports them as the model would see them", kind: .warning)
            }
            return [.tryTool(call)]
        default:
            let before = t.buffer.text
            editBuffer(&t.buffer, key, state: &state)
            if t.buffer.text != before { validateTry(&t) }
            state.modal = .tryTool(t)
            return []
        }
    }

    static func validateTry(_ t: inout TryToolState) {
        let syntax = JSONDiagnostics.syntax(of: t.buffer.text)
        if let value = syntax.value {
            t.problems = SchemaValidator.validate(value, schema: t.schema).map(\.description)
        } else {
            t.problems = syntax.diagnostics.map { "line \($0.line + 1), column \($0.column + 1): \($0.message)" }
        }
    }
}
