import ToolscopeDemo
import ToolscopeEngine
@testable import ToolscopeTUI

/// Builders shared by the TUI tests: a state on the embedded demo session and a renderer
/// that returns the screen as text.
enum TestSupport {
    static func state(width: Int = 120, height: Int = 40, session: Session = Session.embeddedDefault()) -> AppState {
        AppState(session: session, sessionPath: nil, providerName: "scripted (demo)", width: width, height: height)
    }

    static func render(_ state: AppState) -> Canvas {
        var canvas = Canvas(width: state.width, height: state.height)
        Renderer.render(state, into: &canvas)
        return canvas
    }

    @discardableResult
    static func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects += Reducer.reduce(&state, .key(key)) }
        return effects
    }

    static func type(_ state: inout AppState, _ text: String) {
        for ch in text { _ = Reducer.reduce(&state, .key(.char(ch))) }
    }

    static func event(_ state: inout AppState, _ kind: TraceEvent.Kind, round: Int = 1, time: Double = 10) {
        _ = Reducer.reduce(&state, .trace(TraceEvent(time: time, round: round, kind: kind)))
    }
}
