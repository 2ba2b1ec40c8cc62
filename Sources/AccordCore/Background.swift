import Foundation

/// A value worked out on a thread of its own while the caller goes on with other work.
/// `value()` waits for it; dropped unread, it is still waited for, so that no work outlives
/// the call that started it.
package final class Background<Value>: @unchecked Sendable {
    private let done = DispatchGroup()
    private let outcome = Outcome()

    /// Starts `work` at once on another thread.
    package init(_ work: @escaping @Sendable () throws -> Value) {
        let (done, outcome) = (done, outcome)
        DispatchQueue.global().async(group: done) { outcome.result = Result { try work() } }
    }

    /// What `work` returned, or the error it threw, once it has ended.
    package func value() throws -> Value {
        done.wait()
        return try outcome.result!.get()
    }

    deinit { done.wait() }

    /// Written by the worker before the group is left, read only after it has been waited for.
    private final class Outcome: @unchecked Sendable {
        var result: Result<Value, any Error>?
    }
}
