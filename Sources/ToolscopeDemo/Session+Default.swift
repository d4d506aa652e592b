import ToolscopeEngine

extension Session {
    /// The session the workbench opens with when nothing else is configured: the built-in demo
    /// tools, the scripted demo model, no API key needed.
    public static func embeddedDefault() -> Session {
        var settings = SessionSettings()
        settings.provider = ProviderConfig(kind: .scripted)
        let tools = BuiltinTools.definitions.map { SessionTool(definition: $0, binding: .builtin($0.name)) }
        return Session(title: "Demo: built-in tools", settings: settings, tools: tools, messages: [
            .system("You are a helpful assistant. Use the tools to answer; call several at once when they are independent."),
        ])
    }
}
