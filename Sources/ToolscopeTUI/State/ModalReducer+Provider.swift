import Foundation
import ToolscopeEngine

/// The provider dialog (F2): fields, choices, the server's model list.
extension ModalReducer {
    static func providerKey(_ state: inout AppState, _ p: inout ProviderDialogState, _ key: Key) -> [Effect] {
        let fields = p.fields
        let at = fields.firstIndex(of: p.field) ?? 0
        let command = state.command(for: key, in: .provider)
        switch command {
        case .close?: state.modal = nil; return []
        case .nextField?: p.field = fields[(at + 1) % fields.count]
        case .previousField?: p.field = fields[(at + fields.count - 1) % fields.count]
        case .previousChoice?: moveChoice(&p, by: -1)
        case .nextChoice?: moveChoice(&p, by: 1)
        case .refreshModels?:
            let effects = listModels(&p, state: state)
            state.modal = .provider(p)
            return effects
        case .nextModel?, .previousModel?:
            // Put the next (or previous) listed model into the field; the field stays editable.
            let current = p.models.firstIndex(of: p.model.text.trimmingCharacters(in: .whitespaces))
            let offset = command == .nextModel ? 1 : -1
            let next = current.map { ($0 + offset + p.models.count) % p.models.count } ?? (offset > 0 ? 0 : p.models.count - 1)
            p.model = LineEditor(text: p.models[next])
            p.field = .model
        case .accept?:
            let config = p.config(from: state.session.settings.provider)
            if p.kind == .openai, config.baseURL == nil {
                p.error = "an HTTP provider needs a base URL, e.g. http://127.0.0.1:11434/v1 or \(p.api.defaultBaseURL)"
                state.modal = .provider(p)
                return []
            }
            let model = p.model.text.trimmingCharacters(in: .whitespaces)
            p.error = nil
            state.modal = .provider(p)
            // The Responses rows are hidden on other wires; what they hold there is not applied.
            let responses = p.api == .responses
            return [.switchProvider(config, model: model.isEmpty ? state.session.settings.model : model,
                                    store: responses ? p.store : state.session.settings.store,
                                    history: responses ? p.history : state.session.settings.responsesHistory)]
        default:
            // Enter and Esc are the dialog's own (above), so the fields only edit.
            switch p.field {
            case .kind, .api, .compat, .store, .history: break
            case .model: _ = LineField.update(&p.model, key, keymap: state.keymap)
            case .baseURL: _ = LineField.update(&p.baseURL, key, keymap: state.keymap)
            }
        }
        state.modal = .provider(p)
        return []
    }

    /// ←/→ (and Space forward) on a choice row: the provider kinds, wires and `store` walk
    /// both ways; compat toggles and history has two values, so both keys flip them.
    static func moveChoice(_ p: inout ProviderDialogState, by offset: Int) {
        func next<T: Equatable>(_ all: [T], _ current: T) -> T {
            all[((all.firstIndex(of: current) ?? 0) + offset + all.count) % all.count]
        }
        switch p.field {
        case .kind: p.kind = next(ProviderConfig.Kind.allCases, p.kind)
        case .api: p.api = next(WireAPI.allCases, p.api)
        case .compat: p.compat.emptyContentWithToolCalls.toggle()
        case .store: p.store = next(ProviderDialogState.storeChoices, p.store)
        case .history:
            let histories = ResponsesHistory.allCases
            p.history = histories[(histories.firstIndex(of: p.history)! + 1) % histories.count]
        case .model, .baseURL: break
        }
    }

    /// Asks the dialog's HTTP server for its models (nothing for the scripted and replay
    /// models, or without a base URL); the answer arrives as `.modelsListed` / `.modelsFailed`.
    static func listModels(_ p: inout ProviderDialogState, state: AppState) -> [Effect] {
        let config = p.config(from: state.session.settings.provider)
        guard p.kind == .openai, let url = config.baseURL else {
            p.models = []
            p.modelsBaseURL = nil
            p.modelsNote = nil
            return []
        }
        p.modelsBaseURL = url
        p.modelsNote = "asking \(TextSanitizer.singleLine(url)) for its models…"
        return [.listModels(config)]
    }
}
