import Foundation
import Testing
import ToolSupport

/// What the bench measures of the children it runs.
@Suite struct ChildTests {
    /// This process's resident memory now, from /proc.
    static func ownRSS() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])) * 1024
    }

    @Test func aChildsPeakMemoryIsItsOwnNotWhatTheBenchOnceHeld() throws {
        let size = 1 << 30
        do {
            let held = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 4096)
            defer { held.deallocate() }
            for page in stride(from: 0, to: size, by: 4096) { held.storeBytes(of: 1, toByteOffset: page, as: UInt8.self) }
        }
        let child = try runChild(["/bin/true"], in: "/")
        #expect(child.status == 0)
        #expect(child.peakRSS < (try Self.ownRSS()) + 256 << 20, "\(child.peakRSS >> 20) MB after the bench held 1 GiB and let it go")
    }
}
