import AccordCore
import AccordScripting
import Foundation
import ToolSupport

/// The standard pack's rules under plain `lua5.4`: the records exported as Lua
/// tables, Accord's rules prelude unchanged, and `Benchmarks/pure_lua_classify.lua`
/// to drive them. What it reports is rule evaluation alone, every record already
/// in memory, with the same C word search Accord's `mentions` uses when it can
/// be built: the difference is then the bridge.
struct PureLuaBaseline {
    let repository: URL
    let interpreter: String

    struct Result {
        var seconds: Double
        var records: Int
        var labels: [String: Int]
    }

    /// `lua5.4` on the path, or nil.
    static func find(repository: URL) -> PureLuaBaseline? {
        for name in ["lua5.4", "lua54"] {
            if let path = which(name) { return PureLuaBaseline(repository: repository, interpreter: path) }
        }
        return nil
    }

    /// Writes the workspace's partnerships to `folder`, 10,000 to a file.
    func export(database: String, to folder: String) throws {
        let fm = FileManager.default
        try? fm.removeItem(atPath: folder)
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = try Store(path: database)
        let writer = LuaRecords(organizations: Dictionary(uniqueKeysWithValues: try store.organizations().map { ($0.id, $0) }),
                                sources: Dictionary(uniqueKeysWithValues: try store.sources().map { ($0.id, $0) }))
        // Each file is written on another thread while the next batch is read; one waits at most.
        let writing = DispatchQueue(label: "accord-bench.export"), slots = DispatchSemaphore(value: 2)
        let failure = Failure()
        var index = 0
        try store.forEachBatch(order: .stored, size: 10_000) { batch in
            index += 1
            let path = folder + String(format: "/records-%04d.lua", index)
            slots.wait()
            writing.async {
                defer { slots.signal() }
                do { try writer.chunk(batch).write(toFile: path, atomically: false, encoding: .utf8) } catch { failure.record(error) }
            }
        }
        writing.sync {}
        if let error = failure.first { throw error }
        try vocabulary().write(toFile: folder + "/vocab.lua", atomically: false, encoding: .utf8)
    }

    /// Builds `Sources/CAccordWords/words.c` (Accord's word search) into a Lua
    /// module in `folder`, and returns the folder; nil, with the reason, when
    /// there is no C compiler or no Lua headers.
    func buildSearchModule(in folder: String) -> (folder: String?, reason: String?) {
        let headers = ["/usr/include/lua5.4", "/usr/local/include/lua5.4"].first {
            FileManager.default.fileExists(atPath: $0 + "/lua.h")
        }
        guard let headers else { return (nil, "no Lua headers (apt-get install liblua5.4-dev)") }
        guard let compiler = which("cc") ?? which("clang") ?? which("gcc") else { return (nil, "no C compiler") }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let source = repository.appendingPathComponent("Sources/CAccordWords/words.c").path
        let include = repository.appendingPathComponent("Sources/CAccordWords/include").path
        do {
            try mustRun([compiler, "-O2", "-shared", "-fPIC", "-I", headers, "-I", include, source, "-o", folder + "/accord_words.so"],
                        in: repository.path)
        } catch {
            return (nil, "building accord_words.so failed: \(error)")
        }
        return (folder, nil)
    }

    /// Runs the driver over an exported folder with the pack at `pack`, in
    /// `parts` processes side by side (each its share of the files), with
    /// Accord's C word search when `native` names the folder of its module.
    /// The seconds are processor time summed over the processes, as Accord's
    /// `--timings` sums its threads'.
    func run(folder: String, pack: String, parts: Int, native: String?) throws -> Result {
        let driver = repository.appendingPathComponent("Benchmarks/pure_lua_classify.lua").path
        let commands = (1...parts).map { k in
            (arguments: [interpreter, driver, folder, pack, "--part", "\(k)/\(parts)"] + (native.map { ["--native", $0] } ?? []),
             output: folder + "/result-\(k).txt", errors: folder + "/errors-\(k).txt")
        }
        let runs = try runChildren(commands, in: repository.path)
        var result = Result(seconds: 0, records: 0, labels: [:])
        for (run, command) in zip(runs, commands) {
            _ = try succeeded(run, command.arguments, errors: command.errors)
            for line in try String(contentsOfFile: command.output, encoding: .utf8).split(separator: "\n") {
                let fields = line.split(separator: " ")
                switch fields.first {
                case "evaluate_seconds": result.seconds += Double(fields[1]) ?? 0
                case "records": result.records += Int(fields[1]) ?? 0
                case "label" where fields.count == 3: result.labels[String(fields[1]), default: 0] += Int(fields[2]) ?? 0
                default: break
                }
            }
        }
        return result
    }

    /// The vocabularies the prelude is given, as Accord gives them, and the set
    /// of valid territory codes its `is_territory` native answers from.
    private func vocabulary() -> String {
        func list(_ items: [String]) -> String { "{ " + items.map { "\"\($0)\"" }.joined(separator: ", ") + " }" }
        var out = "return {\n"
        for (name, values) in AccordAPI.vocabularies { out += "  \(name) = \(list(values)),\n" }
        out += "  groups = {\n"
        for (group, members) in Territory.groups.sorted(by: { $0.key < $1.key }) { out += "    \(group) = \(list(members)),\n" }
        out += "  },\n  territories = {\n"
        for code in (Codes.countries.union(Territory.groups.keys)).sorted() { out += "    \(code) = true,\n" }
        out += "  },\n  fields_of = {\n"
        for (type, names) in AccordAPI.recordFields { out += "    \(type) = \(list(names)),\n" }
        return out + "  },\n}\n"
    }
}

/// The full path of a command on PATH, if any.
func which(_ name: String) -> String? {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
        let path = "\(folder)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

/// The first error of work done on other threads.
private final class Failure: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?

    func record(_ error: any Error) { lock.withLock { self.error = self.error ?? error } }
    var first: (any Error)? { lock.withLock { error } }
}
