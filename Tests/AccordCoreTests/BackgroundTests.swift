@testable import AccordCore
import Foundation
import Testing

/// `Background`: a value worked out on another thread while the caller goes on.
@Suite struct BackgroundTests {
    @Test func theWorkStartsAtOnceAndItsValueIsWhatItReturned() throws {
        let started = DispatchSemaphore(value: 0)
        let value = Background { () -> Int in
            started.signal()
            return 42
        }
        #expect(started.wait(timeout: .now() + 10) == .success, "running before anyone asks for the value")
        #expect(try value.value() == 42)
        #expect(try value.value() == 42, "asked again, the same")
    }

    @Test func anErrorTheWorkThrowsIsThrownToTheOneWhoAsks() {
        struct Failed: Error {}
        let value = Background { () throws -> Int in throw Failed() }
        #expect(throws: Failed.self) { try value.value() }
    }

    @Test func droppedUnreadItIsWaitedFor() {
        let ended = Flag()
        do {
            _ = Background {
                Thread.sleep(forTimeInterval: 0.05)
                ended.set()
            }
        }
        #expect(ended.isSet, "the work ended before the one who started it went on")
    }

    private final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }
}
