import AccordCore
import AccordScripting
import Foundation

/// The standard pack's rules under plain `lua5.4`: the records exported as Lua
/// tables, Accord's rules prelude unchanged, and `Benchmarks/pure_lua_classify.lua`
/// to drive them. What it reports is rule evaluation alone, every record already
/// in memory.
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
        var index = 0
        try store.forEachBatch(size: 10_000) { batch in
            index += 1
            try writer.chunk(batch).write(toFile: folder + String(format: "/records-%04d.lua", index), atomically: false, encoding: .utf8)
        }
        try RulesPrelude.source.write(toFile: folder + "/rules-prelude.lua", atomically: false, encoding: .utf8)
        try RulesPrelude.recordSource.write(toFile: folder + "/record-prelude.lua", atomically: false, encoding: .utf8)
        try vocabulary().write(toFile: folder + "/vocab.lua", atomically: false, encoding: .utf8)
    }

    /// Runs the driver over an exported folder with the pack at `pack`.
    func run(folder: String, pack: String) throws -> Result {
        let output = folder + "/result.txt"
        try mustRun([interpreter, repository.appendingPathComponent("Benchmarks/pure_lua_classify.lua").path, folder, pack],
                    in: repository.path, output: output)
        var result = Result(seconds: 0, records: 0, labels: [:])
        for line in try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n") {
            let parts = line.split(separator: " ")
            switch parts.first {
            case "evaluate_seconds": result.seconds = Double(parts[1]) ?? 0
            case "records": result.records = Int(parts[1]) ?? 0
            case "label" where parts.count == 3: result.labels[String(parts[1])] = Int(parts[2]) ?? 0
            default: break
            }
        }
        return result
    }

    /// The vocabularies the prelude is given, as Accord gives them, and the set
    /// of valid territory codes its `is_territory` native answers from.
    private func vocabulary() -> String {
        func list(_ items: [String]) -> String { "{ " + items.map { "\"\($0)\"" }.joined(separator: ", ") + " }" }
        var out = "return {\n"
        for (name, values) in RulesPrelude.vocabularies { out += "  \(name) = \(list(values)),\n" }
        out += "  groups = {\n"
        for (group, members) in Territory.groups.sorted(by: { $0.key < $1.key }) { out += "    \(group) = \(list(members)),\n" }
        out += "  },\n  territories = {\n"
        for code in (Codes.countries.union(Territory.groups.keys)).sorted() { out += "    \(code) = true,\n" }
        out += "  },\n  fields_of = {\n"
        for (type, names) in RulesPrelude.recordFields { out += "    \(type) = \(list(names)),\n" }
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
