import Foundation

/// Where toolscope keeps per-user files, following the XDG base directory rules. The
/// environment is a parameter so tests can point everything at a temporary directory.
public enum UserDirectories {
    /// `$TOOLSCOPE_CONFIG_DIR`, else `$XDG_CONFIG_HOME/toolscope`, else `~/.config/toolscope`.
    public static func config(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let dir = environment["TOOLSCOPE_CONFIG_DIR"], !dir.isEmpty { return dir }
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/toolscope" }
        return home(environment) + "/.config/toolscope"
    }

    /// `$TOOLSCOPE_CACHE_DIR`, else `$XDG_CACHE_HOME/toolscope`, else `~/.cache/toolscope`.
    static func cache(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let dir = environment["TOOLSCOPE_CACHE_DIR"], !dir.isEmpty { return dir }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/toolscope" }
        return home(environment) + "/.cache/toolscope"
    }

    private static func home(_ environment: [String: String]) -> String {
        environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    }

    /// Writes `contents` to `directory/name` atomically (temporary file, then rename) and
    /// creates the directory first; throws a sentence naming the path.
    static func writeAtomically(_ contents: [UInt8], to path: String) throws(ToolFileError) {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let temporary = folder + "/.\(UUID().uuidString).tmp"
            guard FileManager.default.createFile(atPath: temporary, contents: Data(contents)) else {
                throw ToolFileError("cannot write \(temporary)")
            }
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw ToolFileError("cannot move \(temporary) to \(path): \(reason)")
            }
        } catch let error as ToolFileError {
            throw error
        } catch {
            throw ToolFileError("cannot create \(folder): \(error.localizedDescription)")
        }
    }
}

/// A file toolscope needs could not be read or written; the message names the path.
public struct ToolFileError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
