import AccordTestSupport
import Foundation
import Testing

/// A script from `Hostile/`, with what it tries and how it must end, read from
/// its header:
///
///     -- hostile: what it tries
///     -- exit: 1
///     -- stderr: text the error must contain     (or -- stdout: for exit 0)
///     -- flags: --max-instructions 5M            (optional; replaces defaults)
///     -- command: report --period 2019           (optional; default `run`: the command, run on the
///                                                 script, and arguments after it)
///     -- pack: hostile                           (optional: the script is that pack's init.lua,
///                                                 applied beside the standard pack)
struct HostileScript: CustomTestStringConvertible, Sendable {
    let name: String
    let source: String
    let tries: String
    let exit: Int32
    let stderr: String?
    let stdout: String?
    let flags: [String: String]
    /// The command and the arguments that follow the script (or the flags, for a pack).
    let command: [String]
    /// The pack the script is the `init.lua` of, if it is one.
    let pack: String?

    /// Where the script is written in the workspace, as messages name it.
    var path: String { pack.map { "Scripts/rules/\($0)/init.lua" } ?? "hostile.lua" }

    /// The arguments `accord` runs with: the command, the flags, the script (unless it is a
    /// pack), and the rest.
    var arguments: [String] {
        let words = command.isEmpty ? ["run"] : command
        let flagWords = flags.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] }
        return [words[0]] + flagWords + (pack == nil ? [path] : []) + words.dropFirst()
    }

    var testDescription: String { name }

    /// Every run gets these unless the script says otherwise.
    static let defaultFlags = ["--timeout": "2s", "--max-instructions": "5M", "--max-memory": "64MiB"]

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Hostile")

    static let all: [HostileScript] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".lua") }.sorted().map { name in
            let source = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
            var header: [String: String] = [:]
            for line in source.split(separator: "\n") where line.hasPrefix("-- ") {
                let text = line.dropFirst(3)
                guard let colon = text.firstIndex(of: ":") else { continue }
                header[String(text[..<colon])] = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            var flags = defaultFlags
            let words = (header["flags"] ?? "").split(separator: " ").map(String.init)
            for pair in stride(from: 0, to: words.count - 1, by: 2) { flags[words[pair]] = words[pair + 1] }
            return HostileScript(name: name, source: source, tries: header["hostile"] ?? "?",
                                 exit: Int32(header["exit"] ?? "1") ?? 1, stderr: header["stderr"],
                                 stdout: header["stdout"], flags: flags,
                                 command: (header["command"] ?? "").split(separator: " ").map(String.init), pack: header["pack"])
        }
    }()

    var timeout: Double { Double(flags["--timeout"]!.dropLast()) ?? 2 }
}

@Suite struct HostileScriptTests {
    @Test func thereAreAtLeastFortyHostileScripts() {
        #expect(HostileScript.all.count >= 40)
    }

    @Test(arguments: HostileScript.all)
    func hostileScriptIsStopped(script: HostileScript) throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.initSample(".")
        try accord.write(script.source, to: script.path)
        if let pack = script.pack {
            let config = try accord.read("accord.yaml")
            try accord.write(config.replacingOccurrences(of: "\npacks:", with: "\npacks:\n  \(pack): \"*\""), to: "accord.yaml")
        }
        let before = accord.files()

        let result = try accord.run(script.arguments)

        #expect(result.status == script.exit, "\(script.name) (\(script.tries)): exit \(result.status)\n\(result.stderr)")
        if let expected = script.stderr {
            #expect(result.stderr.contains(expected), "\(script.name): stderr was\n\(result.stderr)")
            #expect(result.stderr.hasPrefix(script.path), "\(script.name): the message names the script\n\(result.stderr)")
        }
        if let expected = script.stdout {
            #expect(result.stdout.contains(expected), "\(script.name): stdout was\n\(result.stdout)")
        }
        #expect(!result.stdout.contains("escaped"), "\(script.name) ran on after its stop")
        #expect(result.seconds < script.timeout + 1, "\(script.name) took \(result.seconds) s")
        #expect(accord.files() == before, "\(script.name) changed files in the workspace")
    }
}
