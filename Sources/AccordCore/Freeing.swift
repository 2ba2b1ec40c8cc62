import Dispatch

/// A thread of its own that values are handed to, so that the one which sets a pipeline's pace
/// (reading or writing a batch after another) does not also free what it is done with: the
/// records of a batch and what was made of them are freed there, in the order given.
package final class Freeing: @unchecked Sendable {
    private let queue: DispatchQueue

    package init(_ label: String) {
        queue = DispatchQueue(label: label)
    }

    /// Takes `value`, which the caller no longer uses, to be freed on the queue.
    package func free<Value>(_ value: consuming Value) {
        let handed = Unchecked(value)
        queue.async { _ = handed }
    }

    /// Waits until everything handed over is freed.
    package func finish() {
        queue.sync {}
    }
}
