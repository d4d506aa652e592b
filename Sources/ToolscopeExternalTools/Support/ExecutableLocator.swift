import Foundation

/// Finds the program a binding names, the way a shell would but without one: a name with a
/// slash is a path (relative ones against the binding's directory), a bare name is looked up
/// in the `PATH` the child will get.
enum ExecutableLocator {
    static func locate(_ name: String, directory: String, path: String?) throws(SpawnError) -> String {
        guard !name.isEmpty else { throw SpawnError(description: "the command is empty") }
        if name.contains("/") {
            let full = PathResolver.absolute(name, relativeTo: directory)
            guard FileManager.default.isExecutableFile(atPath: full) else {
                let exists = FileManager.default.fileExists(atPath: full)
                throw SpawnError(description: exists ? "\(full) is not executable (chmod +x it)" : "no program at \(full)")
            }
            return full
        }
        let searchPath = path ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in searchPath.split(separator: ":") where !folder.isEmpty {
            let candidate = PathResolver.absolute(String(folder), relativeTo: directory) + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw SpawnError(description: "command not found: \(name) (searched PATH=\(searchPath))")
    }
}

/// Turns relative paths from a session into absolute ones, so they mean the same thing
/// whatever directory toolscope was started in.
enum PathResolver {
    static func absolute(_ path: String, relativeTo base: String) -> String {
        var expanded = path
        if expanded == "~" || expanded.hasPrefix("~/") {
            expanded = NSHomeDirectory() + expanded.dropFirst()
        }
        let joined = expanded.hasPrefix("/") ? expanded : (base.hasSuffix("/") ? base : base + "/") + expanded
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }
}
