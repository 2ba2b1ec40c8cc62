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
        if width == 1 { return try classifySequentially(batch) }
        let slice = (batch.count + width - 1) / max(width, 1)
        var results = [[Classification]](repeating: [], count: width)
        var errors = [LuaError?](repeating: nil, count: width)
        results.withUnsafeMutableBufferPointer { results in
            errors.withUnsafeMutableBufferPointer { errors in
                nanoseconds.withUnsafeMutableBufferPointer { time in
                    let (results, errors, time) = (UncheckedBox(results), UncheckedBox(errors), UncheckedBox(time))
                    DispatchQueue.concurrentPerform(iterations: width) { part in
                        let range = min(part * slice, batch.count)..<min((part + 1) * slice, batch.count)
                        let engine = engines[part]
                        var out: [Classification] = []
                        out.reserveCapacity(range.count)
                        let start = threadCPUNanoseconds()
                        // A transaction the calling thread has open belongs to its queue, not to these threads.
                        Store.outsideTransactions {
                            do throws(LuaError) { try engine.prefetch(batch[range]) } catch {
                                errors.value[part] = error
                                return
                            }
                            for partnership in batch[range] {
                                do throws(LuaError) { out.append(try engine.classify(partnership)) } catch var error {
                                    error.message += " (classifying partnership \(partnership.id))"
                                    errors.value[part] = error
                                    break
                                }
                            }
                        }
                        time.value[part] += threadCPUNanoseconds() - start
                        results.value[part] = out
                    }
                }
            }
        }
        if let error = errors.lazy.compactMap({ $0 }).first { throw error }
        return results.flatMap { $0 }
    }

    /// On the calling thread and the first engine, reading in its open transaction.
    private func classifySequentially(_ batch: [Partnership]) throws(LuaError) -> [Classification] {
        let start = threadCPUNanoseconds()
        defer { nanoseconds[0] += threadCPUNanoseconds() - start }
        var out: [Classification] = []
        try engines[0].prefetch(batch)
        for partnership in batch {
            do throws(LuaError) { out.append(try engines[0].classify(partnership)) } catch var error {
                error.message += " (classifying partnership \(partnership.id))"
                throw error
            }
        }
        return out
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
