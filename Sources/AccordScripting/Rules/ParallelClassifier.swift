import AccordCore
import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import LuaKit

/// Classifies batches of partnerships on several engines at once, one per
/// core, each with its own Lua state: results come back in batch order, as
/// one engine would give them.
///
/// Engines share nothing but the store, which they only read; an engine is
/// used by one thread at a time.
public final class ParallelClassifier: @unchecked Sendable {
    private let engines: [RuleEngine]
    /// Each engine's own thread of work, one part of a batch after another.
    private let queues: [DispatchQueue]
    private var nanoseconds: [UInt64]

    /// `engines` must have the same rule set active.
    public init(engines: [RuleEngine]) {
        precondition(!engines.isEmpty)
        self.engines = engines
        queues = engines.indices.map { DispatchQueue(label: "accord.engine.\($0)") }
        nanoseconds = Array(repeating: 0, count: engines.count)
    }

    /// How many engines share the work.
    public var width: Int { engines.count }

    /// The lists of a partnership the rules never read (the engines share one rule set and evaluation).
    public var unreadLists: Set<Partnership.List> { engines[0].unreadLists }

    /// Makes `organizations`, every one the store holds, what the engines' records name (one
    /// copy for all, read-only); `nil` has each read them from the store again, as needed.
    public func share(organizations: OrganizationsByID?) throws(LuaError) {
        for engine in engines { try engine.share(organizations: organizations) }
    }

    /// Whether classifying what `filter` selects is worth `share(organizations:)`: when it selects
    /// at least as many partnerships as there are organizations, the engines would read nearly
    /// all of them anyway, each its own copy, in pieces.
    public static func worthSharingOrganizations(_ filter: PartnershipFilter, in store: Store) throws -> Bool {
        try worthSharingOrganizations(classifying: store.count(filter), in: store)
    }

    /// Whether classifying `partnerships` partnerships, counted already, is worth `share(organizations:)`.
    public static func worthSharingOrganizations(classifying partnerships: Int, in store: Store) throws -> Bool {
        try partnerships >= store.organizationCount()
    }

    /// Every organization `store` holds, by id: what `share(organizations:)` takes.
    public static func organizations(of store: Store) throws -> OrganizationsByID {
        OrganizationsByID(try store.organizations())
    }

    /// Processor time spent in the engines, summed over the threads: what
    /// evaluating the rules (with pushing each record and reading the result)
    /// cost, however the threads shared the cores.
    public var evaluationSeconds: Double { Double(nanoseconds.reduce(0, +)) / 1e9 }

    /// The batch's classifications, in order. An error names the partnership;
    /// of several, the first in batch order is thrown.
    public func classify(_ batch: [Partnership]) throws(LuaError) -> [Classification] {
        try start(batch).wait()
    }

    /// Starts classifying `batch` on threads of its own and returns at once, so
    /// that the caller can read the next batch, or save the last, meanwhile. A batch
    /// started before the last is done waits behind it on each engine; wait for the
    /// results in the order the batches were started.
    ///
    /// With one engine, or a batch too small to share, the first engine classifies it
    /// whole. `labelling`, when given, makes each classification's labels where it is made
    /// (`PendingClassification.forEach`).
    public func start(_ batch: [Partnership], labelling: (@Sendable (Classification) -> [AssignedLabel])? = nil)
        -> PendingClassification {
        let width = batch.count >= 2 * engines.count ? engines.count : 1
        let pending = PendingClassification(classifier: self, width: width)
        let slice = (batch.count + width - 1) / width
        let parts = Unchecked(pending.parts)
        for i in 0..<width {
            queues[i].async(group: pending.group) {
                let range = min(i * slice, batch.count)..<min((i + 1) * slice, batch.count)
                parts.value[i] = self.run(self.engines[i], batch[range], labelling)
            }
        }
        return pending
    }

    /// Adds what the engines' threads spent on a batch to `evaluationSeconds`.
    fileprivate func record(_ parts: UnsafeMutableBufferPointer<Part>) {
        for (i, part) in parts.enumerated() { nanoseconds[i] += part.nanoseconds }
    }

    /// What one engine made of its share of a batch: the classifications up to the
    /// first error (and their labels, when asked for), that error, and the processor time it took.
    fileprivate struct Part {
        var classifications: [Classification] = []
        var labels: [[AssignedLabel]] = []
        var error: LuaError?
        var nanoseconds: UInt64 = 0
    }

    private func run(_ engine: RuleEngine, _ partnerships: ArraySlice<Partnership>,
                     _ labelling: ((Classification) -> [AssignedLabel])?) -> Part {
        let start = threadCPUNanoseconds()
        var part = Part()
        part.classifications.reserveCapacity(partnerships.count)
        do throws(LuaError) {
            try engine.prefetch(partnerships)
            for partnership in partnerships {
                do throws(LuaError) { part.classifications.append(try engine.classify(partnership)) } catch var error {
                    error.message += " (classifying partnership \(partnership.id))"
                    throw error
                }
            }
        } catch {
            part.error = error
        }
        part.nanoseconds = threadCPUNanoseconds() - start
        if let labelling { part.labels = part.classifications.map(labelling) }
        return part
    }
}

/// The processor time the calling thread has used.
private func threadCPUNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// A batch being classified on other threads.
public final class PendingClassification: @unchecked Sendable {
    fileprivate let group = DispatchGroup()
    /// One element per thread, each written by its thread alone.
    fileprivate let parts: UnsafeMutableBufferPointer<ParallelClassifier.Part>
    private let classifier: ParallelClassifier
    private var waited = false

    fileprivate init(classifier: ParallelClassifier, width: Int) {
        self.classifier = classifier
        parts = .allocate(capacity: width)
        parts.initialize(repeating: ParallelClassifier.Part())
    }

    /// The batch's classifications, in order, once every thread is done. An
    /// error names the partnership; of several, the first in batch order is thrown.
    public func wait() throws(LuaError) -> [Classification] {
        try finish()
        return parts.flatMap(\.classifications)
    }

    /// Calls `body` with each classification of the batch, in order, and the labels `labelling`
    /// made of it (nil without `labelling`), once every thread is done: each is read where its
    /// thread left it, where `wait` copies them all into one array.
    public func forEach(_ body: (Classification, [AssignedLabel]?) throws -> Void) throws {
        try finish()
        for part in parts.indices {
            let labels = parts[part].labels
            try parts[part].classifications.withUnsafeBufferPointer { classified in
                for i in classified.indices { try body(classified[i], labels.isEmpty ? nil : labels[i]) }
            }
        }
    }

    /// Waits for the threads; throws the first error in batch order.
    private func finish() throws(LuaError) {
        group.wait()
        if !waited { classifier.record(parts) }
        waited = true
        if let error = parts.lazy.compactMap(\.error).first { throw error }
    }

    deinit {
        // The threads write to `parts` and use the engines until they are done.
        group.wait()
        parts.deinitialize()
        parts.deallocate()
    }
}
