import Foundation

/// luacheck (Debian's `lua-check`), run as a child process: undefined
/// globals, unused variables, shadowing and the rest of what it checks.
public struct Luacheck: Sendable {
    /// The `luacheck` executable.
    public let executable: String

    /// One line of luacheck's output.
    public struct Warning: Sendable, Equatable {
        public var file: String
        public var line: Int
        public var column: Int
        /// `W113`, `E011`, …
        public var code: String
        public var message: String
    }

    public init(executable: String) { self.executable = executable }

    /// luacheck as named by `ACCORD_LUACHECK` (a path; empty or `none` for
    /// none), else the first `luacheck` on the `PATH`.
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> Luacheck? {
        let fm = FileManager.default
        if let named = environment["ACCORD_LUACHECK"] {
            if named.isEmpty || named == "none" { return nil }
            return fm.isExecutableFile(atPath: named) ? Luacheck(executable: named) : nil
        }
        for folder in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/luacheck"
            if fm.isExecutableFile(atPath: candidate) { return Luacheck(executable: candidate) }
        }
        return nil
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Checks `files` as `check` does; when luacheck fails on the lot, each
    /// file alone, so that one file it cannot handle loses only its own
    /// warnings. Gives the warnings, and a message for each failure.
    func checkEach(_ files: [String], config: String, std: String) -> (warnings: [Warning], failures: [String]) {
        do { return (try check(files, config: config, std: std), []) } catch {
            if files.count == 1 { return ([], ["\(files[0]): \(error)"]) }
        }
        var warnings: [Warning] = [], failures: [String] = []
        for file in files {
            let (w, f) = checkEach([file], config: config, std: std)
            warnings += w
            failures += f
        }
        return (warnings, failures)
    }

    /// Checks `files` (absolute paths) with the configuration `config` and
    /// the standard `std` defined in it.
    func check(_ files: [String], config: String, std: String) throws -> [Warning] {
        guard !files.isEmpty else { return [] }
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("accord-check-\(UUID().uuidString)")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: folder) }
        let configURL = folder.appendingPathComponent("luacheckrc.lua")
        try config.write(to: configURL, atomically: true, encoding: .utf8)
        let outURL = folder.appendingPathComponent("stdout"), errURL = folder.appendingPathComponent("stderr")
        _ = fm.createFile(atPath: outURL.path, contents: nil)
        _ = fm.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--config", configURL.path, "--std", std, "--formatter", "plain", "--codes", "--ranges", "--no-cache", "--"]
            + files
        process.currentDirectoryURL = folder
        // Output goes to files, read after the exit: a blocking read of a pipe
        // can be interrupted by a signal, which Foundation turns into a crash.
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let output = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
        // 0: no warnings, 1: warnings, 2: errors (syntax); more is a failure of luacheck itself.
        guard process.terminationReason == .exit, process.terminationStatus <= 2 || !output.isEmpty else {
            let message = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
                .split(separator: "\n").prefix(2).joined(separator: " ")
            throw Failure(description: "luacheck failed (exit \(process.terminationStatus)): \(message)")
        }
        return Self.parse(output, files: files)
    }

    /// Reads `--formatter plain --codes --ranges` output:
    /// `FILE:LINE:COLUMN-END: (W113) message`. Lines about files not in
    /// `files` (I/O errors) are left out.
    static func parse(_ output: String, files: [String]) -> [Warning] {
        let byLength = files.sorted { $0.count > $1.count }
        var warnings: [Warning] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let file = byLength.first(where: { line.hasPrefix($0 + ":") }) else { continue }
            let rest = line.dropFirst(file.count + 1)
            let fields = rest.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let number = Int(fields[0]),
                  let column = Int(fields[1].prefix { $0.isNumber }) else { continue }
            let text = fields[2].drop { $0 == " " }
            guard text.hasPrefix("("), let close = text.firstIndex(of: ")") else { continue }
            let code = String(text[text.index(after: text.startIndex)..<close])
            let message = text[text.index(after: close)...].drop { $0 == " " }
            warnings.append(Warning(file: file, line: number, column: column, code: code, message: String(message)))
        }
        return warnings
    }

    /// The severity and name `accord check` gives a luacheck code.
    static func classify(_ code: String) -> (severity: LintFinding.Severity, name: String) {
        if code.hasPrefix("E") { return (.error, "syntax") }
        let number = code.dropFirst()
        switch number {
        case "111", "112", "113": return (.error, "undefined-global")
        case "143": return (.error, "undefined-field")
        case "121", "122": return (.warning, "read-only-global")
        case "131": return (.warning, "unused-global")
        case "142": return (.warning, "undefined-field")
        case "211": return (.warning, "unused-local")
        case "212": return (.warning, "unused-argument")
        case "213": return (.warning, "unused-loop-variable")
        case "221", "231", "232", "233", "241": return (.warning, "unused-variable")
        case "311", "312", "313", "314": return (.warning, "unused-value")
        case "321": return (.warning, "uninitialized")
        case "331", "341", "342", "343": return (.warning, "unused-value")
        case "411", "412", "413", "421", "422", "423", "431", "432", "433": return (.warning, "shadowing")
        case "511", "512": return (.warning, "unreachable-code")
        case "521": return (.warning, "unused-label")
        case "531", "532": return (.warning, "unbalanced-assignment")
        case "541", "542", "551": return (.warning, "empty-block")
        default: return (.warning, "luacheck")
        }
    }
}
