import AccordCore
import AccordScripting
import AccordSharing
import Foundation
import Testing

@Suite struct PackInstallerTests {
    @Test func installVendorsTheNewestVersionTheRangeAllowsAndLocksItsCommit() throws {
        let folder = try SharingFolder()
        let repository = try folder.repository("packs")
        for version in ["0.3.0", "0.3.1", "0.4.0"] { try repository.publish("team-export", version) }
        let bd = try folder.workspace(packs: """
              standard: ^1.0
              team-export: { git: "\(repository.url)", path: team-export, version: "~0.3" }

            """)
        let changes = try bd.install()
        #expect(changes.contains(.added("team-export", SemanticVersion(0, 3, 1))))
        let entry = try #require(try bd.lock()["team-export"])
        #expect(entry.version == SemanticVersion(0, 3, 1))
        #expect(entry.source == .git(url: repository.url, path: "team-export"))
        #expect(entry.tag == "team-export/v0.3.1")
        #expect(entry.commit == (try repository.git("rev-parse", "team-export/v0.3.1^{commit}")).trimmingCharacters(in: .newlines))
        #expect(entry.path == ".accord/packs/team-export/0.3.1/team-export")
        let vendored = bd.root.appendingPathComponent(entry.path)
        #expect(try PackDigest.of(folder: vendored) == entry.digest)
        #expect(!FileManager.default.isWritableFile(atPath: vendored.appendingPathComponent("init.lua").path) || getuid() == 0)
        #expect(try bd.applied() == ["standard": "1.1.0", "team-export": "0.3.1"])
    }

    @Test func aSecondInstallKeepsTheLockedVersionAndNeedsNoSource() throws {
        let folder = try SharingFolder()
        let repository = try folder.repository("packs")
        try repository.publish("team-export", "0.3.0")
        let bd = try folder.workspace(packs: "  team-export: { git: \"\(repository.url)\", path: team-export, version: ^0.3 }\n")
        try bd.install()
        try repository.publish("team-export", "0.3.5")
        let lockText = try String(contentsOfFile: try bd.workspace().lockPath, encoding: .utf8)

        #expect(try bd.install().isEmpty)
        try FileManager.default.moveItem(at: repository.folder, to: folder.url.appendingPathComponent("gone"))
        try FileManager.default.removeItem(at: bd.root.appendingPathComponent(".accord/cache"))
        #expect(try bd.install(.frozen).isEmpty)
        #expect(try String(contentsOfFile: try bd.workspace().lockPath, encoding: .utf8) == lockText)
        #expect(try bd.applied() == ["team-export": "0.3.0"])
    }

    @Test func updateMovesWithinTheRangeAndOutdatedSaysSo() throws {
        let folder = try SharingFolder()
        let repository = try folder.repository("packs")
        try repository.publish("team-export", "0.3.0")
        let bd = try folder.workspace(packs: "  team-export: { git: \"\(repository.url)\", path: team-export, version: ~0.3 }\n")
        try bd.install()
        try repository.publish("team-export", "0.3.2")
        try repository.publish("team-export", "0.4.0")

        let rows = try bd.installer().outdated()
        #expect(rows.map { [$0.name, "\($0.locked!)", "\($0.newestAllowed!)", "\($0.newest!)", $0.range.description] }
                == [["team-export", "0.3.0", "0.3.2", "0.4.0", "~0.3"]])
        #expect(rows[0].isOutdated)

        #expect(try bd.install(.update([])) == [.changed("team-export", from: SemanticVersion(0, 3, 0), to: SemanticVersion(0, 3, 2))])
        #expect(try bd.lock()["team-export"]?.tag == "team-export/v0.3.2")
        let vendored = try FileManager.default.contentsOfDirectory(atPath: bd.root.appendingPathComponent(".accord/packs/team-export").path)
        #expect(vendored == ["0.3.2"])
        #expect(try bd.applied() == ["team-export": "0.3.2"])
    }

    @Test func backtrackingSolvesAConflictBetweenThreePacks() throws {
        // a 1.1.0 needs c ^2, but b needs c ^1: only a 1.0.0 (which takes c ^1) fits beside b.
        let folder = try SharingFolder()
        let repository = try folder.repository("packs")
        try repository.publish("c", "1.0.0")
        try repository.publish("c", "1.4.0")
        try repository.publish("c", "2.0.0")
        try repository.publish("a", "1.0.0", requires: ["c": "^1.0"])
        try repository.publish("a", "1.1.0", requires: ["c": "^2.0"])
        try repository.publish("b", "1.0.0", requires: ["c": "^1.2"])
        let url = repository.url
        let bd = try folder.workspace(packs: """
              a: { git: "\(url)", path: a, version: ^1.0 }
              b: { git: "\(url)", path: b, version: ^1.0 }
              c: { git: "\(url)", path: c }

            """)
        try bd.install()
        #expect(try bd.lock().entries.map { "\($0.name) \($0.version)" } == ["a 1.0.0", "b 1.0.0", "c 1.4.0"])
        #expect(try bd.applied() == ["a": "1.0.0", "b": "1.0.0", "c": "1.4.0"])
    }

    @Test func aVersionPublishedAgainWithOtherContentIsRefusedNamingBothDigests() throws {
        let folder = try SharingFolder()
        let repository = try folder.repository("packs")
        try repository.publish("team-export", "1.1.0")
        let bd = try folder.workspace(packs: "  team-export: { git: \"\(repository.url)\", path: team-export, version: ^1.1 }\n")
        try bd.install()
        let locked = try #require(try bd.lock()["team-export"])
        try repository.publish("team-export", "1.1.0", word: "licence")
        try runTool("chmod", ["-R", "u+w", bd.root.appendingPathComponent(".accord").path])
        try FileManager.default.removeItem(at: bd.root.appendingPathComponent(".accord/packs"))

        let error = #expect(throws: SharingError.self) { try bd.install() }
        let message = error?.description ?? ""
        #expect(message.contains("has changed since it was locked"), "\(message)")
        #expect(message.contains(locked.digest))
        #expect(message.contains(locked.commit ?? "?"))
        #expect(try bd.lock() == RulesLock(entries: [locked]))
        #expect(!FileManager.default.fileExists(atPath: bd.root.appendingPathComponent(".accord/packs").path))
    }

    @Test func aVendoredCopyThatWasEditedIsRefusedByInstallAndByClassify() throws {
        let folder = try SharingFolder()
        let repository = try folder.repository("packs")
        try repository.publish("team-export", "1.0.0")
        let bd = try folder.workspace(packs: "  team-export: { git: \"\(repository.url)\", path: team-export }\n")
        try bd.install()
        let file = bd.root.appendingPathComponent(".accord/packs/team-export/1.0.0/team-export/init.lua")
        try runTool("chmod", ["u+w", file.path])
        try (try String(contentsOf: file, encoding: .utf8) + "-- edited\n").write(to: file, atomically: false, encoding: .utf8)

        #expect { try bd.install() } throws: { "\($0)".contains("does not match accord.lock") }
        #expect { try bd.applied() } throws: { "\($0)".contains("changed since it was locked") }
    }

    @Test func frozenRefusesALockThatDoesNotCoverAccordYaml() throws {
        let folder = try SharingFolder()
        let repository = try folder.repository("packs")
        try repository.publish("team-export", "1.0.0")
        try repository.publish("regulators", "2.0.0")
        let bd = try folder.workspace(packs: "  team-export: { git: \"\(repository.url)\", path: team-export }\n")
        #expect { try bd.install(.frozen) } throws: { "\($0)".contains("--frozen needs an accord.lock") }
        try bd.install()
        try bd.setPacks("""
              team-export: { git: "\(repository.url)", path: team-export }
              regulators: { git: "\(repository.url)", path: regulators }

            """)
        #expect { try bd.install(.frozen) } throws: { "\($0)".contains("pack regulators") && "\($0)".contains("without --frozen") }
        try bd.install()
        #expect(try bd.applied() == ["regulators": "2.0.0", "team-export": "1.0.0"])
    }

    @Test func aPackFromASourceIsNotInstalledUntilTheInstallRuns() throws {
        let folder = try SharingFolder()
        let repository = try folder.repository("packs")
        try repository.publish("team-export", "1.0.0")
        let bd = try folder.workspace(packs: "  team-export: { git: \"\(repository.url)\", path: team-export }\n")
        #expect { try bd.applied() } throws: { "\($0)".contains("comes from git \(repository.url) (team-export) and is not installed: run `accord rules install`") }
    }

    @Test func aSymbolicLinkInThePacksTreeIsRefused() throws {
        let folder = try SharingFolder()
        let repository = try folder.repository("packs")
        try FileManager.default.createDirectory(at: repository.folder.appendingPathComponent("team-export"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: repository.folder.appendingPathComponent("team-export/secrets.lua").path,
                                                   withDestinationPath: "/etc/passwd")
        try repository.publish("team-export", "1.0.0")
        let bd = try folder.workspace(packs: "  team-export: { git: \"\(repository.url)\", path: team-export }\n")
        #expect { try bd.install() } throws: { "\($0)".contains("'secrets.lua' is a symbolic link") }
        #expect(!FileManager.default.fileExists(atPath: try bd.workspace().lockPath))
    }

    @Test func aFolderSourceIsCopiedIn() throws {
        let folder = try SharingFolder()
        let shared = folder.url.appendingPathComponent("shared/regulators")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        try PackRepository.pack("regulators", "2.1.0").write(to: shared.appendingPathComponent("init.lua"), atomically: true, encoding: .utf8)
        let bd = try folder.workspace(packs: "  regulators: { folder: ../shared/regulators, version: ^2 }\n")
        try bd.install()
        #expect(try bd.lock()["regulators"]?.source == .folder("../shared/regulators"))
        #expect(try bd.applied() == ["regulators": "2.1.0"])
    }

    @Test func anArchiveIsUnpackedCheckedAndItsDigestLocked() throws {
        let folder = try SharingFolder()
        let pack = folder.url.appendingPathComponent("publisher/regulators")
        try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
        try PackRepository.pack("regulators", "2.1.0").write(to: pack.appendingPathComponent("init.lua"), atomically: true, encoding: .utf8)
        let archive = folder.url.appendingPathComponent("shared/regulators-2.1.0.tar.gz")
        try FileManager.default.createDirectory(at: archive.deletingLastPathComponent(), withIntermediateDirectories: true)
        func publish() throws {
            let manifest = PackManifest(name: "regulators", version: SemanticVersion(2, 1, 0), digest: try PackDigest.of(folder: pack))
            try? FileManager.default.removeItem(at: archive)
            try PackArchive.write(folder: pack, manifest: manifest, to: archive)
        }
        try publish()
        let bd = try folder.workspace(packs: "  regulators: { archive: ../shared/regulators-2.1.0.tar.gz }\n")
        try bd.install()
        let entry = try #require(try bd.lock()["regulators"])
        #expect(entry.archiveDigest == ContentDigest.sha256(try Data(contentsOf: archive)))
        #expect(try bd.applied() == ["regulators": "2.1.0"])

        try PackRepository.pack("regulators", "2.1.0", word: "training").write(to: pack.appendingPathComponent("init.lua"), atomically: true, encoding: .utf8)
        try publish()
        try runTool("chmod", ["-R", "u+w", bd.root.appendingPathComponent(".accord").path])
        try FileManager.default.removeItem(at: bd.root.appendingPathComponent(".accord/packs"))
        #expect { try bd.install() } throws: { error in
            let text = "\(error)"
            return text.contains(entry.digest) && text.contains(entry.archiveDigest!) && text.contains("has changed since it was locked")
        }
    }

    @Test func aPackThatTriesToWriteWhenItLoadsIsStoppedBySandboxAndNotInstalled() throws {
        let folder = try SharingFolder()
        let repository = try folder.repository("packs")
        let escape = folder.url.appendingPathComponent("escaped.txt")
        try repository.publish("team-export", "1.0.0", extra: "x\nlocal f = io.open(\"\(escape.path)\", \"w\")\nf:write(\"x\")")
        let bd = try folder.workspace(packs: "  team-export: { git: \"\(repository.url)\", path: team-export }\n")
        #expect { try bd.install() } throws: { error in
            let text = "\(error)"
            return text.contains("team-export/init.lua:3:") && text.contains("'io'")
                && text.contains("no version of team-export * from git \(repository.url) (team-export) loads; nothing was installed")
        }
        #expect(!FileManager.default.fileExists(atPath: escape.path))
        #expect(!FileManager.default.fileExists(atPath: try bd.workspace().lockPath))
        #expect(!FileManager.default.fileExists(atPath: bd.root.appendingPathComponent(".accord/packs").path))
    }

    @Test func anArchiveIsDownloadedOverHTTP() throws {
        let folder = try SharingFolder()
        let pack = folder.url.appendingPathComponent("publisher/regulators")
        try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
        try PackRepository.pack("regulators", "2.1.0").write(to: pack.appendingPathComponent("init.lua"), atomically: true, encoding: .utf8)
        let shared = folder.url.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        let manifest = PackManifest(name: "regulators", version: SemanticVersion(2, 1, 0), digest: try PackDigest.of(folder: pack))
        try PackArchive.write(folder: pack, manifest: manifest, to: shared.appendingPathComponent("regulators-2.1.0.tar.gz"))
        let server = try HTTPFolderServer(serving: shared)

        let bd = try folder.workspace(packs: "  regulators: { archive: \"\(server.url("regulators-2.1.0.tar.gz"))\" }\n")
        try bd.install()
        #expect(try bd.lock()["regulators"]?.source == .archive(server.url("regulators-2.1.0.tar.gz")))
        #expect(try bd.applied() == ["regulators": "2.1.0"])

        let missing = try folder.workspace("other", packs: "  regulators: { archive: \"\(server.url("nothing-1.0.0.tar.gz"))\" }\n")
        #expect { try missing.install() } throws: { "\($0)".contains("cannot download \(server.url("nothing-1.0.0.tar.gz"))") }
    }

    @Test func aGitAddressThatRunsACommandIsRefused() throws {
        let folder = try SharingFolder()
        let owned = folder.url.appendingPathComponent("owned")
        let bd = try folder.workspace(packs: "  x: { git: \"ext::sh -c touch% \(owned.path)\" }\n")
        #expect { try bd.install() } throws: { "\($0)".contains("transport 'ext' not allowed") }
        #expect(!FileManager.default.fileExists(atPath: owned.path))
    }

    @Test func aGitTreeBeyondAnArchivesLimitsIsRefused() throws {
        let folder = try SharingFolder()
        let repository = try folder.repository("packs")
        let big = repository.folder.appendingPathComponent("team-export/data.bin")
        try FileManager.default.createDirectory(at: big.deletingLastPathComponent(), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: big.path, contents: nil)
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: PackArchive.maximumSize + 1)
        try handle.close()
        try repository.publish("team-export", "1.0.0")
        let bd = try folder.workspace(packs: "  team-export: { git: \"\(repository.url)\", path: team-export }\n")
        #expect { try bd.install() } throws: { "\($0)".contains("more than 20000 files or 256 MB; refusing it") }
        #expect(!FileManager.default.fileExists(atPath: bd.root.appendingPathComponent(".accord/packs").path))
    }

    @Test func aLockEditedByHandIsRefusedWhenRead() throws {
        let folder = try SharingFolder()
        let repository = try folder.repository("packs")
        try repository.publish("team-export", "1.1.0")
        let bd = try folder.workspace(packs: "  team-export: { git: \"\(repository.url)\", path: team-export }\n")
        try bd.install()
        let path = try bd.workspace().lockPath
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let commit = try #require(try bd.lock()["team-export"]?.commit)
        for (from, to, message) in [
            (commit, "not-a-commit", "is not a git commit"),
            ("tag: team-export/v1.1.0", "tag: team-export/v1.0.0", "is not a tag of version 1.1.0"),
            ("path: .accord/packs/team-export/1.1.0/team-export", "path: ../../etc", "a fetched pack is kept in .accord/packs/team-export/1.1.0/team-export"),
        ] {
            try text.replacingOccurrences(of: from, with: to).write(toFile: path, atomically: true, encoding: .utf8)
            #expect { try bd.install(.frozen) } throws: { "\($0)".contains(message) }
            #expect { try bd.applied() } throws: { _ in true }
        }
    }

    @Test func anArchiveRewrittenWithTheSameCodeIsStillRefused() throws {
        let folder = try SharingFolder()
        let pack = folder.url.appendingPathComponent("publisher/regulators")
        try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
        try PackRepository.pack("regulators", "2.1.0").write(to: pack.appendingPathComponent("init.lua"), atomically: true, encoding: .utf8)
        let archive = folder.url.appendingPathComponent("regulators-2.1.0.tar.gz")
        func publish() throws {
            let manifest = PackManifest(name: "regulators", version: SemanticVersion(2, 1, 0), digest: try PackDigest.of(folder: pack))
            try? FileManager.default.removeItem(at: archive)
            try PackArchive.write(folder: pack, manifest: manifest, to: archive)
        }
        try publish()
        let bd = try folder.workspace(packs: "  regulators: { archive: ../regulators-2.1.0.tar.gz }\n")
        try bd.install()
        try "Now with notes.".write(to: pack.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        try publish()
        #expect { try bd.install(.update([])) } throws: { "\($0)".contains("the archive is sha256:") && "\($0)".contains("its Lua code") }
    }
}
