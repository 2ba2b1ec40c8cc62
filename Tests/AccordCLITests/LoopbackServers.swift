import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The Python of the repository's `.venv` (`make pydeps`), which has aiosmtpd; the delivery
/// tests need it, and fail, rather than skip, without it.
enum TestPython {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var executable: String {
        get throws {
            let path = root.appendingPathComponent(".venv/bin/python").path
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw LoopbackError("no \(path): run `make pydeps` (make test does) to install the test servers' packages")
            }
            return path
        }
    }

    /// A script of Tests/AccordCLITests/Delivery.
    static func script(_ name: String) -> String {
        root.appendingPathComponent("Tests/AccordCLITests/Delivery/\(name)").path
    }
}

/// A server on 127.0.0.1 run by one of the Python scripts in Tests/AccordCLITests/Delivery,
/// saving what it receives as numbered files in `folder`.
final class LoopbackServer {
    let port: Int
    let folder: URL
    private let process: Process
    /// What the server says on its output, beside `folder`; removed with the server.
    private let log: URL

    /// Starts `script` on `port` (a free one when nil) and waits until it listens.
    init(_ script: String, port: Int? = nil, folder: URL, arguments: [String] = []) throws {
        self.port = try port ?? Self.freePort()
        self.folder = folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let said = folder.deletingLastPathComponent().appendingPathComponent("\(folder.lastPathComponent).out")
        log = said
        _ = FileManager.default.createFile(atPath: said.path, contents: nil)
        let output = try FileHandle(forWritingTo: said)
        defer { try? output.close() }
        process = Process()
        process.executableURL = URL(fileURLWithPath: try TestPython.executable)
        process.arguments = [TestPython.script(script), "--port", String(self.port), "--dir", folder.path] + arguments
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let text = (try? String(contentsOf: said, encoding: .utf8)) ?? ""
            if text.contains("ready") { return }
            if !process.isRunning { break }
            usleep(50_000)
        }
        stop()
        throw LoopbackError("\(script) did not start: " + ((try? String(contentsOf: said, encoding: .utf8)) ?? ""))
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: log)
    }

    /// What was received, oldest first: the files with `suffix` (`eml`, `json`).
    func received(_ suffix: String) throws -> [Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return try names.filter { $0.hasSuffix("." + suffix) }.sorted().map { try Data(contentsOf: folder.appendingPathComponent($0)) }
    }

    /// A port nothing listens on now: bound on 127.0.0.1 by the system's choice, then released.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw LoopbackError("no socket") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else { throw LoopbackError("cannot bind a port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct LoopbackError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
