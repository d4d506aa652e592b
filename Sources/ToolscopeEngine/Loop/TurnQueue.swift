import Dispatch

/// Where a turn's steps run, one after another: a serial queue of work.
///
/// `ToolLoop` runs its turns on a private `DispatchQueue` unless it is given another queue. A
/// provider may offer its own I/O thread as one (`ChatProvider.ioQueue`: AsyncHTTPClient's
/// event loop): a turn that runs there gets each response from the provider, and sends the
/// next request, without a thread switch — measured, about half of an experiment run's CPU was
/// the hand-offs between the loop's queue, Swift's pool and the I/O thread.
///
/// Nothing that runs on such a queue may block it: the turn's steps are short CPU work, tools
/// that may block run on threads of their own (`ToolExecutor.mayBlock`), but autosave writes a
/// file and an approval gate waits for a person. So only callers without either use it (an
/// experiment's runs); the workbench and `toolscope run` keep the loop's own queue. (The one
/// write left is the debug log's line per turn, and only when `TOOLSCOPE_LOG` asks for one.)
public protocol TurnQueue: Sendable {
    /// Runs `work` after everything enqueued before it, never on the calling stack.
    func enqueue(_ work: @escaping @Sendable () -> Void)
}

extension DispatchQueue: TurnQueue {
    public func enqueue(_ work: @escaping @Sendable () -> Void) { async(execute: work) }
}
