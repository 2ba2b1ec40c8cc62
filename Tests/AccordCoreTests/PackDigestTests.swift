import Foundation
import Testing
@testable import AccordCore

@Suite struct PackDigestTests {
    /// Writes `files` (relative path → text) under `folder`.
    func write(_ files: [String: String], in folder: URL) throws {
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    let pack = [
        "init.lua": "return { name = 'standard', version = '1.0.0' }\n",
        "helpers/text.lua": "return {}\n",
        "helpers/tests/fixtures.lua": "return 1\n",
        "README.md": "# Standard\n",
        "tests/export.yaml": "- id: x\n",
        "tests/support.lua": "return 2\n",
        "notes.txt": "draft\n",
        ".scratch.lua": "x = 1\n",
        ".cache/old.lua": "x = 2\n",
    ]

    @Test func coversTheLuaCodeOutsideTheTopTestsFolder() throws {
        try withTemporaryDirectory { folder in
            try write(pack, in: folder)
            #expect(try PackDigest.files(in: folder) == ["helpers/tests/fixtures.lua", "helpers/text.lua", "init.lua"])
        }
    }

    @Test func hashesPathLengthAndBytesOfEachFile() throws {
        try withTemporaryDirectory { folder in
            try write(["init.lua": "return 1\n", "lib/a.lua": "", "a.lua": "é"], in: folder)
            var input: [UInt8] = []
            for (path, text) in [("a.lua", "é"), ("init.lua", "return 1\n"), ("lib/a.lua", "")] {
                input += Array(path.utf8) + [0] + Array(String(text.utf8.count).utf8) + [0] + Array(text.utf8)
            }
            let digest = try PackDigest.of(folder: folder)
            #expect(digest == ContentDigest.sha256(input))
            #expect(PackDigest.isWellFormed(digest))
        }
    }

    @Test func sortsPathsByTheirBytes() throws {
        try withTemporaryDirectory { folder in
            try write(["a.lua": "", "a/b.lua": "", "B.lua": "", "a-b.lua": ""], in: folder)
            #expect(try PackDigest.files(in: folder) == ["B.lua", "a-b.lua", "a.lua", "a/b.lua"])
        }
    }

    @Test func changesWithTheCodeOnly() throws {
        try withTemporaryDirectory { folder in
            try write(pack, in: folder)
            let original = try PackDigest.of(folder: folder)
            #expect(try PackDigest.of(folder: folder) == original)

            let copy = folder.appendingPathComponent("elsewhere/standard")
            try write(pack, in: copy)
            #expect(try PackDigest.of(folder: copy) == original, "the location does not count")

            func unchanged(_ change: String, _ edit: () throws -> Void) throws {
                try edit()
                #expect(try PackDigest.of(folder: copy) == original, "\(change)")
            }
            func changed(_ change: String, _ edit: () throws -> Void) throws {
                try edit()
                let now = try PackDigest.of(folder: copy)
                #expect(now != original, "\(change)")
                try FileManager.default.removeItem(at: copy)
                try write(pack, in: copy)
            }
            let fm = FileManager.default
            try unchanged("README edited") { try write(["README.md": "# Changed\n"], in: copy) }
            try unchanged("fixture edited") { try write(["tests/export.yaml": "[]\n"], in: copy) }
            try unchanged("test helper edited") { try write(["tests/support.lua": "return 3\n"], in: copy) }
            try unchanged("text file added") { try write(["more.txt": "x\n"], in: copy) }
            try unchanged("hidden file added") { try write([".backup.lua": "x\n"], in: copy) }

            try changed("init.lua edited") { try write(["init.lua": "return {}\n"], in: copy) }
            try changed("module added") { try write(["extra.lua": ""], in: copy) }
            try changed("nested tests edited") { try write(["helpers/tests/fixtures.lua": "return 9\n"], in: copy) }
            try changed("module renamed") {
                try fm.moveItem(at: copy.appendingPathComponent("helpers/text.lua"), to: copy.appendingPathComponent("helpers/strings.lua"))
            }
            try changed("module moved") {
                try fm.moveItem(at: copy.appendingPathComponent("helpers/text.lua"), to: copy.appendingPathComponent("text.lua"))
            }
            try changed("module emptied") { try write(["helpers/text.lua": ""], in: copy) }
        }
    }

    @Test func followsSymbolicLinks() throws {
        try withTemporaryDirectory { folder in
            let fm = FileManager.default
            let plain = folder.appendingPathComponent("plain"), linked = folder.appendingPathComponent("linked")
            try write(["init.lua": "return 1\n", "lib/util.lua": "return 2\n"], in: plain)
            try write(["shared/util.lua": "return 2\n", "linked/init.lua": "return 1\n"], in: folder)
            try fm.createSymbolicLink(atPath: linked.appendingPathComponent("lib").path,
                                      withDestinationPath: folder.appendingPathComponent("shared").path)
            #expect(try PackDigest.of(folder: linked) == PackDigest.of(folder: plain))

            try fm.removeItem(at: linked.appendingPathComponent("lib"))
            try fm.createDirectory(at: linked.appendingPathComponent("lib"), withIntermediateDirectories: true)
            try fm.createSymbolicLink(atPath: linked.appendingPathComponent("lib/util.lua").path,
                                      withDestinationPath: "../../shared/util.lua")
            #expect(try PackDigest.of(folder: linked) == PackDigest.of(folder: plain))
        }
    }

    @Test func refusesLoopsBrokenLinksAndMissingFolders() throws {
        try withTemporaryDirectory { folder in
            let fm = FileManager.default
            try write(["init.lua": ""], in: folder.appendingPathComponent("pack"))
            let loop = folder.appendingPathComponent("pack/lib/again")
            try fm.createDirectory(at: loop.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.createSymbolicLink(atPath: loop.path, withDestinationPath: "..")
            let looped = #expect(throws: PackError.self) { try PackDigest.of(folder: folder.appendingPathComponent("pack")) }
            #expect(looped?.description.hasSuffix("pack/lib/again: symbolic link to a folder above it") == true, "\(String(describing: looped))")
            try fm.removeItem(at: loop)

            try fm.createSymbolicLink(atPath: folder.appendingPathComponent("pack/gone.lua").path, withDestinationPath: "nowhere.lua")
            let broken = #expect(throws: PackError.self) { try PackDigest.of(folder: folder.appendingPathComponent("pack")) }
            #expect(broken?.description.hasSuffix("pack/gone.lua: broken symbolic link") == true)

            let missing = #expect(throws: PackError.self) { try PackDigest.of(folder: folder.appendingPathComponent("nope")) }
            #expect(missing?.description == folder.appendingPathComponent("nope").path + ": no pack folder here")
        }
    }

    @Test func recognisesWellFormedDigests() {
        #expect(PackDigest.isWellFormed("sha256:" + String(repeating: "0a", count: 32)))
        #expect(!PackDigest.isWellFormed("sha256:" + String(repeating: "0A", count: 32)))
        #expect(!PackDigest.isWellFormed("sha256:" + String(repeating: "0", count: 63)))
        #expect(!PackDigest.isWellFormed("md5:" + String(repeating: "0", count: 64)))
    }
}
