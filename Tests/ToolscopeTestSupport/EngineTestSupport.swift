import Foundation
import ToolscopeEngine

/// The package root, found from this file's path, for tests that read shipped files.
public let packageRoot: URL = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { url.deleteLastPathComponent() }
    return url
}()

/// Collects the trace events of a loop or a provider for assertions.
public final class EventLog: @unchecked Sendable {
    public let events = Locked<[TraceEvent]>([])
    public init() {}
    public func record(_ e: TraceEvent) { events.withLock { $0.append(e) } }
    public var kinds: [TraceEvent.Kind] { events.current.map(\.kind) }
    public var warnings: [String] { kinds.compactMap { if case .warning(let w) = $0 { return w }; return nil } }
    public var guardStops: [String] { kinds.compactMap { if case .guardStop(let w) = $0 { return w }; return nil } }
}
