/// Environment variables a binding marks secret.
///
/// A `python` or `command` binding, and an entry of the session's `mcpServers`, may list
/// `"secret_env": ["GITHUB_TOKEN", …]`. Those variables' values (from the entry's own `"env"`,
/// or else inherited from toolscope's environment) are masked wherever toolscope writes or shows
/// text, and the trust listing shows them only as `<secret>`. One reader of the key, so the
/// listing, the masker and the executors agree on what is secret.
public enum SecretEnvironment {
    /// The key under which a binding config or MCP server entry lists its secret variables.
    public static let key = "secret_env"

    /// The names listed under `secret_env` (strings only; anything else is ignored here and
    /// reported by the binding's own checks).
    public static func names(in config: JSONObject) -> [String] {
        (config[key]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// True when `name` is listed as secret in `config`.
    public static func isSecret(_ name: String, in config: JSONObject) -> Bool {
        names(in: config).contains(name)
    }

    /// The secret values `config` would hand its process: the entry's own `env` value for each
    /// listed name, else the inherited one from `parentEnvironment`.
    public static func values(in config: JSONObject, parentEnvironment: [String: String]) -> [String] {
        let own = config["env"]?.objectValue ?? [:]
        return names(in: config).compactMap { own[$0]?.stringValue ?? parentEnvironment[$0] }
    }

    /// Every secret value a session's bindings and MCP servers would use.
    public static func values(in session: Session, parentEnvironment: [String: String]) -> [String] {
        var out: [String] = []
        for tool in session.tools {
            if case .external(_, let config) = tool.binding {
                out += values(in: config, parentEnvironment: parentEnvironment)
            }
        }
        for (_, server) in session.mcpServers {
            if let config = server.objectValue { out += values(in: config, parentEnvironment: parentEnvironment) }
        }
        return out
    }
}
