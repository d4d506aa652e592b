import Foundation
import ToolscopeEngine

/// The workarounds remembered per server, keyed by base URL, in `servers.json` in the user's
/// config directory — so a quirk found once is handled for every later session on that server.
public struct ServerCompatMemory: Sendable {
    public static let fileName = "servers.json"
    public let path: String

    public init(configDirectory: String) {
        path = configDirectory + "/" + Self.fileName
    }

    /// The same URL however it was typed: no trailing slashes, scheme and host in lower case.
    public static func key(_ baseURL: String) -> String {
        var base = baseURL.trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        guard let schemeEnd = base.range(of: "://") else { return base }
        let authorityEnd = base[schemeEnd.upperBound...].firstIndex(of: "/") ?? base.endIndex
        return base[..<authorityEnd].lowercased() + base[authorityEnd...]
    }

    /// What is remembered for `baseURL`; nothing when the file is missing. A file that cannot be
    /// read is an error naming it, so a broken file is fixed rather than silently ignored.
    public func compat(for baseURL: String) throws(ProviderError) -> ServerCompat {
        guard let servers = try load(), let entry = servers[Self.key(baseURL)] else { return ServerCompat() }
        do {
            return try ServerCompat(json: entry, path: "/" + JSONPointer.escape(Self.key(baseURL)))
        } catch {
            throw ProviderError(kind: .configuration, message: "\(path): \(error)")
        }
    }

    /// Stores `compat` for `baseURL` (removing the entry when it is the default), keeping the
    /// other servers' entries; written atomically.
    public func remember(_ compat: ServerCompat, for baseURL: String) throws(ProviderError) {
        var servers = try load() ?? [:]
        let key = Self.key(baseURL)
        if compat.isDefault { servers[key] = nil } else { servers[key] = compat.json }
        var sorted = JSONObject()
        for k in servers.keys.sorted() { sorted[k] = servers[k] }
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data((JSONValue.object(sorted).pretty + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ProviderError(kind: .configuration, message: "cannot write \(path): \(error.localizedDescription)")
        }
    }

    private func load() throws(ProviderError) -> JSONObject? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ProviderError(kind: .configuration, message: "cannot read \(path)")
        }
        do {
            let json = try JSONParser.parse(bytes: Array(data))
            guard case .object(let servers) = json else {
                throw ProviderError(kind: .configuration, message: "\(path) must hold an object of base URLs")
            }
            return servers
        } catch let error as ProviderError {
            throw error
        } catch {
            throw ProviderError(kind: .configuration, message: "\(path): \(error)")
        }
    }
}
