import Foundation
import Testing
import ToolscopeEngine
@testable import ToolscopeExternalTools
#if canImport(Glibc)
import Glibc
#endif

/// The guarantees `ToolProcess` keeps on top of swift-subprocess, checked from inside the child.
@Suite("tool process")
struct ToolProcessTests {
    /// Runs `/bin/sh -c script` to its end; `$1`… are `arguments`.
    static func shell(_ script: String, _ arguments: [String] = [], directory: String? = nil) async throws -> (ToolProcess, CommandRunResult) {
        let process = try ToolProcess.spawn(executable: "/bin/sh", arguments: ["-c", script, "sh"] + arguments,
                                            environment: ["PATH": "/usr/bin:/bin"], directory: directory)
        let run = await TestSupport.offThread {
            CommandRun.run(process, input: [], deadline: MonotonicClock.now() + 20, maxOutput: 65536)
        }
        return (process, run)
    }

    static func text(_ run: CommandRunResult) -> String { String(decoding: run.stdout, as: UTF8.self) }

    @Test func onlyDescriptorsZeroToTwoReachTheChild() async throws {
        let leaked = open("/dev/null", O_RDONLY)  // deliberately without O_CLOEXEC
        defer { close(leaked) }
        #expect(leaked > 2)
        let (_, run) = try await Self.shell(#"for n in 0 1 2 $1; do if [ -e /proc/$$/fd/$n ]; then echo "open $n"; else echo "closed $n"; fi; done"#, ["\(leaked)"])
        #expect(Self.text(run) == "open 0\nopen 1\nopen 2\nclosed \(leaked)\n")
    }

    @Test func theChildLeadsItsOwnProcessGroupWithNoSignalIgnoredOrBlocked() async throws {
        // toolscope ignores SIGPIPE itself; the child must get the default back.
        let script = #"""
        read -r line < /proc/$$/stat; set -- $line; echo "pgid $5"
        while read -r key value; do case $key in SigIgn:|SigBlk:) echo "$key $value";; esac; done < /proc/$$/status
        """#
        let (process, run) = try await Self.shell(script)
        #expect(run.status == .exited(0))
        let lines = Self.text(run).split(separator: "\n").map(String.init)
        #expect(lines.first == "pgid \(process.pid)")
        // Signals 1–31 (bits 0–30); 32 and 33 belong to the C library's threads, not to us.
        for (key, line) in zip(["SigBlk:", "SigIgn:"], lines.dropFirst()) {
            let fields = line.split(separator: " ")
            #expect(fields.first.map(String.init) == key)
            let mask = UInt64(fields.last.map(String.init) ?? "", radix: 16)
            #expect(mask.map { $0 & 0x7fff_ffff } == 0, "\(line)")
        }
        #expect(lines.count == 3)
    }

    @Test func aSignalThatEndsTheProcessIsReportedAsSuch() async throws {
        let (_, run) = try await Self.shell("kill -9 $$")
        #expect(run.status == .signaled(SIGKILL))
        #expect(run.status.description == "killed by signal 9")
        let (_, exited) = try await Self.shell("exit 7")
        #expect(exited.status == .exited(7))
    }

    @Test func whatTheChildLeftRunningInItsGroupIsKilledWhenItExits() async throws {
        let (_, run) = try await Self.shell("sleep 30 >/dev/null 2>&1 & echo $!")
        #expect(run.status == .exited(0))
        let leftover = try #require(Int32(Self.text(run).trimmingCharacters(in: .whitespacesAndNewlines)))
        let deadline = MonotonicClock.now() + 5
        while TestSupport.isAlive(leftover) && MonotonicClock.now() < deadline { usleep(10_000) }
        #expect(!TestSupport.isAlive(leftover), "the background sleep outlived its command")
    }

    @Test func aChildThatCannotStartIsASpawnErrorNamingWhy() {
        #expect {
            _ = try ToolProcess.spawn(executable: "/bin/sh", arguments: ["-c", "true"], environment: [:], directory: "/nonexistent-dir-\(UUID().uuidString)")
        } throws: { error in
            (error as? SpawnError)?.description.contains("cannot start /bin/sh in /nonexistent-dir-") == true
        }
    }
}
