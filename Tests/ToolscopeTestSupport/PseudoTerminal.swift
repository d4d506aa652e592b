import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A pseudo-terminal pair for tests that need the workbench on a terminal they control.
/// `posix_openpt` and friends need `_XOPEN_SOURCE`, which the Swift Glibc module does not
/// define, so they are looked up at run time.
public final class PseudoTerminal {
    public let master: Int32
    public let slaveName: String
    private var masterOpen = true

    private typealias OpenPT = @convention(c) (Int32) -> Int32
    private typealias FDCall = @convention(c) (Int32) -> Int32
    private typealias PTSName = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?

    public init() throws {
        guard let openPT = dlsym(nil, "posix_openpt").map({ unsafeBitCast($0, to: OpenPT.self) }),
              let grant = dlsym(nil, "grantpt").map({ unsafeBitCast($0, to: FDCall.self) }),
              let unlock = dlsym(nil, "unlockpt").map({ unsafeBitCast($0, to: FDCall.self) }),
              let name = dlsym(nil, "ptsname").map({ unsafeBitCast($0, to: PTSName.self) }) else {
            throw SpawnedProcess.Failure("this C library has no pseudo-terminal functions")
        }
        let fd = openPT(O_RDWR | O_NOCTTY)
        guard fd >= 0 else { throw SpawnedProcess.Failure("posix_openpt: \(String(cString: strerror(errno)))") }
        guard grant(fd) == 0, unlock(fd) == 0, let slave = name(fd) else {
            close(fd)
            throw SpawnedProcess.Failure("cannot set up a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        master = fd
        slaveName = String(cString: slave)
    }

    /// Opens the slave side without making it anyone's controlling terminal.
    public func openSlave() throws -> Int32 {
        let fd = open(slaveName, O_RDWR | O_NOCTTY)
        guard fd >= 0 else { throw SpawnedProcess.Failure("cannot open \(slaveName): \(String(cString: strerror(errno)))") }
        return fd
    }

    /// Reads whatever the program wrote, waiting at most `milliseconds` for something.
    @discardableResult
    public func drain(milliseconds: Int32) -> Int {
        guard masterOpen else { return 0 }
        var fd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&fd, 1, milliseconds) > 0 else { return 0 }
        var buffer = [UInt8](repeating: 0, count: 65536)
        return max(0, read(master, &buffer, buffer.count))
    }

    /// Closes the master side: the terminal "hangs up" for whoever has the slave open.
    public func hangUp() {
        guard masterOpen else { return }
        masterOpen = false
        close(master)
    }

    deinit { hangUp() }
}
