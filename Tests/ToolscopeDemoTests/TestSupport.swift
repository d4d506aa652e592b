import Foundation
import ToolscopeEngine

/// The package root, found from this file's path, for tests that read shipped files.
let packageRoot: URL = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { url.deleteLastPathComponent() }
    return url
}()

/// Collects a loop's trace events for assertions.
final class EventLog: @unchecked Sendable {
    let events = Locked<[TraceEvent]>([])
    func record(_ e: TraceEvent) { events.withLock { $0.append(e) } }
    var kinds: [TraceEvent.Kind] { events.current.map(\.kind) }
}
