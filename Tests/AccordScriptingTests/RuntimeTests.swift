import Foundation
import Testing
@testable import AccordScripting

/// The script runtime: Accord's Lua as the build embedded it, and the DSLs compiled only
/// when a script reaches them.
@Suite struct RuntimeTests {
    /// The folder of AccordScripting's sources, beside this test's.
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/AccordScripting").standardizedFileURL

    @Test func theEmbeddedLuaIsEachFileByteForByte() throws {
        let embedded = [
            "records.lua": LuaFiles.records, "ordering.lua": LuaFiles.ordering,
            "Rules/dsl.lua": LuaFiles.Rules.dsl, "Rules/packs.lua": LuaFiles.Rules.packs,
            "Rules/evaluate.lua": LuaFiles.Rules.evaluate, "Reports/reports.lua": LuaFiles.Reports.reports,
            "Repl/repl.lua": LuaFiles.Repl.repl,
        ]
        let onDisk = FileManager.default.enumerator(atPath: Self.sources.path)!.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".lua") }
        #expect(Set(onDisk) == Set(embedded.keys))
        for (path, text) in embedded {
            let file = try String(contentsOf: Self.sources.appendingPathComponent(path), encoding: .utf8)
            #expect(text == file, "\(path)")
        }
    }

    @Test func aPlainScriptCompilesNeitherTheRulesNorTheReportBuilder() throws {
        let host = try Fixture.host()
        try host.run(#"assert(#accord.partnerships() > 0)"#, chunkName: "plain.lua")
        #expect(host.runtime.module.loadedDSLs == (false, false))
    }

    @Test func theRulesAndTheReportBuilderLoadWhenAScriptFirstReadsThem() throws {
        let host = try Fixture.host()
        try host.run(#"assert(type(accord.rules.mentions) == "function")"#, chunkName: "rules.lua")
        #expect(host.runtime.module.loadedDSLs == (true, false))
        try host.run("""
            assert(type(accord.rules.all) == "function")
            local def = accord.report{ title = "R", grain = "year", build = function() end }
            assert(def.title == "R")
            """, chunkName: "report.lua")
        #expect(host.runtime.module.loadedDSLs == (true, true))
    }

    @Test func eachScriptStillGetsItsOwnCopyOfALazilyLoadedTable() throws {
        let host = try Fixture.host()
        try host.run("accord.rules.mentions = nil", chunkName: "a.lua")
        try host.run(#"assert(type(accord.rules.mentions) == "function")"#, chunkName: "b.lua")
    }
}
