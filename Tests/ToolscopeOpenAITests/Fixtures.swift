import Foundation
import Testing
@testable import ToolscopeOpenAI
import ToolscopeEngine

/// Locations the tests read from: the package root (found from this file) and the recorded
/// OpenAI streams in `../shared`, which are never copied into the repository.
enum Fixtures {
    static let packageRoot: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    static let streamsDirectory = packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/fixtures/openai-recorded-streams")

    static let streamNames = [
        "173417d55340", "2018feb66ae1", "4cc50a6135d2", "569c877e6942", "7e5ea4d12e7c", "83b060bae42e",
        "a247c49c5fcd", "a491adda08c3", "c6aa7e397b71", "d61558011839", "e2aad469b71d", "f82268f2fefd",
    ]

    static func stream(_ name: String) throws -> [UInt8] {
        let url = streamsDirectory.appendingPathComponent(name + ".sse")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw FixtureMissing(path: url.path)
        }
        return Array(data)
    }

    struct FixtureMissing: Error, CustomStringConvertible {
        var path: String
        var description: String { "recorded stream not found at \(path) (tests read ../shared relative to the package root)" }
    }

    /// Frames a whole stream and assembles it: the reference result every split must reproduce.
    static func assemble(_ bytes: [UInt8]) throws -> (events: [SSEEvent], response: Result<ChatResponse, ProviderError>, live: [TraceEvent.Kind]) {
        var framer = SSEFramer()
        let events = framer.feed(bytes)
        var assembler = StreamAssembler()
        var live: [TraceEvent.Kind] = []
        for event in events { live += try assembler.consume(event) }
        return (events, assembler.finish(), live)
    }
}
