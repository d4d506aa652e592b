import Foundation
import ToolscopeDemo
import ToolscopeEngine

/// Cases × variants × repeats, as runs with their exact inputs.
///
/// Each run's tools are the case's tools under the variant (the variant's definitions, or the
/// suite's), each bound to: the case's mocked result when it has one, else the variant's own
/// binding (tools from a session), else the built-in tool of that name, else a result saying
/// that the tool has no binding in this suite (so a missing mock shows in the transcript, not
/// as a crash).
public struct ExperimentPlan: Sendable {
    public var suite: Suite
    public var variants: [Variant]
    public var repeats: Int
    /// Settings before any variant applies: the command line's model, provider and guards.
    public var baseSettings: SessionSettings

    public init(suite: Suite, variants: [Variant], repeats: Int, baseSettings: SessionSettings) {
        self.suite = suite
        self.variants = variants
        self.repeats = repeats
        self.baseSettings = baseSettings
    }

    /// Every run, variant by variant, case by case, repeat by repeat.
    public var runs: [PlannedRun] {
        variants.flatMap { variant in
            suite.cases.flatMap { c in
                (0..<repeats).map { r in PlannedRun(caseID: c.id, variant: variant.name, inputs: inputs(for: c, variant: variant, repeatIndex: r)) }
            }
        }
    }

    /// Settings of a variant's runs.
    public func settings(for variant: Variant) -> SessionSettings {
        var settings = baseSettings
        variant.apply(to: &settings)
        return settings
    }

    public func inputs(for c: Case, variant: Variant, repeatIndex: Int) -> RunInputs {
        let definitions = c.tools(from: variant.tools ?? suite.tools).map(variant.adjust)
        let tools = definitions.map { SessionTool(definition: $0, binding: Self.binding(for: $0.name, case: c, variant: variant)) }
        var messages = c.messages
        if let system = variant.system {
            if let first = messages.first, first.role == .system { messages[0] = .system(system) } else { messages.insert(.system(system), at: 0) }
        }
        // The last user message starts the turn; what comes before it is history.
        let promptIndex = messages.lastIndex { $0.role == .user } ?? messages.count
        let prompt = promptIndex < messages.count ? (messages[promptIndex].content ?? "") : ""
        let history = Array(messages[..<min(promptIndex, messages.count)])
        return RunInputs(history: history, prompt: prompt, tools: tools, settings: settings(for: variant), repeatIndex: repeatIndex)
    }

    static func binding(for name: String, case c: Case, variant: Variant) -> ToolBindingSpec {
        if let mock = c.mocks[name] { return .mock(mock) }
        if let own = variant.bindings[name] { return own }
        if BuiltinTools.definition(named: name) != nil { return .builtin(name) }
        return .mock(["error": .string("the tool \(name) has no binding in this suite: give the case a mocked result (\"mocks\": {\"\(name)\": …})")])
    }
}
