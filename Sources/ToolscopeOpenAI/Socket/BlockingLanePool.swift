import ToolscopeEngine

/// The lanes of the process: one leased per request in flight, a few kept idle for the next.
///
/// A leased lane serves one request (its send, body reads, parsing and events) and is given
/// back when the request ends. Lanes beyond `idleLimit` are stopped when given back, so the
/// number of threads follows the number of concurrent requests and falls back afterwards.
final class BlockingLanePool: Sendable {
    static let shared = BlockingLanePool(idleLimit: 4)

    private let idle = Locked<[BlockingLane]>([])
    private let created = Locked(0)
    private let idleLimit: Int

    init(idleLimit: Int) {
        self.idleLimit = idleLimit
    }

    func lease() -> ExecutorLease {
        let lane = checkOut()
        return ExecutorLease(executor: lane) { [self] in giveBack(lane) }
    }

    /// Runs `operation` on a lane: at once when already on one, else on a lane leased for it.
    func onLane<T: Sendable, E: Error>(_ operation: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        if BlockingLane.isCurrent { return try operation() }
        let lane = checkOut()
        defer { giveBack(lane) }
        let result: Result<T, E> = await withUnsafeContinuation { continuation in
            lane.run {
                continuation.resume(returning: Result { () throws(E) -> T in try operation() })
            }
        }
        return try result.get()
    }

    /// `onLane`, with `onCancel` run the moment the calling task is cancelled: it must wake the
    /// blocked operation (a socket shutdown does).
    func onLane<T: Sendable, E: Error>(_ operation: @escaping @Sendable () throws(E) -> T,
                                       onCancel: @escaping @Sendable () -> Void) async throws(E) -> T {
        let result = await withTaskCancellationHandler { () async -> Result<T, E> in
            do throws(E) {
                return .success(try await onLane(operation))
            } catch {
                return .failure(error)
            }
        } onCancel: {
            onCancel()
        }
        return try result.get()
    }

    private func checkOut() -> BlockingLane {
        if let lane = idle.withLock({ $0.popLast() }) { return lane }
        let number = created.withLock { n in
            n += 1
            return n
        }
        return BlockingLane(name: "toolscope-http-\(number)")
    }

    private func giveBack(_ lane: BlockingLane) {
        let kept = idle.withLock { lanes in
            guard lanes.count < idleLimit else { return false }
            lanes.append(lane)
            return true
        }
        if !kept { lane.stop() }
    }
}
