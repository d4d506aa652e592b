import Foundation

/// Reads and writes session files. Writing is atomic (temporary file in the same directory,
/// fsync, rename), so a crash mid-save never leaves a half-written session.
public enum SessionFile {
    public static func load(path: String) throws(SessionLoadError) -> Session {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "permission denied or not a file" : "no such file"
            throw SessionLoadError(path: path, reason: .unreadable(reason))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SessionLoadError(path: path, reason: .unreadable("the file is not UTF-8 text"))
        }
        return try decode(text, path: path)
    }

    /// Parses session text; errors carry `path` and a line and column.
    public static func decode(_ text: String, path: String? = nil) throws(SessionLoadError) -> Session {
        let json: JSONValue
        do {
            json = try JSONParser.parse(text)
        } catch {
            throw SessionLoadError(path: path, reason: .syntax(error))
        }
        do {
            return try Session(json: json)
        } catch {
            var e = error
            e.path = path
            if case .shape(let shape, _, _) = e.reason, let pos = JSONPointerLocator.position(of: shape.path, in: text) {
                e.reason = .shape(shape, line: pos.line, column: pos.column)
            }
            throw e
        }
    }

    public static func save(_ session: Session, to path: String) throws(SessionSaveError) {
        try writeAtomically(session.json.pretty + "\n", to: path)
    }

    /// Writes `text` to `path` through a temporary file, fsync and rename.
    public static func writeAtomically(_ text: String, to path: String) throws(SessionSaveError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SessionSaveError(path: path, message: "cannot create directory \(directory)")
        }
        let temp = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw SessionSaveError(path: path, message: String(cString: strerror(errno))) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let message = String(cString: strerror(errno))
                close(fd)
                unlink(temp)
                throw SessionSaveError(path: path, message: message)
            }
            written += n
        }
        if fsync(fd) != 0 {
            let message = String(cString: strerror(errno))
            close(fd)
            unlink(temp)
            throw SessionSaveError(path: path, message: "fsync failed: \(message)")
        }
        close(fd)
        if rename(temp, path) != 0 {
            let message = String(cString: strerror(errno))
            unlink(temp)
            throw SessionSaveError(path: path, message: message)
        }
        // Make the rename itself durable.
        let dirfd = open(directory, O_RDONLY)
        if dirfd >= 0 { fsync(dirfd); close(dirfd) }
    }
}
