import Foundation
import Testing
@testable import AccordCore

/// `sha256sum` on the PATH, when this machine has it.
private let sha256sum: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    .split(separator: ":")
    .map { "\($0)/sha256sum" }
    .first { FileManager.default.isExecutableFile(atPath: $0) }

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func matchesTheNISTVectors(_ vector: (message: String, digest: String)) {
        #expect(SHA256.hex(vector.message.utf8) == vector.digest)
        #expect(SHA256.hex(Data(vector.message.utf8)) == vector.digest)
        #expect(SHA256.hex(vector.message.utf8.lazy.map { $0 }) == vector.digest, "byte by byte")
    }

    @Test func hashesOneMillionAs() {
        let digest = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        #expect(SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)) == digest)
        var hasher = SHA256()
        for _ in 0..<1000 { hasher.update(Data(repeating: UInt8(ascii: "a"), count: 1000)) }
        #expect(SHA256.hexString(hasher.finalize()) == digest)
    }

    @Test func givesTheSameDigestHoweverTheInputIsSplit() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<1000).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let whole = SHA256.hash(bytes)
        #expect(whole.count == 32)
        for size in [1, 7, 55, 56, 63, 64, 65, 127, 999] {
            var hasher = SHA256()
            for start in stride(from: 0, to: bytes.count, by: size) {
                let piece = bytes[start..<min(start + size, bytes.count)]
                if size % 2 == 0 { hasher.update(Data(piece)) } else { hasher.update(piece.lazy.map { $0 }) }
            }
            #expect(hasher.finalize() == whole, "pieces of \(size)")
        }
    }

    @Test func finalizingLeavesTheHasherUsable() {
        var hasher = SHA256()
        hasher.update("ab".utf8)
        #expect(hasher.finalize() == SHA256.hash("ab".utf8))
        hasher.update("c".utf8)
        #expect(SHA256.hexString(hasher.finalize()) == SHA256.hex("abc".utf8))
    }

    @Test(.enabled(if: sha256sum != nil, "needs sha256sum"))
    func agreesWithSha256sum() throws {
        try withTemporaryDirectory { folder in
            for count in [0, 55, 56, 64, 119, 3 * (1 << 20) + 17] {
                let url = folder.appendingPathComponent("data-\(count)")
                try Data((0..<count).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }).write(to: url)

                // Output to a file: a blocking pipe read can be interrupted by a signal.
                let printedURL = folder.appendingPathComponent("sum-\(count)")
                FileManager.default.createFile(atPath: printedURL.path, contents: nil)
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
                #expect(SHA256.hexString(try SHA256.hash(contentsOf: url)) == expected, "\(count) bytes")
                #expect(SHA256.hex(try Data(contentsOf: url)) == expected, "\(count) bytes")
            }
        }
    }
}
