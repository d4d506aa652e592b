import ArgumentParser
import ToolscopeEngine

/// `--max-tool-processes` and `--max-processes-per-tool`, shared by `run` and the workbench:
/// they override the session's `max_tool_processes` / `max_processes_per_tool` settings.
struct ToolLimitOptions: ParsableArguments {
    @Option(name: .long, help: "External tool processes (python, command) running at once, all tools together (default: the session's max_tool_processes, else \(ToolProcessLimits.defaultOverall)). Calls beyond it queue.")
    var maxToolProcesses: Int?

    @Option(name: .long, help: "External tool processes running at once for one tool (default: the session's max_processes_per_tool, else \(ToolProcessLimits.defaultPerTool)).")
    var maxProcessesPerTool: Int?

    /// Bad input exits with 2, like every other bad input of `run`.
    func validate() throws {
        if let n = maxToolProcesses, n < 1 { throw CLIExit.fail("--max-tool-processes must be at least 1") }
        if let n = maxProcessesPerTool, n < 1 { throw CLIExit.fail("--max-processes-per-tool must be at least 1") }
    }

    func apply(to settings: inout SessionSettings) {
        if let maxToolProcesses { settings.maxToolProcesses = maxToolProcesses }
        if let maxProcessesPerTool { settings.maxProcessesPerTool = maxProcessesPerTool }
    }
}
