import Foundation
import Testing
@testable import AccordCore

/// Published pack archives: the manifest, reproducible archives, and unpacking that trusts nothing.
@Suite struct PackArchiveTests {
    static let initLua = """
        local R = accord.rules
        return R.pack { name = "team", version = "1.2.0", labels = { x = "X" }, rules = {} }

        """

    /// A pack folder `team` in `root`, with a helper module, tests, a README and a hidden file.
    static func makePack(in root: URL) throws -> URL {
        let pack = root.appendingPathComponent("team")
        for (path, text) in [("init.lua", initLua), ("words.lua", "return { \"export\" }\n"), ("README.md", "# Team\n"),
                             ("tests/cases.yaml", "cases: []\n"), (".notes", "private\n")] {
            let url = pack.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return pack
    }

    static func manifest(of pack: URL) throws -> PackManifest {
        PackManifest(name: "team", version: SemanticVersion(1, 2, 0), description: "Export purposes: the team's reading",
                     requires: [PackRequirement(name: "standard", range: try VersionRange("^1.0"))],
                     digest: try PackDigest.of(folder: pack), accord: try VersionRange(">=0.9"), license: "MIT",
                     authors: ["Export team <export@example.com>", "Jane Doe"])
    }

    @Test func aManifestReadsBackAsItWasWritten() throws {
        try withTemporaryDirectory { root in
            let manifest = try Self.manifest(of: try Self.makePack(in: root))
            let file = root.appendingPathComponent(PackManifest.fileName)
            try manifest.write(to: file)
            #expect(try PackManifest.read(from: file) == manifest)
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.contains("\nname: team\nversion: 1.2.0\ndescription: \"Export purposes: the team's reading\"\ndigest: "), "\(text)")
            #expect(text.hasSuffix("accord: \">=0.9\"\nlicense: MIT\nauthors:\n  - \"Export team <export@example.com>\"\n  - \"Jane Doe\"\n"
                + "requires:\n  standard: ^1.0\n"), "\(text)")
            let bare = PackManifest(name: "p", version: SemanticVersion(0, 1, 0), digest: manifest.digest)
            #expect(try PackManifest.parse(bare.yaml(), file: "m.yaml") == bare)
        }
    }

    @Test(arguments: [
        ("name: team\nversion: 1.0.0\ndigets: sha256:00\n", "m.yaml:3: unknown key 'digets' (did you mean 'digest'?)"),
        ("name: team\nversion: 1.0.0\n", "m.yaml:1: missing 'digest'"),
        ("name: team\nversion: 1.0\ndigest: sha256:\(String(repeating: "0", count: 64))\n",
         "m.yaml:2: version: '1.0' is not a version: expected major.minor.patch, found '1.0'"),
        ("name: team\nversion: 1.0.0\ndigest: md5:00\n",
         "m.yaml:3: digest: 'md5:00' is not a content digest (sha256: and 64 lowercase hexadecimal digits)"),
        ("name: ../x\nversion: 1.0.0\ndigest: md5:00\n", "m.yaml:1: name: '../x' is not a pack name (letters, digits, '-' and '_')"),
        ("name: team\nversion: 1.0.0\ndigest: sha256:\(String(repeating: "0", count: 64))\nrequires:\n  base: \"^^1\"\n",
         "m.yaml:5: requires.base: "),
        ("name: team\nversion: 1.0.0\ndigest: sha256:\(String(repeating: "0", count: 64))\nauthors: Jane\n",
         "m.yaml:4: authors: must be a list of names"),
        ("- a list\n", "m.yaml:1: expected a mapping with name, version and digest"),
    ])
    func aBadManifestNamesFileLineAndKey(text: String, message: String) throws {
        let error = try #require(throws: ConfigError.self) { try PackManifest.parse(text, file: "m.yaml") }
        #expect(error.description.hasPrefix(message), "\(error.description)")
    }

    @Test func theSamePackAlwaysGivesTheSameBytes() throws {
        try withTemporaryDirectory { root in
            let pack = try Self.makePack(in: root)
            let manifest = try Self.manifest(of: pack)
            let first = root.appendingPathComponent("a/team-1.2.0.tar.gz")
            try FileManager.default.createDirectory(at: first.deletingLastPathComponent(), withIntermediateDirectories: true)
            try PackArchive.write(folder: pack, manifest: manifest, to: first)
            // Other times, other permissions, files written in another order: the same archive.
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000), .posixPermissions: 0o600],
                                                  ofItemAtPath: pack.appendingPathComponent("words.lua").path)
            let readme = pack.appendingPathComponent("README.md")
            let text = try Data(contentsOf: readme)
            try FileManager.default.removeItem(at: readme)
            try text.write(to: readme)
            let second = root.appendingPathComponent("team-1.2.0.tar.gz")
            try PackArchive.write(folder: pack, manifest: manifest, to: second)
            #expect(try Data(contentsOf: first) == Data(contentsOf: second))
            #expect(try PackArchive.files(in: pack) == ["README.md", "init.lua", "tests/cases.yaml", "words.lua"])
            #expect(try PackArchive.manifest(of: second) == manifest)

            try "-- changed\n".write(to: pack.appendingPathComponent("words.lua"), atomically: true, encoding: .utf8)
            try PackArchive.write(folder: pack, manifest: manifest, to: second)
            #expect(try Data(contentsOf: first) != Data(contentsOf: second))
        }
    }

    @Test func anArchiveUnpacksIntoAFolderOfPacks() throws {
        try withTemporaryDirectory { root in
            let pack = try Self.makePack(in: root.appendingPathComponent("source"))
            let manifest = try Self.manifest(of: pack)
            let archive = root.appendingPathComponent("team-1.2.0.tar.gz")
            try PackArchive.write(folder: pack, manifest: manifest, to: archive)
            let destination = root.appendingPathComponent("installed/team-1.2.0")
            #expect(try PackArchive.unpack(archive, into: destination) == manifest)
            let unpacked = destination.appendingPathComponent("team")
            #expect(try PackDigest.of(folder: unpacked) == manifest.digest)
            #expect(try PackArchive.files(in: unpacked) == ["README.md", "init.lua", "tests/cases.yaml", "words.lua"])
            #expect(FileManager.default.fileExists(atPath: destination.appendingPathComponent(PackManifest.fileName).path))
            #expect(try FileManager.default.contentsOfDirectory(atPath: destination.deletingLastPathComponent().path) == ["team-1.2.0"],
                    "no private folder left behind")

            let again = try #require(throws: PackArchiveError.self) { try PackArchive.unpack(archive, into: destination) }
            #expect(again.message.contains("already exists: unpack into a new folder"))
        }
    }

    /// Writes a hostile archive of `kind` with `Fixtures/hostile_pack.py`.
    static func hostile(_ kind: String, at archive: URL) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/hostile_pack.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [ProcessInfo.processInfo.environment["ACCORD_TEST_PYTHON"] ?? "python3", script.path, kind, archive.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python could not write the \(kind) archive")
    }

    @Test(arguments: [
        ("dotdot", "entry 'team/../../evil.txt': a path with '..'"),
        ("absolute", "entry '/tmp/accord-hostile-absolute.txt': an absolute path"),
        ("symlink", "entry 'team/etc': a symbolic link"),
        ("hardlink", "entry 'team/passwd': a hard link"),
        ("device", "entry 'team/null': a device"),
        ("fifo", "entry 'team/pipe': a FIFO"),
        ("outside", "entry 'other/init.lua': outside accord-pack.yaml and the pack's folder team/"),
        ("no-manifest", "no accord-pack.yaml: not a pack archive"),
        ("malformed-manifest", "accord-pack.yaml:2: unknown key 'versoin' (did you mean 'version'?)"),
        ("lying-name", "accord-pack.yaml names pack 'other', but the archive holds 'team/'"),
        ("lying-version", "accord-pack.yaml says version 2.0.0, but team/init.lua declares 1.0.0"),
        ("lying-digest", "accord-pack.yaml says digest sha256:0000000000000000000000000000000000000000000000000000000000000000, "
            + "but the pack's Lua files give sha256:"),
    ])
    func aHostileArchiveIsRefusedAndWritesNothing(kind: String, message: String) throws {
        try withTemporaryDirectory { root in
            let archive = root.appendingPathComponent("in/team-1.0.0.tar.gz")
            try FileManager.default.createDirectory(at: archive.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Self.hostile(kind, at: archive)
            let destination = root.appendingPathComponent("a/b/team")
            let error = try #require(throws: PackArchiveError.self) { try PackArchive.unpack(archive, into: destination) }
            #expect(error.description.hasPrefix("\(archive.path): \(message)"), "\(error.description)")
            #expect(!FileManager.default.fileExists(atPath: destination.path))
            let parent = destination.deletingLastPathComponent()
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []).isEmpty, "nothing left in \(parent.path)")
            for escaped in [root.appendingPathComponent("evil.txt"), root.appendingPathComponent("a/evil.txt"),
                            URL(fileURLWithPath: "/tmp/accord-hostile-absolute.txt"), URL(fileURLWithPath: "/etc/accord-hostile.txt")] {
                #expect(!FileManager.default.fileExists(atPath: escaped.path), "\(escaped.path) was written")
            }
        }
    }

    @Test func theVersionInitLuaDeclaresIsFoundAsWritten() throws {
        try withTemporaryDirectory { root in
            let file = root.appendingPathComponent("init.lua")
            for (text, version) in [("return R.pack { name = \"a\", version = '2.1.0-rc.1' }", "2.1.0-rc.1"),
                                    ("local v = VERSION\nreturn R.pack { name = \"a\", version = v }", nil),
                                    ("-- my_version = \"9.9.9\"\nreturn R.pack{ version=\"1.0.0\" }", "1.0.0")] as [(String, String?)] {
                try text.write(to: file, atomically: true, encoding: .utf8)
                #expect(PackArchive.declaredVersion(in: file) == version, "\(text)")
            }
        }
    }
}
