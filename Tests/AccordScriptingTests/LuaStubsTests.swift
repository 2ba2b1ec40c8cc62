import Foundation
import Testing
@testable import AccordScripting

/// The LuaLS meta files: valid Lua, and every declaration in them.
@Suite struct LuaStubsTests {
    /// `luac5.4` or `luac`, from the PATH.
    static let luac: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["luac5.4", "luac"] {
            for folder in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }()

    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("accord-stubs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(.enabled(if: luac != nil, "neither luac5.4 nor luac is installed (apt-get install lua5.4)"))
    func everyFileParses() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try LuaStubs.write(to: folder)
        #expect(files.map(\.lastPathComponent) == ["accord.lua", "rules.lua", "reports.lua", "enums.lua"])
        for file in files {
            let errors = folder.appendingPathComponent("luac.stderr")
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            let handle = try FileHandle(forWritingTo: errors)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.luac!)
            process.arguments = ["-p", file.path]
            process.standardError = handle
            process.standardOutput = handle
            try process.run()
            process.waitUntilExit()
            try handle.close()
            let message = try String(contentsOf: errors, encoding: .utf8)
            #expect(process.terminationStatus == 0, "\(file.lastPathComponent): \(message)")
        }
    }

    @Test func everyDeclarationIsInTheStubs() throws {
        let text = LuaStubs.files().map(\.text).joined()
        let lines = text.split(separator: "\n").map(String.init)
        for type in AccordAPI.allClasses {
            let start = try #require(lines.firstIndex(of: "---@class \(type.typeName)"), "\(type.typeName)")
            let fields = lines[(start + 1)...].prefix { $0.hasPrefix("---@field ") }
                .map { $0.dropFirst("---@field ".count).prefix { $0 != " " }.replacingOccurrences(of: "?", with: "") }
            #expect(fields == type.fieldNames + (type.elements == nil ? [] : ["[integer]"]), "\(type.typeName)")
            for field in type.fields {
                let (optional, fieldType) = LuaStubs.split(field.type)
                #expect(lines.contains("---@field \(field.name)\(optional ? "?" : "") \(fieldType) \(field.doc)"), "\(type.name).\(field.name)")
            }
            let local = type.typeName.dropFirst("accord.".count)
            for method in type.methods {
                #expect(text.contains("\nfunction \(local):\(method.name)(\(method.parameterList.map(\.name).joined(separator: ", "))) end\n"),
                        "\(type.name):\(method.name)")
            }
        }
        for module in AccordAPI.modules {
            #expect(lines.contains("\(module.name) = {}"))
            for f in module.functions {
                #expect(text.contains("\nfunction \(module.name).\(f.name)(\(f.parameterList.map(\.name).joined(separator: ", "))) end\n"))
            }
        }
        for e in AccordAPI.enums {
            let start = try #require(lines.firstIndex(of: "---@alias \(e.name)"), "\(e.name)")
            #expect(lines[(start + 1)...].prefix { $0.hasPrefix("---| ") } == e.values.map { "---| \"\($0)\"" }[...], "\(e.name)")
        }
    }

    @Test func optionalParametersAreMarked() {
        let text = LuaStubs.files().map(\.text).joined()
        #expect(text.contains("---@param filter? accord.Filter\n"))
        #expect(text.contains("---@param ... string\n"))
        #expect(text.contains("---@return boolean\n---@return string?\nfunction Partnership:mentions(...) end"))
    }

    @Test func writingReplacesOnlyItsOwnFiles() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "---@meta\n\(LuaStubs.marker)\n".write(to: folder.appendingPathComponent("old.lua"), atomically: true, encoding: .utf8)
        try "---@meta\n-- my own\n".write(to: folder.appendingPathComponent("mine.lua"), atomically: true, encoding: .utf8)
        try LuaStubs.write(to: folder)
        try LuaStubs.write(to: folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["accord.lua", "enums.lua", "mine.lua", "reports.lua", "rules.lua"])
        #expect(try String(contentsOf: folder.appendingPathComponent("accord.lua"), encoding: .utf8) == LuaStubs.files()[0].text)
    }

    @Test func theLibraryIsNamedRelativeToTheWorkspace() {
        let root = URL(fileURLWithPath: "/srv/partners")
        #expect(LuaStubs.libraryPath(of: root.appendingPathComponent(".accord/types"), workspace: root) == ".accord/types")
        #expect(LuaStubs.libraryPath(of: URL(fileURLWithPath: "/opt/types"), workspace: root) == "/opt/types")
        #expect(LuaStubs.libraryPath(of: URL(fileURLWithPath: "/srv/partners-old/types"), workspace: root) == "/srv/partners-old/types")
    }
}
