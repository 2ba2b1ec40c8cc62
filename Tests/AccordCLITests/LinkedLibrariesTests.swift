import AccordTestSupport
import Foundation
import Testing

/// `accord` starts without loading an HTTP stack: FoundationNetworking, and libcurl, GnuTLS
/// and Kerberos with it, cost ~12 ms at every start. Only `accord-preview`, the preview's
/// server, loads them. The installed `accord` has Foundation linked in (`make install`); a
/// FoundationNetworking linked in too would need libcurl, which `ldd` would list.
struct LinkedLibrariesTests {
    static let networking = ["libFoundationNetworking", "libcurl"]

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ldd")))
    func theAccordBinaryLoadsNeitherFoundationNetworkingNorLibcurl() throws {
        let libraries = try Self.libraries(of: AccordProcess.binary)
        #expect(libraries.contains { $0.hasPrefix("libc.so") }, "\(libraries)")
        for name in Self.networking {
            #expect(!libraries.contains { $0.hasPrefix(name) }, "\(AccordProcess.binary) loads \(name): \(libraries)")
        }
    }

    /// The same reading finds them where they are linked.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ldd")))
    func thePreviewServerBesideItLoadsThem() throws {
        let server = URL(fileURLWithPath: AccordProcess.binary).deletingLastPathComponent().appendingPathComponent("accord-preview").path
        let libraries = try Self.libraries(of: server)
        for name in Self.networking {
            #expect(libraries.contains { $0.hasPrefix(name) }, "\(libraries)")
        }
    }

    /// The names of the shared libraries the dynamic loader loads for `binary`, as `ldd` lists them.
    static func libraries(of binary: String) throws -> [String] {
        let ldd = Process()
        ldd.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        ldd.arguments = [binary]
        let output = Pipe()
        ldd.standardOutput = output
        try ldd.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ldd.waitUntilExit()
        try #require(ldd.terminationStatus == 0, "ldd \(binary): exit \(ldd.terminationStatus)")
        return text.split(separator: "\n").compactMap { line in
            line.split(whereSeparator: \.isWhitespace).first.map { String($0.split(separator: "/").last ?? $0) }
        }
    }
}
