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
    private var nanoseconds: [UInt64]

    /// `engines` must have the same rule set active.
    public init(engines: [RuleEngine]) {
        precondition(!engines.isEmpty)
        self.engines = engines
        nanoseconds = Array(repeating: 0, count: engines.count)
    }

    /// How many engines share the work.
    public var width: Int { engines.count }

    /// Processor time spent in the engines, summed over the threads: what
    /// evaluating the rules (with pushing each record and reading the result)
    /// cost, however the threads shared the cores.
    public var evaluationSeconds: Double { Double(nanoseconds.reduce(0, +)) / 1e9 }

    /// The batch's classifications, in order. An error names the partnership;
    /// of several, the first in batch order is thrown.
    public func classify(_ batch: [Partnership]) throws(LuaError) -> [Classification] {
        let width = batch.count >= 2 * engines.count ? engines.count : 1
        guard width > 1 else {
            // On the calling thread, reading in the transaction it has open.
            let part = run(engines[0], batch[...])
            nanoseconds[0] += part.nanoseconds
            if let error = part.error { throw error }
            return part.classifications
        }
        let slice = (batch.count + width - 1) / width
        var parts = [Part](repeating: Part(), count: width)
        parts.withUnsafeMutableBufferPointer { parts in
            let parts = UncheckedBox(parts)
            DispatchQueue.concurrentPerform(iterations: width) { i in
                let range = min(i * slice, batch.count)..<min((i + 1) * slice, batch.count)
                // A transaction the calling thread has open belongs to its queue, not to these threads.
                parts.value[i] = Store.outsideTransactions { run(engines[i], batch[range]) }
            }
        }
        for (i, part) in parts.enumerated() { nanoseconds[i] += part.nanoseconds }
        if let error = parts.lazy.compactMap(\.error).first { throw error }
        return parts.flatMap(\.classifications)
    }

    /// What one engine made of its share of a batch: the classifications up to the
    /// first error, that error, and the processor time it took.
    private struct Part {
        var classifications: [Classification] = []
        var error: LuaError?
        var nanoseconds: UInt64 = 0
    }

    private func run(_ engine: RuleEngine, _ partnerships: ArraySlice<Partnership>) -> Part {
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
        return part
    }
}

/// The processor time the calling thread has used.
private func threadCPUNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// A buffer handed to the threads of `concurrentPerform`, each writing its own element.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: UnsafeMutableBufferPointer<T>
    init(_ value: UnsafeMutableBufferPointer<T>) { self.value = value }
}
