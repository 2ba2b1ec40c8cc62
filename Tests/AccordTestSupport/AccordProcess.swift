import Foundation

/// Runs the built `accord` binary as a user would, in a temporary folder.
public struct AccordProcess {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
        /// Wall-clock seconds the process ran.
        public let seconds: Double
    }

    /// The binary: `ACCORD_BIN`, or `accord` beside the test bundle in the build folder.
    public static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["ACCORD_BIN"] { return path }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("accord").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/accord").path
    }()

    /// The standard pack the binary bundles.
    public static var bundledStandard: URL {
        URL(fileURLWithPath: binary).deletingLastPathComponent().appendingPathComponent("Accord_accord.resources/Packs/standard")
    }

    /// A fresh temporary folder, removed by `cleanUp()`.
    public let folder: URL
    /// Added to the environment of every run: on PostgreSQL, the database (`ACCORD_DATABASE`) and who signs in.
    public let environment: [String: String]
    private let database: BackendDatabase?

    /// Runs in a new folder; on PostgreSQL, every workspace of it keeps its data in one new, empty database.
    public init(on backend: Backend = .sqlite) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("accord-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard backend == .postgres else {
            (environment, database) = ([:], nil)
            return
        }
        let database = try BackendDatabase(backend, file: "accord.db")
        (environment, self.database) = (PostgresServer.signIn.merging(["ACCORD_DATABASE": database.setting]) { $1 }, database)
    }

    fileprivate init(folder: URL) {
        (self.folder, environment, database) = (folder, [:], nil)
    }

    /// Removes the folder, and the database on the server.
    public func cleanUp() {
        try? FileManager.default.removeItem(at: folder)
        database?.drop()
    }

    /// Runs `accord ARGS...` in `folder` (or a subfolder), with no standard input.
    @discardableResult
    public func run(_ arguments: String..., in subfolder: String? = nil) throws -> Result {
        try run(arguments, in: subfolder)
    }

    /// Runs `accord ARGS...` with `input` as its standard input (a file, not a terminal).
    @discardableResult
    public func run(_ arguments: [String], input: String, in subfolder: String? = nil) throws -> Result {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("accord-in-\(UUID().uuidString)")
        try input.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        return try run(arguments, in: subfolder, environment: [:], standardInput: handle)
    }

    /// Runs `accord ARGS...` with `extra` added to the environment.
    @discardableResult
    public func run(_ arguments: [String], in subfolder: String? = nil, environment extra: [String: String] = [:]) throws -> Result {
        try run(arguments, in: subfolder, environment: extra, standardInput: FileHandle.nullDevice)
    }

    private func run(_ arguments: [String], in subfolder: String?, environment extra: [String: String],
                     standardInput: FileHandle) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: AccordProcess.binary)
        process.arguments = arguments
        process.currentDirectoryURL = subfolder.map { folder.appendingPathComponent($0) } ?? folder
        var environment = ProcessInfo.processInfo.environment.merging(self.environment) { _, new in new }.merging(extra) { _, new in new }
        environment.removeValue(forKey: "ACCORD_WORKSPACE")
        process.environment = environment
        // Output goes to files, read after the exit: a blocking read of a pipe
        // can be interrupted by a signal, which Foundation turns into a crash.
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("accord-out-\(UUID().uuidString)")
        let outURL = capture.appendingPathExtension("stdout"), errURL = capture.appendingPathExtension("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = standardInput
        let start = Date()
        try process.run()
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        return Result(status: process.terminationStatus, stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self), seconds: Date().timeIntervalSince(start))
    }

    public func write(_ text: String, to name: String) throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    public func read(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
}

extension AccordProcess {
    /// Every file below `folder`, with its size, except the database and its
    /// journal files (which SQLite may touch on any open).
    public func files() -> [String: Int] {
        var found: [String: Int] = [:]
        let base = folder.resolvingSymlinksInPath().path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return found }
        while let path = walker.nextObject() as? String {
            guard !path.hasPrefix("accord.db") else { continue }
            let attributes = try? FileManager.default.attributesOfItem(atPath: base + "/" + path)
            found[path] = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        }
        return found
    }
}

extension AccordProcess {
    /// Makes `subfolder` (`.` for the folder itself) the workspace `accord init --sample` makes:
    /// a copy of the one the binary made for the first test that asked, so that tests that
    /// only start from the sample do not each run `init`. On PostgreSQL its file is copied to the server.
    public func initSample(_ subfolder: String) throws {
        guard let template = SampleTemplate.shared.folder else {
            throw SampleTemplate.Failure(description: SampleTemplate.shared.failure)
        }
        let target = folder.appendingPathComponent(subfolder)
        let fm = FileManager.default
        try fm.createDirectory(at: target, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: template.path) {
            try fm.copyItem(at: template.appendingPathComponent(name), to: target.appendingPathComponent(name))
        }
        if let server = environment["ACCORD_DATABASE"] {
            let copied = try run(["db", "copy", "--to", server], in: subfolder, environment: ["ACCORD_DATABASE": ""])
            guard copied.status == 0 else { throw SampleTemplate.Failure(description: "accord db copy: \(copied.stderr)") }
            try fm.removeItem(at: target.appendingPathComponent("accord.db"))
        }
    }
}

/// The sample workspace as `accord init --sample` made it, once per test process; removed at exit.
private struct SampleTemplate: Sendable {
    var folder: URL?
    var failure = ""

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let shared: SampleTemplate = {
        let maker = AccordProcess(folder: URL(fileURLWithPath: path))
        do {
            try FileManager.default.createDirectory(at: maker.folder, withIntermediateDirectories: true)
            atexit { try? FileManager.default.removeItem(atPath: SampleTemplate.path) }
            let made = try maker.run("init", "--sample", "ws")
            guard made.status == 0 else { return SampleTemplate(failure: "accord init --sample: exit \(made.status): \(made.stderr)") }
            return SampleTemplate(folder: maker.folder.appendingPathComponent("ws"))
        } catch {
            return SampleTemplate(failure: "accord init --sample: \(error)")
        }
    }()

    static var path: String {
        FileManager.default.temporaryDirectory.appendingPathComponent("accord-e2e-sample-\(getpid())").path
    }
}
