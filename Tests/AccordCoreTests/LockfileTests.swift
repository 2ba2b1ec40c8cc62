import Foundation
import Testing
@testable import AccordCore

@Suite struct LockfileTests {
    let digestA = "sha256:" + String(repeating: "a1", count: 32)
    let digestB = "sha256:" + String(repeating: "0f", count: 32)

    func lockFile(_ text: String) throws -> RulesLock {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent(RulesLock.fileName).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return try RulesLock.load(from: path)
        }
    }

    @Test func writesPacksSortedByName() throws {
        let lock = RulesLock(entries: [
            .init(name: "standard", version: try SemanticVersion("1.2.0"), digest: digestA, path: "Scripts/rules/standard"),
            .init(name: "export", version: try SemanticVersion("0.3.1-beta.2"), digest: digestB, path: "/opt/accord/packs/export"),
        ])
        #expect(lock.yaml() == """
            # Rule packs locked by `accord rules lock` and `accord rules install`: each
            # pack's version, the digest of its Lua code and, for a fetched pack, where
            # it came from. A run fails when a pack no longer matches; lock or install
            # again after reviewing the change (`accord rules diff`). Do not edit by hand.
            packs:
              export:
                version: 0.3.1-beta.2
                digest: \(digestB)
                path: /opt/accord/packs/export
              standard:
                version: 1.2.0
                digest: \(digestA)
                path: Scripts/rules/standard

            """)
        #expect(RulesLock().yaml().hasSuffix("\npacks: {}\n"))
    }

    @Test func readsBackWhatItWrites() throws {
        let lock = RulesLock(entries: [
            .init(name: "z_last", version: try SemanticVersion("2.0.0+build.7"), digest: digestA, path: "packs/z"),
            .init(name: "Export-2", version: try SemanticVersion("0.0.1-rc.1"), digest: digestB,
                  path: "/srv/team packs/\"quoted\": #1/élan\\x"),
            .init(name: "true", version: try SemanticVersion("1.0.0"), digest: digestB, path: "- odd"),
        ])
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent(RulesLock.fileName).path
            try lock.write(to: path)
            let read = try RulesLock.load(from: path)
            #expect(read == lock)
            #expect(read.entries.map(\.name) == ["Export-2", "true", "z_last"])
            #expect(read["z_last"]?.version.description == "2.0.0+build.7")
            #expect(read["Export-2"]?.path == "/srv/team packs/\"quoted\": #1/élan\\x")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [RulesLock.fileName])
        }
        #expect(try lockFile(RulesLock().yaml()) == RulesLock())
    }

    @Test func recordsWhereAFetchedPackCameFrom() throws {
        let lock = RulesLock(entries: [
            .init(name: "team-export", version: SemanticVersion(0, 3, 1), digest: digestA,
                  path: ".accord/packs/team-export/0.3.1/team-export",
                  source: .git(url: "https://git.example.org/bd/packs.git", path: "team-export"),
                  tag: "team-export/v0.3.1", commit: String(repeating: "ab", count: 20)),
            .init(name: "regulators", version: SemanticVersion(2, 1, 0), digest: digestB,
                  path: ".accord/packs/regulators/2.1.0/regulators", source: .archive("../shared/regulators-2.1.0.tar.gz"),
                  archiveDigest: digestA),
            .init(name: "local", version: SemanticVersion(1, 0, 0), digest: digestB, path: ".accord/packs/local/1.0.0/local",
                  source: .folder("../packs/local")),
        ])
        let text = lock.yaml()
        #expect(text.contains("""
              team-export:
                version: 0.3.1
                digest: \(digestA)
                path: .accord/packs/team-export/0.3.1/team-export
                git: https://git.example.org/bd/packs.git
                git_path: team-export
                tag: team-export/v0.3.1
                commit: \(String(repeating: "ab", count: 20))

            """))
        #expect(try lockFile(text) == lock)
    }

    @Test func refusesAnEntryWithTwoSources() throws {
        let text = """
            packs:
              x:
                version: 1.0.0
                digest: \(digestA)
                path: p
                git: a.git
                folder: b

            """
        #expect { try lockFile(text) } throws: { "\($0)".contains("names more than one source (git, folder)") }
    }

    @Test func keepsOneEntryPerPack() throws {
        var lock = RulesLock()
        lock.record(.init(name: "b", version: SemanticVersion(1, 0, 0), digest: digestA, path: "b"))
        lock.record(.init(name: "a", version: SemanticVersion(1, 0, 0), digest: digestA, path: "a"))
        lock.record(.init(name: "b", version: SemanticVersion(1, 1, 0), digest: digestB, path: "b"))
        #expect(lock.entries.map(\.name) == ["a", "b"])
        #expect(lock["b"]?.version == SemanticVersion(1, 1, 0))
        #expect(lock["c"] == nil)
    }

    @Test func recordsPathsRelativeToTheWorkspaceWhenInside() {
        let root = URL(fileURLWithPath: "/work/team")
        #expect(RulesLock.path(of: URL(fileURLWithPath: "/work/team/Scripts/rules/standard"), in: root) == "Scripts/rules/standard")
        #expect(RulesLock.path(of: URL(fileURLWithPath: "/work/team/vendor/../packs/x/"), in: root) == "packs/x")
        #expect(RulesLock.path(of: URL(fileURLWithPath: "/work/team-shared/x"), in: root) == "/work/team-shared/x")
        #expect(RulesLock.path(of: URL(fileURLWithPath: "/opt/packs/x"), in: root) == "/opt/packs/x")
        #expect(RulesLock.path(of: root, in: root) == ".")

        let entry = RulesLock.Entry(name: "x", version: SemanticVersion(1, 0, 0), digest: digestA, path: "packs/x")
        #expect(entry.folder(in: root).path == "/work/team/packs/x")
        var absolute = entry
        absolute.path = "/opt/packs/x"
        #expect(absolute.folder(in: root).path == "/opt/packs/x")
    }

    @Test(arguments: [
        ("packs: [\n", "accord.lock: not valid YAML"),
        ("", "accord.lock: expected a mapping with 'packs'"),
        ("# nothing\nother: 1\n", "accord.lock:2: unknown key 'other'"),
        ("pakcs: {}\n", "accord.lock:1: unknown key 'pakcs' (did you mean 'packs'?)"),
        ("packs:\n  - standard\n", "accord.lock:2: 'packs' must be a mapping of pack names to version, digest and path"),
        ("packs:\n  standard: 1.0.0\n", "accord.lock:2: packs.standard: expected version, digest and path"),
        ("packs:\n  std pack:\n    version: 1.0.0\n", "accord.lock:2: packs: 'std pack' is not a pack name (letters, digits, '-' and '_')"),
        ("packs:\n  standard:\n    version: 1.0.0\n    path: x\n", "accord.lock:2: packs.standard: missing 'digest'"),
        ("packs:\n  standard:\n    version: 1.0.0\n    verison: 1.0.0\n", "accord.lock:4: packs.standard: unknown key 'verison' (did you mean 'version'?)"),
        ("packs:\n  standard:\n    version: 1.0\n    digest: D\n    path: x\n",
         "accord.lock:3: packs.standard.version: '1.0' is not a version: expected major.minor.patch, found '1.0'"),
        ("packs:\n  standard:\n    version: 1.0.0\n    digest: sha256:abc\n    path: x\n",
         "accord.lock:4: packs.standard.digest: 'sha256:abc' is not a content digest (sha256: and 64 lowercase hexadecimal digits)"),
        ("packs:\n  standard:\n    version: 1.0.0\n    digest: D\n    path: [a, b]\n", "accord.lock:5: packs.standard.path: must be a text value"),
        ("packs:\n  a:\n    version: 1.0.0\n  a:\n    version: 2.0.0\n", "accord.lock: not valid YAML"),
    ])
    func namesFileLineAndKeyOfProblems(_ example: (text: String, message: String)) throws {
        let text = example.text.replacingOccurrences(of: "digest: D", with: "digest: \(digestA)")
        let error = #expect(throws: ConfigError.self) { try lockFile(text) }
        #expect(error?.description.contains("/" + example.message) == true, "\(String(describing: error))")
    }

    @Test func missingFileIsReported() {
        let error = #expect(throws: ConfigError.self) { try RulesLock.load(from: "/nonexistent/accord.lock") }
        #expect(error?.description.hasPrefix("/nonexistent/accord.lock: cannot read") == true)
    }

    @Test func workspaceKeepsTheLockAtItsRoot() throws {
        try withTemporaryDirectory { folder in
            let workspace = try Workspace.create(at: folder, config: WorkspaceConfig())
            #expect(workspace.lockPath == workspace.root.appendingPathComponent("accord.lock").path)
        }
    }
}
