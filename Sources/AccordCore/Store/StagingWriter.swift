import Dispatch
import Synchronization

/// Stages labels on a thread of its own, so that reading the next batch and writing the
/// last one's labels go on together. Batches are staged in the order given, at most
/// two waiting; the first failure is thrown by the next call. Unchecked: `staging` is
/// called on the queue alone until `finish` has waited for it.
final class StagingWriter: @unchecked Sendable {
    /// Writes one batch's labels somewhere they wait for the run to end, and says how many.
    private let staging: (KeyedLabels) throws -> Int
    private let queue = DispatchQueue(label: "accord.staging")
    private let room = DispatchSemaphore(value: 2)
    private let state = Mutex<(labels: Int, failure: (any Error)?)>((0, nil))

    init(_ staging: @escaping (KeyedLabels) throws -> Int) {
        self.staging = staging
    }

    /// Queues `labels` to be staged, after throwing the failure of an earlier batch, if any.
    func stage(_ labels: KeyedLabels) throws {
        try rethrow()
        room.wait()
        queue.async { [self] in
            defer { room.signal() }
            guard state.withLock({ $0.failure == nil }) else { return }
            do {
                let count = try staging(labels)
                state.withLock { $0.labels += count }
            } catch {
                state.withLock { $0.failure = error }
            }
        }
    }

    /// Waits for every batch queued; returns how many labels were staged.
    func finish() throws -> Int {
        queue.sync {}
        try rethrow()
        return state.withLock { $0.labels }
    }

    private func rethrow() throws {
        if let failure = state.withLock({ $0.failure }) { throw failure }
    }
}
