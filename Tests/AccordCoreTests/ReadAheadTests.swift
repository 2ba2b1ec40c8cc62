import Foundation
import Synchronization
import Testing
@testable import AccordCore

/// Reading batches on several threads at once, handed on in order.
@Suite struct ReadAheadTests {
    struct Failed: Error, Equatable { let index: Int }

    @Test(arguments: [(0, 2), (1, 2), (7, 1), (100, 2), (100, 3), (3, 8)])
    func everyItemArrivesOnceAndInOrderWhateverTheWidth(_ count: Int, _ width: Int) throws {
        var seen: [Int] = []
        try ReadAhead.run(count: count, width: width, read: { index in
            usleep(UInt32((index * 7919) % 5) * 200) // out of step with each other
            return index
        }) { seen.append($0) }
        #expect(seen == Array(0..<count))
    }

    @Test func noThreadReadsMoreThanTheWidthAheadOfTheCaller() throws {
        let highest = Mutex(-1)
        try ReadAhead.run(count: 50, width: 2, read: { index in
            highest.withLock { $0 = max($0, index) }
            return index
        }) { index in
            usleep(500)
            #expect(highest.withLock { $0 } <= index + 2, "two read ahead of the one handed on, at most")
        }
    }

    @Test func aFailedReadIsThrownInItsTurnAndStopsTheOthers() {
        let reads = Mutex(0)
        var seen: [Int] = []
        #expect(throws: Failed(index: 5)) {
            try ReadAhead.run(count: 1000, width: 2, read: { index in
                reads.withLock { $0 += 1 }
                if index == 5 { throw Failed(index: index) }
                return index
            }) { seen.append($0) }
        }
        #expect(seen == [0, 1, 2, 3, 4])
        #expect(reads.withLock { $0 } <= 8, "the threads stopped, a width ahead at most")
    }

    @Test func anErrorOfTheCallerStopsTheReading() {
        let reads = Mutex(0)
        #expect(throws: Failed(index: 3)) {
            try ReadAhead.run(count: 1000, width: 2, read: { index in
                reads.withLock { $0 += 1 }
                return index
            }) { index in
                if index == 3 { throw Failed(index: index) }
            }
        }
        #expect(reads.withLock { $0 } <= 6)
    }
}
