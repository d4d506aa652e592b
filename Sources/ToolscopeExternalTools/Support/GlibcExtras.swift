import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// GNU extensions the Swift Glibc module does not import (they need `_GNU_SOURCE`), looked up
/// at run time: `pipe2` (close-on-exec pipes without a race against other spawns),
/// `posix_spawn_file_actions_addchdir_np` (a child's working directory without a shell `cd`)
/// and `posix_spawn_file_actions_addclosefrom_np` (a child gets no descriptor but 0, 1, 2).
enum GlibcExtras {
    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    private static let pipe2: Pipe2? = dlsym(nil, "pipe2").map { unsafeBitCast($0, to: Pipe2.self) }
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let addCloseFromFunction: AddCloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map { unsafeBitCast($0, to: AddCloseFrom.self) }
    private static let addChdirFunction: AddChdir? = dlsym(nil, "posix_spawn_file_actions_addchdir_np").map { unsafeBitCast($0, to: AddChdir.self) }
    /// Serialises the fallback `pipe` + `fcntl`, so no spawn of ours inherits a half-made pipe.
    private static let fallbackLock = NSLock()

    /// Makes a pipe whose both ends close on exec.
    static func closeOnExecPipe(_ fds: inout [Int32]) -> Bool {
        if let pipe2 { return fds.withUnsafeMutableBufferPointer { pipe2($0.baseAddress!, O_CLOEXEC) } == 0 }
        return fallbackLock.withLock {
            guard pipe(&fds) == 0 else { return false }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            return true
        }
    }

    /// Adds "change directory" to a spawn's file actions; false when the C library lacks it.
    static func addChdir(_ actions: inout posix_spawn_file_actions_t, _ path: String) -> Bool {
        guard let addChdirFunction else { return false }
        return addChdirFunction(&actions, path) == 0
    }

    /// Adds "close every descriptor from `lowest` up" to a spawn's file actions, so a child
    /// does not keep descriptors someone else opened without close-on-exec (Foundation's
    /// `Process` exit socket, a terminal): a tool that outlives them must not hold them open.
    /// False when the C library lacks it (glibc < 2.34); the spawn still works without it.
    @discardableResult
    static func addCloseFrom(_ actions: inout posix_spawn_file_actions_t, _ lowest: Int32) -> Bool {
        guard let addCloseFromFunction else { return false }
        return addCloseFromFunction(&actions, lowest) == 0
    }
}
