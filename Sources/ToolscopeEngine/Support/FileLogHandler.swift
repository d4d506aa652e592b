import Foundation
import Logging

/// A swift-log handler that appends lines to a file. The terminal belongs to the workbench, so
/// toolscope never logs to stdout or stderr; set `TOOLSCOPE_LOG=/path/to/file` to read what it did.
public struct FileLogHandler: LogHandler {
    /// One open file shared by every logger, written under a lock.
    final class Sink: @unchecked Sendable {
        let handle: FileHandle
        let lock = NSLock()
        init(handle: FileHandle) { self.handle = handle }
        func write(_ line: String) {
            let masked = FileLogHandler.secrets.current.text(line)
            lock.withLock { try? handle.write(contentsOf: Data(masked.utf8)) }
        }
    }

    /// Every secret the process knows of, masked in every log line whatever logged it (a log
    /// file is a file toolscope writes). Loops add their maskers here when they are built.
    static let secrets = Locked(SecretMasker.none)

    /// Masks these secrets in every later log line.
    public static func addSecrets(_ masker: SecretMasker) {
        guard !masker.isEmpty else { return }
        secrets.withLock { $0 = $0.adding(masker.secrets) }
    }

    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let sink: Sink

    /// Opens (creating if needed) `path` for appending; nil when it cannot be opened.
    public static func makeFactory(path: String, level: Logger.Level = .info) -> (@Sendable (String) -> any LogHandler)? {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: path) else { return nil }
        handle.seekToEndOfFile()
        let sink = Sink(handle: handle)
        return { label in
            var h = FileLogHandler(label: label, sink: sink)
            h.logLevel = level
            return h
        }
    }

    init(label: String, sink: Sink) {
        self.label = label
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let time = ISO8601.format(Date())
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let meta = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        sink.write("\(time) \(event.level) \(label): \(event.message)\(meta)\n")
    }
}
