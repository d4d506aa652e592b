import Foundation
import ToolscopeEngine

/// Remembers which session files the user trusted to run code (Python functions, commands,
/// MCP servers), so opening a session from elsewhere never runs anything silently.
///
/// Trust is stored in `trusted.json` under toolscope's config directory
/// (`$TOOLSCOPE_CONFIG_DIR`, `$XDG_CONFIG_HOME/toolscope` or `~/.config/toolscope`). A file is
/// trusted when its exact content (SHA-256) was trusted, or when it sits at a path the user
/// trusted and what it would run is unchanged: autosaving new messages keeps the trust, while
/// any edit to a binding or an MCP server withdraws it.
public enum TrustStore {
    static let fileName = "trusted.json"
    static let format = "toolscope.trust/1"

    /// Where the trust list lives for the current environment.
    public static var storePath: String { UserDirectories.config() + "/" + fileName }

    public static func isTrusted(path: String) -> Bool {
        isTrusted(path: path, configDirectory: UserDirectories.config())
    }

    public static func isTrusted(path: String, configDirectory: String) -> Bool {
        guard let fingerprint = try? Fingerprint(path: path) else { return false }
        return entries(configDirectory).contains { entry in
            entry["sha256"]?.stringValue == fingerprint.content
                || (entry["path"]?.stringValue == fingerprint.path && entry["executables_sha256"]?.stringValue == fingerprint.executables)
        }
    }

    /// Records the file's current content as trusted (call it again after saving the file).
    public static func trust(path: String) throws {
        try trust(path: path, configDirectory: UserDirectories.config())
    }

    public static func trust(path: String, configDirectory: String) throws(ToolFileError) {
        let fingerprint = try Fingerprint(path: path)
        var kept = entries(configDirectory).filter { $0["path"]?.stringValue != fingerprint.path }
        kept.append(["path": .string(fingerprint.path), "sha256": .string(fingerprint.content),
                     "executables_sha256": .string(fingerprint.executables),
                     "trusted_at": .string(ISO8601.format(Date()))])
        let document: JSONValue = ["format": .string(format), "entries": .array(kept)]
        try UserDirectories.writeAtomically(Array((document.pretty + "\n").utf8), to: configDirectory + "/" + fileName)
    }

    /// Everything the session at `path` would run, in full (see `ExecutionListing`), with the
    /// servers of the user's own `mcp.json` that its `mcp` bindings would fall back to.
    public static func listing(for session: Session, path: String?) -> ExecutionListing {
        let file = UserDirectories.config() + "/mcp.json"
        let userServers = (try? MCPServerConfig.servers(inFile: file)) ?? [:]
        let directory = path.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
        return ExecutionListing(session: session, userServers: userServers, sessionDirectory: directory)
    }

    private static func entries(_ configDirectory: String) -> [JSONValue] {
        guard let data = FileManager.default.contents(atPath: configDirectory + "/" + fileName),
              let document = try? JSONParser.parse(bytes: Array(data)) else { return [] }
        return document["entries"]?.arrayValue ?? []
    }

    /// The hashes trust is keyed by.
    struct Fingerprint {
        let path: String
        let content: String
        let executables: String

        init(path: String) throws(ToolFileError) {
            let absolute = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            guard let data = FileManager.default.contents(atPath: absolute) else {
                throw ToolFileError("cannot read \(absolute) to trust it")
            }
            self.path = absolute
            content = ContentDigest.sha256Hex(data)
            executables = Self.executablesHash(data)
        }

        /// Hash of the parts of the session that decide what runs: code-running bindings and
        /// MCP servers. Unreadable sessions hash their whole content, so nothing matches loosely.
        static func executablesHash(_ data: Data) -> String {
            guard let session = try? SessionFile.decode(String(decoding: data, as: UTF8.self)) else {
                return "unparsed-" + ContentDigest.sha256Hex(data)
            }
            var parts: [JSONValue] = []
            for tool in session.tools where tool.binding.executesUserCode {
                parts.append(["name": .string(tool.name), "binding": tool.binding.json])
            }
            let canonical: JSONValue = ["tools": .array(parts), "mcpServers": .object(session.mcpServers)]
            return ContentDigest.sha256Hex(Array(canonical.compact.utf8))
        }
    }
}
