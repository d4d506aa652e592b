import Foundation
import Testing
import ToolscopeTestSupport

/// A terminal can vanish without a SIGHUP reaching the workbench: when the pseudo-terminal is
/// not the process's controlling terminal (started by an IDE, a test harness, `setsid`), only
/// the descriptor says so. The workbench must notice, and exit instead of spinning on a dead
/// descriptor forever.
@Suite("Workbench on a terminal that hangs up")
struct WorkbenchHangupTests {
    @Test func aClosedTerminalEndsTheWorkbenchWithoutASignal() throws {
        let terminal = try PseudoTerminal()
        // Not a controlling terminal: no SIGHUP will come when the master closes.
        let slave = try terminal.openSlave()

        let home = BinaryRunner.temporaryDirectory()
        let stamp = home.appendingPathComponent("first-frame").path
        let env = BinaryRunner.environment(adding: [
            "TERM": "xterm-256color", "LINES": "40", "COLUMNS": "120", "HOME": home.path,
            "XDG_STATE_HOME": home.path + "/state", "XDG_CONFIG_HOME": home.path + "/config",
            "TOOLSCOPE_FIRST_FRAME_FILE": stamp, "SWIFT_BACKTRACE": "interactive=no",
        ])
        let child = try SpawnedProcess(BinaryRunner.binary, [], environment: env, directory: BinaryRunner.packageRoot.path, terminal: slave)
        close(slave)

        // Read the screen output (or the child blocks on a full pty) until the first frame is drawn.
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: stamp), Date() < deadline, child.isRunning {
            terminal.drain(milliseconds: 50)
        }
        try #require(FileManager.default.fileExists(atPath: stamp), "the workbench never drew its first frame")

        terminal.hangUp()
        let result = child.wait(timeout: 10)
        #expect(!result.timedOut, "the workbench kept running on a terminal that had hung up")
        #expect(result.status == 129)
    }
}
