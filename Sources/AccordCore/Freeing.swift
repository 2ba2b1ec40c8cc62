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
    ///
    /// The queue empties the box it is handed in: whichever thread lets go of the box last, the
    /// value is freed there. Handing over the value itself left the caller a reference, which was
    /// the last one whenever the queue had already dropped its own.
    package func free<Value>(_ value: consuming Value) {
        let handed = Handed(value)
        queue.async { handed.value = nil }
    }

    /// Takes what `value` holds, leaving `replacement` in its place, to be freed on the queue:
    /// for a value the caller keeps a variable of.
    package func free<Value>(_ value: inout Value, leaving replacement: Value) {
        let handed = Handed(replacement)
        swap(&handed.value!, &value)
        queue.async { handed.value = nil }
    }

    private final class Handed<Value>: @unchecked Sendable {
        var value: Value?

        init(_ value: consuming Value) { self.value = value }
    }

    /// Waits until everything handed over is freed.
    package func finish() {
        queue.sync {}
    }
}
