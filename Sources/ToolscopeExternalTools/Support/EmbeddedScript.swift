import Foundation
import ToolscopeEngine

/// A script shipped with toolscope (a resource), written to the cache directory on first use
/// under a name that contains its content hash: an upgraded toolscope never runs a stale copy,
/// and two builds running side by side never overwrite each other's.
struct EmbeddedScript: Sendable {
    let baseName: String
    let source: String

    /// The path of the script on disk, writing it if it is missing or differs.
    func materialize(cacheDirectory: String = UserDirectories.cache()) throws(ToolFileError) -> String {
        let bytes = Array(source.utf8)
        let hash = String(ContentDigest.sha256Hex(bytes).prefix(16))
        let path = cacheDirectory + "/\(baseName)-\(hash).py"
        if let existing = FileManager.default.contents(atPath: path), Array(existing) == bytes { return path }
        try UserDirectories.writeAtomically(bytes, to: path)
        return path
    }
}
