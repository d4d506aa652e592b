import Foundation
import Testing
@testable import ToolscopeTUI

@Suite("Themes")
struct ThemeTests {
    static let repoRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/", !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    /// Every file in the top-level themes/ (the only source of the built-in themes).
    static var shippedThemeNames: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: repoRoot.appendingPathComponent("themes").path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(".json".count)) }.sorted()
    }

    @Test func theBuiltInThemesAreExactlyTheFilesInThemes() {
        #expect(Self.shippedThemeNames.count >= 4)
        #expect(BuiltinThemes.catalog.problem == nil)
        #expect(ThemeLoader.availableNames == Self.shippedThemeNames)
    }

    @Test func everyShippedThemeLoadsFromTheResourceBundle() throws {
        for name in Self.shippedThemeNames {
            let file = try String(contentsOf: Self.repoRoot.appendingPathComponent("themes/\(name).json"), encoding: .utf8)
            #expect(BuiltinThemes.all[name] == file, "the bundle's \(name).json is the file in themes/")
            let theme = try ThemeLoader.parse(file, name: name)
            #expect(theme.entries.count == ThemeRole.allCases.count)
            #expect(ThemeLoader.embedded(name) == theme)
        }
    }

    @Test func aMissingResourceBundleNamesThePathAndNeverStopsTheWorkbench() {
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("ts-no-bundle-\(UUID().uuidString)")
        let catalog = BuiltinThemes.load(executableDirectory: elsewhere)
        #expect(catalog.themes.isEmpty)
        #expect(catalog.problem?.contains(elsewhere.path + "/toolscope_ToolscopeTUI.resources is missing") == true)
    }

    @Test func noColorForcesMonochrome() {
        let r = ThemeLoader.load(name: "dark", environment: ["NO_COLOR": "1"], executablePath: nil)
        #expect(r.theme.monochrome)
        #expect(r.problem == nil)
    }

    @Test func brokenThemeFileFallsBackToDefaultWithAClearError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ts-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.json")
        try "{\"roles\": {\"text\": {\"fg\": \"#zzzzzz\"}}}".write(to: bad, atomically: true, encoding: .utf8)
        let r = ThemeLoader.load(name: bad.path, environment: [:], executablePath: nil)
        #expect(r.theme.name == "dark")
        #expect(r.problem?.contains("roles.text.fg") == true)
        try "{\"roles\": ".write(to: bad, atomically: true, encoding: .utf8)
        #expect(ThemeLoader.load(name: bad.path, environment: [:], executablePath: nil).problem?.contains("line 1") == true)
        #expect(ThemeLoader.load(name: "no-such-theme", environment: [:], executablePath: nil).problem != nil)
    }

    @Test func coloursConvertTo256And8() {
        #expect(ThemeColor(text: "#ff0000")?.index256 == 196)
        #expect(ThemeColor(text: "#ff0000")?.index8 == 1)
        #expect(ThemeColor(text: "#1c1c1c")?.index256 == 234)
        #expect(ThemeColor(text: "default")?.index256 == -1)
        #expect(ThemeColor(text: "cyan")?.index8 == 6)
        #expect(ThemeColor(text: "nonsense") == nil)
    }
}
