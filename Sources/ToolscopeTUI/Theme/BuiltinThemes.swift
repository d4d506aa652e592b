import Foundation

/// The shipped themes: the top-level `themes/*.json` files, the only copy in the source tree.
///
/// `Sources/ToolscopeTUI/Resources/themes` is a symlink to `themes/` (SwiftPM resources must sit
/// under the target's folder). It is declared `.process`, not `.copy`: on Linux `.copy` copies
/// the symlink itself (dangling inside .build), while `.process` follows it and copies each
/// `*.json` file to the root of the bundle directory `toolscope_ToolscopeTUI.resources` beside
/// the executable; that bundle holds nothing but themes. A missing bundle never stops the
/// workbench: there are then no built-in themes, the plain terminal colours are used, and
/// `problem` says which path was missing. (SwiftPM's generated `Bundle.module` would call
/// `fatalError` instead, so the bundle is looked for before it is touched.)
enum BuiltinThemes {
    static let bundleName = "toolscope_ToolscopeTUI.resources"

    struct Catalog: Sendable {
        /// Theme name (the file name without `.json`) → JSON text.
        var themes: [String: String]
        /// Why there are none, when the bundle or its themes/ folder is missing.
        var problem: String?
    }

    /// Read once, on first use.
    static let catalog = load(executableDirectory: Bundle.main.bundleURL)

    static var all: [String: String] { catalog.themes }

    /// The themes in the bundle beside `executableDirectory` (a parameter so tests can point
    /// it elsewhere).
    static func load(executableDirectory: URL) -> Catalog {
        let expected = executableDirectory.appendingPathComponent(bundleName)
        guard FileManager.default.fileExists(atPath: expected.path),
              let directory = Bundle.module.resourceURL,
              let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            return Catalog(themes: [:], problem: "\(expected.path) is missing: the built-in themes ship in the resource bundle "
                                                 + "\(bundleName) beside the toolscope executable")
        }
        var themes: [String: String] = [:]
        for file in files where file.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path) else { continue }
            themes[String(file.dropLast(".json".count))] = String(decoding: data, as: UTF8.self)
        }
        return Catalog(themes: themes, problem: nil)
    }
}
