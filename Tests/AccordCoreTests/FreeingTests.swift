@testable import AccordCore
import Foundation
import Synchronization
import Testing

/// What is handed to a `Freeing` is freed on its thread, never on the one that handed it over.
@Suite struct FreeingTests {
    @Test func valuesHandedOverAreFreedOnItsThread() {
        let onCaller = Counter()
        let freeing = Freeing("accord.test.freeing")
        for _ in 0..<20_000 {
            freeing.free([Probe(onCaller)])
        }
        freeing.finish()
        #expect(onCaller.count == 0)
        #expect(Probe.made.load(ordering: .relaxed) >= 20_000)
    }

    @Test func aVariableHandedOverKeepsItsReplacementAndItsValueIsFreedOnTheThread() {
        let onCaller = Counter()
        let freeing = Freeing("accord.test.freeing")
        for _ in 0..<20_000 {
            var kept = [Probe(onCaller), Probe(onCaller)]
            freeing.free(&kept, leaving: [])
            #expect(kept.isEmpty)
        }
        freeing.finish()
        #expect(onCaller.count == 0)
    }
}

/// How many probes were freed on the thread that made them.
private final class Counter: Sendable {
    private let freed = Atomic<Int>(0)
    var count: Int { freed.load(ordering: .relaxed) }
    func add() { freed.add(1, ordering: .relaxed) }
}

/// A value that says, when freed, whether the thread that made it frees it.
private final class Probe: Sendable {
    static let made = Atomic<Int>(0)
    private let maker = pthread_self()
    private let counter: Counter

    init(_ counter: Counter) {
        self.counter = counter
        Self.made.add(1, ordering: .relaxed)
    }

    deinit {
        if pthread_equal(pthread_self(), maker) != 0 { counter.add() }
    }
}
