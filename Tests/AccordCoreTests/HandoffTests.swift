import Foundation
import Testing
@testable import AccordCore

/// The queue between the thread that parses CSV rows and the one that writes them.
@Suite struct HandoffTests {
    @Test func valuesArriveInOrderThoughTheSenderIsAhead() {
        let handoff = Handoff<Int>(capacity: 2), sent = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            for i in 0..<1000 { _ = handoff.put(i) }
            handoff.close()
            sent.signal()
        }
        var received: [Int] = []
        while let value = handoff.take() { received.append(value) }
        sent.wait()
        #expect(received == Array(0..<1000))
    }

    @Test func aCancelledReceiverReleasesAWaitingSender() {
        let handoff = Handoff<Int>(capacity: 1), stopped = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            var i = 0
            while handoff.put(i) { i += 1 }
            stopped.signal()
        }
        #expect(handoff.take() == 0)
        handoff.cancel()
        stopped.wait()
        #expect(handoff.take() == nil)
        #expect(!handoff.put(99))
    }
}
