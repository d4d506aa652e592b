import Foundation
import Testing
import ToolscopeEngine
@testable import ToolscopeExternalTools

@Suite("trust store")
struct TrustStoreTests {
    let config = TestSupport.temporaryDirectory("trust")
    let folder = TestSupport.temporaryDirectory("sessions")

    func write(_ session: Session, _ name: String = "s.json") throws -> String {
        let path = folder + "/" + name
        try (session.json.pretty + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func session(argv: [JSONValue] = ["./tool.sh"], message: String? = nil) -> Session {
        var s = Session(title: "t")
        s.tools = [SessionTool(definition: ToolDefinition(name: "lookup", description: "d", parameters: nil),
                               binding: .external(kind: "command", config: ["argv": .array(argv), "env": ["TOKEN": "x"]]))]
        s.mcpServers = ["web": ["command": "npx", "args": ["-y", "server"], "env": ["KEY": "k"]]]
        if let message { s.messages = [Message(role: .user, content: message)] }
        return s
    }

    @Test func aFileIsUntrustedUntilTrusted() throws {
        let path = try write(Self.session())
        #expect(!TrustStore.isTrusted(path: path, configDirectory: config))
        try TrustStore.trust(path: path, configDirectory: config)
        #expect(TrustStore.isTrusted(path: path, configDirectory: config))
        #expect(FileManager.default.fileExists(atPath: config + "/trusted.json"))
    }

    @Test func newMessagesKeepTrustButChangedBindingsDropIt() throws {
        let path = try write(Self.session())
        try TrustStore.trust(path: path, configDirectory: config)
        _ = try write(Self.session(message: "autosaved after a round"))
        #expect(TrustStore.isTrusted(path: path, configDirectory: config), "what runs is unchanged")
        _ = try write(Self.session(argv: ["./tool.sh", "--evil"]))
        #expect(!TrustStore.isTrusted(path: path, configDirectory: config), "a changed command needs trust again")
    }

    @Test func theSameContentElsewhereIsTrustedByHash() throws {
        let path = try write(Self.session())
        try TrustStore.trust(path: path, configDirectory: config)
        let copy = try write(Self.session(), "copy.json")
        #expect(TrustStore.isTrusted(path: copy, configDirectory: config))
        let other = try write(Self.session(message: "different content"), "other.json")
        #expect(!TrustStore.isTrusted(path: other, configDirectory: config))
    }

    @Test func listsExactlyWhatWouldRun() {
        let text = TrustStore.listing(for: Self.session(), path: nil).text
        #expect(text.contains("tool \"lookup\" (command)\n  argv[0]: \"./tool.sh\"\n"))
        #expect(text.contains("  env: TOKEN=\"x\"\n"))
        #expect(text.contains("MCP server \"web\" (this file's mcpServers; used by no tool)\n  command: \"npx\"\n  args[0]: \"-y\"\n  args[1]: \"server\"\n"))
        #expect(text.contains("  env: KEY=\"k\"\n"))
    }

    @Test func missingFilesAreNotTrustedAndCannotBeTrusted() {
        #expect(!TrustStore.isTrusted(path: folder + "/none.json", configDirectory: config))
        #expect(throws: ToolFileError.self) { try TrustStore.trust(path: folder + "/none.json", configDirectory: config) }
    }

    @Test func theConfigDirectoryFollowsTheEnvironment() {
        #expect(UserDirectories.config(["TOOLSCOPE_CONFIG_DIR": "/x", "HOME": "/h"]) == "/x")
        #expect(UserDirectories.config(["XDG_CONFIG_HOME": "/xdg", "HOME": "/h"]) == "/xdg/toolscope")
        #expect(UserDirectories.config(["HOME": "/h"]) == "/h/.config/toolscope")
        #expect(UserDirectories.cache(["XDG_CACHE_HOME": "/c", "HOME": "/h"]) == "/c/toolscope")
    }
}

/// Trust stores written by toolscope before its SHA-256 came from swift-crypto must still be
/// honoured: `Fixtures/trust/trusted-before.json` was written by that build for
/// `Fixtures/trust/session.json` (its path replaced by `SESSION_PATH`).
@Suite("trust store written before swift-crypto")
struct TrustStoreCompatibilityTests {
    let config = TestSupport.temporaryDirectory("trust-compat")
    let folder = TestSupport.temporaryDirectory("sessions-compat")
    static let contentDigest = "4267eccdcde89d01cb108121a4a68a98132614820a477ab2a1aa1266d79cf1cf"
    static let executablesDigest = "a1230f67791a1c08baec39a64a9bcd77ff69783f25d638ad4bd3bd3fa450587e"

    func copySession() throws -> String {
        let path = folder + "/session.json"
        try FileManager.default.copyItem(atPath: TestSupport.fixtures + "/trust/session.json", toPath: path)
        return path
    }

    /// The old trust store, with its entry pointing at `sessionPath`.
    func writeOldStore(sessionPath: String) throws {
        let old = try String(contentsOfFile: TestSupport.fixtures + "/trust/trusted-before.json", encoding: .utf8)
        try old.replacingOccurrences(of: "SESSION_PATH", with: sessionPath)
            .write(toFile: config + "/trusted.json", atomically: true, encoding: .utf8)
    }

    @Test func theFingerprintIsTheOneRecordedBefore() throws {
        let fingerprint = try TrustStore.Fingerprint(path: try copySession())
        #expect(fingerprint.content == Self.contentDigest)
        #expect(fingerprint.executables == Self.executablesDigest)
    }

    @Test func theSameContentAnywhereIsStillTrusted() throws {
        let path = try copySession()
        try writeOldStore(sessionPath: "/elsewhere/session.json")
        #expect(TrustStore.isTrusted(path: path, configDirectory: config))
    }

    @Test func anAutosavedFileAtTheTrustedPathIsStillTrusted() throws {
        let path = try copySession()
        try writeOldStore(sessionPath: URL(fileURLWithPath: path).resolvingSymlinksInPath().path)
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let autosaved = original.replacingOccurrences(of: "\"messages\": []", with: "\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]")
        #expect(autosaved != original)
        try autosaved.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(TrustStore.isTrusted(path: path, configDirectory: config), "matched by path and the executables digest")
    }
}
