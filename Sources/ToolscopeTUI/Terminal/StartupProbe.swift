import CNcursesw
import Foundation

/// Measures process start to first frame: runs the workbench binary on a fresh pseudo-terminal
/// (120x40 through LINES/COLUMNS) with TOOLSCOPE_FIRST_FRAME_FILE set, and compares the wall
/// clock before spawning with the time the child stamps right after its first `doupdate`.
public enum StartupProbe {
    /// Seconds from spawn to first frame, or `nil` when the run produced no stamp.
    public static func measure(executable: String) throws -> Double? {
        let master = posix_openpt(O_RDWR | O_NOCTTY)
        guard master >= 0 else { return nil }
        defer { close(master) }
        guard grantpt(master) == 0, unlockpt(master) == 0, let name = ptsname(master) else { return nil }
        guard let slave = FileHandle(forUpdatingAtPath: String(cString: name)) else { return nil }
        let tmp = NSTemporaryDirectory()
        let stamp = tmp + "toolscope-first-frame-\(getpid()).txt"
        let home = tmp + "toolscope-bench-home-\(getpid())"
        try? FileManager.default.removeItem(atPath: stamp)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        var env = ProcessInfo.processInfo.environment
        for (k, v) in ["TERM": "xterm-256color", "LINES": "40", "COLUMNS": "120", "HOME": home, "XDG_STATE_HOME": home + "/state",
                       "OPENAI_API_KEY": "", "OPENAI_BASE_URL": "", "TOOLSCOPE_FIRST_FRAME_FILE": stamp,
                       "TOOLSCOPE_EXIT_AFTER_FIRST_FRAME": "1"] { env[k] = v }
        p.environment = env
        p.standardInput = slave
        p.standardOutput = slave
        p.standardError = slave
        // The child's output must be read or it blocks once the pty buffer fills.
        let drain = Thread {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while read(master, &buffer, buffer.count) > 0 {}
        }
        drain.start()
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let t0 = Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        try p.run()
        p.waitUntilExit()
        try? slave.close()
        guard let text = try? String(contentsOfFile: stamp, encoding: .utf8),
              let t1 = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        try? FileManager.default.removeItem(atPath: stamp)
        return t1 - t0
    }
}
