import Foundation

/// Values handed from one thread to another in order, at most `capacity`
/// waiting: the sender waits when the receiver falls behind.
final class Handoff<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [Element] = []
    private var closed = false, cancelled = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Waits for room and adds `element`; false, adding nothing, once the receiver has cancelled.
    func put(_ element: Element) -> Bool {
        condition.withLock {
            while waiting.count >= capacity && !cancelled { condition.wait() }
            guard !cancelled else { return false }
            waiting.append(element)
            condition.broadcast()
            return true
        }
    }

    /// The next value, waiting for one; nil once the sender has closed and every value is taken.
    func take() -> Element? {
        condition.withLock {
            while waiting.isEmpty && !closed && !cancelled { condition.wait() }
            guard !waiting.isEmpty else { return nil }
            condition.broadcast()
            return waiting.removeFirst()
        }
    }

    /// Says that nothing more will be put.
    func close() {
        condition.withLock {
            closed = true
            condition.broadcast()
        }
    }

    /// Says that nothing more will be taken: what waits is dropped, and `put` returns false.
    func cancel() {
        condition.withLock {
            cancelled = true
            waiting.removeAll()
            condition.broadcast()
        }
    }
}
