import ArgumentParser
import Foundation
import ToolscopeTUI

/// `toolscope-bench bench-tui`: the workbench's numbers for BENCHMARKS.md.
///
/// Start-to-first-frame runs the `toolscope` binary (the one beside this program, or `--toolscope`)
/// on a pseudo-terminal and compares the wall clock before spawning with the time the child
/// stamps right after its first `doupdate`. Key-to-frame and memory run in this process on a
/// generated session.
struct BenchTUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-tui",
        abstract: "Benchmark the workbench: start to first frame, key to frame and memory with a large session.")

    @Option(help: "Start-up runs.") var starts = 15
    @Option(help: "Messages in the generated session.") var messages = 10_000
    @Option(help: "Keys to time.") var keys = 300
    @Option(help: "The toolscope binary whose start is timed (default: the one beside toolscope-bench).") var toolscope: String?

    func run() throws {
        let exe = toolscope ?? Self.siblingToolscope()
        guard FileManager.default.isExecutableFile(atPath: exe) else {
            throw ValidationError("no toolscope binary at \(exe): build it (swift build) or pass --toolscope PATH")
        }
        print("binary: \(exe)")
        var startTimes: [Double] = []
        for _ in 0..<starts {
            if let t = try measureStart(executable: exe) { startTimes.append(t) }
        }
        startTimes.sort()
        if !startTimes.isEmpty {
            print(String(format: "start to first frame (120x40, %d runs): median %.1f ms, p90 %.1f ms, min %.1f ms",
                         startTimes.count, ms(startTimes[startTimes.count / 2]), ms(startTimes[Int(Double(startTimes.count - 1) * 0.9)]), ms(startTimes[0])))
        } else {
            print("start to first frame: no run succeeded")
        }
        let r = WorkbenchBenchmark.run(messages: messages, keys: keys)
        print(String(format: "%d-message session at %dx%d: first render %.2f ms; key to frame (reduce + render) median %.3f ms, p95 %.3f ms, max %.3f ms over %d keys",
                     r.messages, r.width, r.height, ms(r.firstFrame), ms(r.percentile(0.5)), ms(r.percentile(0.95)), ms(r.perKey.last ?? 0), r.perKey.count))
        print(String(format: "resident memory: %.1f MB now, %.1f MB peak", Double(r.residentBytes) / 1_048_576, Double(r.peakResidentBytes) / 1_048_576))
    }

    private func ms(_ s: Double) -> Double { s * 1000 }

    /// `toolscope` in this program's directory: `swift build` puts both executables there.
    private static func siblingToolscope() -> String {
        let me = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        return me.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("toolscope").standardizedFileURL.path
    }

    private func measureStart(executable: String) throws -> Double? {
        try StartupProbe.measure(executable: executable)
    }
}
