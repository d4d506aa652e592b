import ToolscopeEngine

extension ScriptProvider {
    /// The demo script that answers free-typed questions about the built-in tools.
    public static func demo(delay: Double? = nil) -> ScriptProvider {
        // The embedded script is checked by tests; a failure here is a build defect.
        ScriptProvider(script: try! Script(json: DemoScript.json), delay: delay)
    }
}
