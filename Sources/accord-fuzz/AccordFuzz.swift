import ArgumentParser
import Foundation
import ToolSupport

/// accord-fuzz: feeds random and mutated Lua chunks to `accord run` for a
/// bounded time and reports any run that crashes, hangs past its limits, ends
/// with an unexpected exit code or writes a file. Not part of `make test`.
/// Failing chunks are kept in fuzz-failures/ for replay with `accord run`.
@main
struct AccordFuzz: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accord-fuzz",
        abstract: "Feed random and mutated Lua chunks to `accord run` and report what misbehaves.",
        discussion: "Run from the repository (the corpus is its hostile scripts and examples). Exits 1 when a chunk failed.")

    @Option(help: "How long to fuzz.")
    var seconds = 60.0

    @Option(help: "Seed of the random chunks (default: the current time).")
    var seed = UInt64(Date().timeIntervalSince1970)

    @Option(help: "The accord binary.")
    var binary = ".build/debug/accord"

    func run() throws {
        let binary = URL(fileURLWithPath: binary).standardizedFileURL.path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw ValidationError("no accord binary at \(binary) (run swift build, or give --binary)")
        }
        let failures = try Fuzzer(binary: binary, seed: seed, seconds: seconds).run()
        if failures > 0 { throw ExitCode.failure }
    }
}

/// Pieces random chunks are built from: Lua syntax, the standard library the
/// sandbox allows and forbids, and the accord API.
let fragments = [
    "local x = ", "x", "= ", "(", ")", "{", "}", "[", "]", ",", ";", "..", "#", "+", "-", "*", "/", "%", "^", "==", "~=",
    "<", ">", "and ", "or ", "not ", "nil", "true", "false", "0", "1", "-1", "2^53", "1e308", "0/0", "'s'", "\"\\0\"",
    "function(...) ", "end ", "return ", "if x then ", "else ", "while x do ", "for i = 1, 10 do ", "repeat ", "until x ",
    "do ", "goto l ", "::l:: ", "break ", "local t <close> = nil ", "...", "select('#', ...)",
    "string.rep('x', 1e6)", "string.format('%q', x)", "string.find(x, '(.-)%1')", "string.gsub('aaa', 'a', x)",
    "table.concat({}, x)", "table.sort({3, 1, 2}, function(a, b) return a > b end)", "table.unpack({}, 1, 1e6)",
    "math.huge", "math.tointeger(x)", "utf8.char(0x10FFFF)", "utf8.len('\\xff')", "tostring(x)", "tonumber(x, 36)",
    "pcall(error, x)", "xpcall(error, print, x)", "error(x)", "error({})", "error(nil, 2)", "assert(x)",
    "setmetatable({}, {__index = function(t, k) return t[k] end})", "setmetatable({}, {__tostring = error})",
    "setmetatable({}, {__gc = print})", "getmetatable('')", "rawset(_G, x, x)", "rawget(x, x)", "rawlen(x)", "next({}, 1)",
    "coroutine.wrap(function() coroutine.yield(x) end)()", "coroutine.resume(coroutine.create(error))",
    "coroutine.close(coroutine.create(print))", "load(x)", "load('return ...', 'c', 'b')", "require(x)", "require('a.b')",
    "collectgarbage(x)", "os.date(x)", "os.time({year = 2019, month = 13, day = 40})", "io.open(x)", "os.execute(x)",
    "debug.traceback()", "accord.partnerships(x)", "accord.partnerships{period = x}", "accord.partnerships{form = 'mou'}",
    "accord.partnerships():group_by(x)", "accord.partnerships():sort_by('date', true)", "accord.partnerships():top(x)",
    "accord.partnerships():count_by(function(p) return p.parties end)", "accord.organizations{kind = x}",
    "accord.partnership(x)", "accord.organization('KHIDI')", "accord.period(x)", "accord.period('2019-W53')",
    "accord.period('last-quarter'):previous():contains(x)", "accord.partnerships()[1]:mentions(x)",
    "accord.partnerships()[1]:involves(x)", "accord.partnerships()[1].titel", "accord.sorted_pairs(x)",
    "print(x)", "x = x .. x ", "x = {x, x} ", "x = function() return x() end ", "\n",
]

func randomChunk(_ rng: inout SeededRandom) -> String {
    var chunk = "local x = ...\n"
    for _ in 0..<Int.random(in: 1...40, using: &rng) {
        chunk += fragments.randomElement(using: &rng)!
        if Int.random(in: 0..<4, using: &rng) == 0 { chunk += "\n" }
    }
    return chunk
}

/// A corpus script with bytes flipped, lines dropped, duplicated or spliced.
func mutate(_ source: String, _ rng: inout SeededRandom) -> String {
    var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for _ in 0..<Int.random(in: 1...4, using: &rng) where !lines.isEmpty {
        let i = Int.random(in: 0..<lines.count, using: &rng)
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: lines.remove(at: i)
        case 1: lines.insert(lines[i], at: i)
        case 2: lines[i] += " " + fragments.randomElement(using: &rng)!
        default:
            var bytes = Array(lines[i].utf8)
            if !bytes.isEmpty { bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 32...126, using: &rng) }
            lines[i] = String(decoding: bytes, as: UTF8.self)
        }
    }
    return lines.joined(separator: "\n")
}

/// Runs `accord ARGS...` in `folder`, killed after `timeout` seconds: how it
/// ended, how long it took and what it wrote to stderr.
func runAccord(_ binary: String, _ arguments: [String], in folder: URL, timeout: Double) throws -> (Int32, Double, String) {
    let errors = NSTemporaryDirectory() + "accord-fuzz-\(getpid()).err"
    defer { try? FileManager.default.removeItem(atPath: errors) }
    let run = try runChild([binary] + arguments, in: folder.path, errors: errors, timeout: timeout)
    return (run.status, run.seconds, (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")
}

/// Prints a line at once (unbuffered), so progress shows even into a file.
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

/// One fuzzing session against `binary` in a fresh sample workspace.
struct Fuzzer {
    let binary: String
    let seed: UInt64
    let seconds: Double

    /// Fuzzes until the time is up; returns the number of failing chunks.
    func run() throws -> Int {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let corpus = ["Tests/AccordAdversarialTests/Hostile", "Scripts/examples"].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".lua") }
                .compactMap { try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
        }
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("accord-fuzz-\(getpid())")
        defer { try? FileManager.default.removeItem(at: workspace) }
        _ = try runAccord(binary, ["init", "--sample", workspace.path], in: root, timeout: 30)
        let chunkURL = workspace.appendingPathComponent("chunk.lua")
        func snapshot() -> Set<String> {
            Set((FileManager.default.enumerator(atPath: workspace.path)?.allObjects as? [String] ?? [])
                .filter { !$0.hasPrefix("accord.db") && $0 != "chunk.lua" })
        }
        let before = snapshot()

        var rng = SeededRandom(seed: seed)
        let deadline = Date().addingTimeInterval(seconds)
        var (runs, failures) = (0, 0)
        var exits: [Int32: Int] = [:]
        let failureFolder = root.appendingPathComponent("fuzz-failures")
        say("accord-fuzz: seed \(seed), \(seconds) s, \(corpus.count) corpus scripts")
        while Date() < deadline {
            let chunk = corpus.isEmpty || Bool.random(using: &rng) ? randomChunk(&rng) : mutate(corpus.randomElement(using: &rng)!, &rng)
            try chunk.write(to: chunkURL, atomically: true, encoding: .utf8)
            let (status, took, stderr) = try runAccord(binary, ["run", "--timeout", "1s", "--max-memory", "64MiB",
                                                                   "--max-instructions", "10M", "chunk.lua", "fuzz"],
                                                          in: workspace, timeout: 5)
            runs += 1
            exits[status, default: 0] += 1
            var problem: String?
            if status != 0 && status != 1 { problem = "exit \(status)" }
            else if took > 2 { problem = "took \(took) s" }
            else if status == 1 && !stderr.hasPrefix("chunk.lua") { problem = "error does not name the script: \(stderr.prefix(200))" }
            else if snapshot() != before { problem = "changed files: \(snapshot().symmetricDifference(before))" }
            if let problem {
                failures += 1
                try FileManager.default.createDirectory(at: failureFolder, withIntermediateDirectories: true)
                let file = failureFolder.appendingPathComponent("failure-\(seed)-\(runs).lua")
                try ("-- " + problem.replacingOccurrences(of: "\n", with: " ") + "\n" + chunk).write(to: file, atomically: true, encoding: .utf8)
                say("FAIL \(problem) -> \(file.path)")
            }
        }
        let summary = exits.sorted { $0.key < $1.key }.map { "exit \($0.key): \($0.value)" }.joined(separator: ", ")
        say("accord-fuzz: \(runs) chunks, \(failures) failures (\(summary))")
        return failures
    }
}
