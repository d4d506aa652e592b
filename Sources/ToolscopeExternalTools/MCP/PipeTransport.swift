import Foundation
import Logging
import MCP
import ToolscopeEngine

/// An MCP stdio transport over the pipes of a server process toolscope spawned.
///
/// Written instead of the SDK's `StdioTransport` (0.12.1) for two reasons: that one sets the
/// descriptor non-blocking and sleeps 10 ms whenever a read finds it empty, which can add up to
/// 10 ms to every call; and toolscope must see each raw message to keep a tool schema's key
/// order, which the SDK's `Value` (a Swift dictionary) loses. A dedicated thread does blocking
/// reads instead.
actor PipeTransport: Transport {
    nonisolated let logger = Logger(label: "toolscope.mcp.transport", factory: { _ in SwiftLogNoOpLogHandler() })
    private let readFD: Int32
    private let writeFD: Locked<Int32?>
    private let stream: AsyncThrowingStream<Data, any Error>
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    private let onMessage: @Sendable ([UInt8]) -> Void
    private let onEnd: @Sendable () -> Void
    private var started = false

    /// - Parameters:
    ///   - onMessage: sees every raw message before the client does (on the reader thread).
    ///   - onEnd: runs once when the server closes its stdout (it exited or crashed).
    init(readFD: Int32, writeFD: Int32, onMessage: @escaping @Sendable ([UInt8]) -> Void,
         onEnd: @escaping @Sendable () -> Void) {
        self.readFD = readFD
        self.writeFD = Locked(writeFD)
        self.onMessage = onMessage
        self.onEnd = onEnd
        (stream, continuation) = AsyncThrowingStream.makeStream(of: Data.self)
    }

    func connect() async throws {
        guard !started else { return }
        started = true
        let (fd, continuation, onMessage, onEnd) = (readFD, self.continuation, self.onMessage, self.onEnd)
        let thread = Thread {
            let reader = LineReader(fd: fd)
            while case .line(let bytes) = reader.next(deadline: nil) {
                guard !bytes.isEmpty else { continue }
                onMessage(bytes)
                continuation.yield(Data(bytes))
            }
            continuation.finish()
            onEnd()
        }
        thread.name = "mcp-transport-read"
        thread.start()
    }

    func disconnect() async {
        continuation.finish()
    }

    func send(_ data: Data) async throws {
        var bytes = [UInt8](data)
        bytes.append(UInt8(ascii: "\n"))
        let ok = writeFD.withLock { fd -> Bool in
            guard let fd else { return false }
            return FileDescriptorIO.writeAll(fd, bytes)
        }
        if !ok { throw MCPError.connectionClosed }
    }

    func receive() -> AsyncThrowingStream<Data, any Error> { stream }

    /// Closes the write end (the server sees end of input); later sends fail cleanly.
    nonisolated func closeWriter() {
        writeFD.withLock { fd in
            if let open = fd { close(open) }
            fd = nil
        }
    }
}
