import Foundation
import Testing
@testable import AccordCore

/// `sha256sum` on the PATH, when this machine has it.
private let sha256sum: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    .split(separator: ":")
    .map { "\($0)/sha256sum" }
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// Digests come from swift-crypto; these hold the way Accord calls it to the
/// NIST vectors and to `sha256sum`.
@Suite struct ContentDigestTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func matchesTheNISTVectors(_ vector: (message: String, digest: String)) {
        #expect(ContentDigest.sha256(Data(vector.message.utf8)) == "sha256:" + vector.digest)
        #expect(ContentDigest.sha256(Array(vector.message.utf8)) == "sha256:" + vector.digest)
        // Split anywhere, as the two parts of one run of bytes.
        let bytes = Array(vector.message.utf8), cut = bytes.count / 3
        #expect(ContentDigest.sha256(Data(bytes[..<cut]), then: Data(bytes[cut...])) == "sha256:" + vector.digest)
    }

    @Test func hashesOneMillionAs() {
        #expect(ContentDigest.sha256([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
            == "sha256:cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(.enabled(if: sha256sum != nil, "needs sha256sum"))
    func agreesWithSha256sum() throws {
        try withTemporaryDirectory { folder in
            for count in [0, 55, 56, 64, 119, 3 * (1 << 20) + 17] {
                let url = folder.appendingPathComponent("data-\(count)")
                try Data((0..<count).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }).write(to: url)

                // Output to a file: a blocking pipe read can be interrupted by a signal.
                let printedURL = folder.appendingPathComponent("sum-\(count)")
                _ = FileManager.default.createFile(atPath: printedURL.path, contents: nil)
                let output = try FileHandle(forWritingTo: printedURL)
                let process = Process()
                process.executableURL = URL(fileURLWithPath: sha256sum!)
                process.arguments = [url.path]
                process.standardOutput = output
                try process.run()
                process.waitUntilExit()
                try output.close()
                let printed = try String(contentsOf: printedURL, encoding: .utf8)
                #expect(process.terminationStatus == 0)

                let expected = String(printed.prefix(64))
                #expect(ContentDigest.sha256(try Data(contentsOf: url)) == "sha256:" + expected, "\(count) bytes")
            }
        }
    }
}
