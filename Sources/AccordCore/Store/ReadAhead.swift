import Foundation

/// Reads items `0..<count` with `read` on `width` threads of their own, at most `width` ahead of
/// the caller, and hands them to `body` in order on the calling thread. A server's reads wait on
/// the network and the server; reading several at once keeps both busy while this process
/// decodes. The first error, from `read` or `body`, stops the reading and is thrown once every
/// thread has stopped.
enum ReadAhead {
    static func run<T>(count: Int, width: Int, read: @escaping @Sendable (Int) throws -> T, _ body: (T) throws -> Void) throws {
        let state = State<T>()
        let threads = DispatchGroup()
        for first in 0..<min(width, count) {
            threads.enter()
            let thread = Thread {
                defer { threads.leave() }
                for index in stride(from: first, to: count, by: width) {
                    guard state.waitForRoom(before: index, width: width) else { return }
                    let result = Result { try read(index) }
                    state.put(result, at: index)
                    if case .failure = result { return }
                }
            }
            thread.name = "accord.read-ahead"
            thread.start()
        }
        defer {
            state.stop()
            threads.wait()
        }
        for index in 0..<count { try body(try state.take(index).get()) }
    }

    /// What the threads have read and the caller not taken yet; `condition` guards it.
    private final class State<T>: @unchecked Sendable {
        private let condition = NSCondition()
        private var read: [Int: Result<T, any Error>] = [:]
        private var taken = 0
        private var stopped = false

        /// Waits until `index` is fewer than `width` ahead of what was taken; false once stopped.
        func waitForRoom(before index: Int, width: Int) -> Bool {
            condition.withLock {
                while !stopped && index >= taken + width { condition.wait() }
                return !stopped
            }
        }

        func put(_ result: Result<T, any Error>, at index: Int) {
            condition.withLock { read[index] = result }
            condition.broadcast()
        }

        func take(_ index: Int) -> Result<T, any Error> {
            condition.withLock {
                while read[index] == nil { condition.wait() }
                taken = index + 1
                condition.broadcast()
                return read.removeValue(forKey: index)!
            }
        }

        func stop() {
            condition.withLock { stopped = true }
            condition.broadcast()
        }
    }
}
