import Foundation

/// Files shipped with this module as SwiftPM resources (the Python worker, `Resources/`).
///
/// SwiftPM copies them into a bundle directory beside the executable,
/// `toolscope_ToolscopeExternalTools.resources`. On Linux its generated `Bundle.module` stops the
/// program (`fatalError`) when that directory is missing, as it is when the binary alone was
/// copied somewhere; so the directory is looked for first, and its absence is an error that names
/// the path the file was expected at.
enum ModuleResources {
    static let bundleName = "toolscope_ToolscopeExternalTools.resources"

    /// The path of the resource `name` (e.g. "toolscope_worker.py"). `executableDirectory` is
    /// where SwiftPM's accessor looks first; tests pass another to see the error.
    static func path(_ name: String, executableDirectory: URL = Bundle.main.bundleURL) throws(ToolFileError) -> String {
        let bundleDirectory = executableDirectory.appendingPathComponent(bundleName)
        let expected = bundleDirectory.appendingPathComponent(name).path
        guard FileManager.default.fileExists(atPath: bundleDirectory.path) else {
            throw ToolFileError("\(expected) is missing: toolscope's resource bundle \(bundleName) "
                                + "must sit beside the toolscope executable (swift build puts it there)")
        }
        let file = name as NSString
        guard let url = Bundle.module.url(forResource: file.deletingPathExtension, withExtension: file.pathExtension) else {
            throw ToolFileError("\(expected) is missing: the resource bundle \(bundleName) is incomplete")
        }
        return url.path
    }

    /// The text of the resource `name`.
    static func text(_ name: String) throws(ToolFileError) -> String {
        let path = try path(name)
        guard let data = FileManager.default.contents(atPath: path) else { throw ToolFileError("cannot read \(path)") }
        return String(decoding: data, as: UTF8.self)
    }
}
