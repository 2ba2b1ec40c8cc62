import AccordTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Two teams share a pack through a git repository served by `git daemon` on
/// 127.0.0.1: the regulator-affairs team publishes, the BD team installs,
/// upgrades and works offline from its vendored copy.
@Suite(.serialized) struct PackSharingWorkflowTests {
    static func pack(_ version: String, word: String) -> String {
        """
        local R = accord.rules
        return R.pack {
          name = "regulators", version = "\(version)",
          description = "Deals with regulators and their academies",
          labels = { regulator = "Works with a regulator" },
          rules = {
            R.rule { id = "regulator", label = "regulator", status = "experimental", when = R.mentions "\(word)" },
          },
        }

        """
    }

    /// The regulator-affairs team's workspace, a git repository whose pushes go to `packs.git`.
    struct Publisher {
        let accord: AccordProcess
        var folder: URL { accord.folder.appendingPathComponent("ra") }

        init(_ accord: AccordProcess) throws {
            self.accord = accord
            try accord.run("init", "ra")
            try FileManager.default.createDirectory(at: accord.folder.appendingPathComponent("served"), withIntermediateDirectories: true)
            try PackSharingWorkflowTests.git(in: accord.folder, "init", "-q", "--bare", "-b", "main", "served/packs.git")
            try git("init", "-q", "-b", "main")
            try git("remote", "add", "origin", accord.folder.appendingPathComponent("served/packs.git").path)
        }

        func publish(_ version: String, word: String, force: Bool = false) throws {
            try accord.write(PackSharingWorkflowTests.pack(version, word: word), to: "ra/Scripts/rules/regulators/init.lua")
            try git("add", "-A")
            try git("-c", "user.email=ra@example.org", "-c", "user.name=RA", "commit", "-q", "-m", "regulators \(version)")
            if force {
                // What `accord rules pack --tag` refuses: the same version tagged again with other code.
                let refused = try accord.run(["rules", "pack", "regulators", "--tag"], in: "ra")
                #expect(refused.status == 65 && refused.stderr.contains("already publishes this version with other content"),
                        "\(refused.stderr)")
                try git("tag", "-f", "-a", "-m", "regulators \(version)", "Scripts/rules/regulators/v\(version)")
            } else {
                let packed = try accord.run(["rules", "pack", "regulators", "--tag"], in: "ra")
                #expect(packed.status == 0, "\(packed.stdout)\(packed.stderr)")
                #expect(packed.stdout.contains("tagged Scripts/rules/regulators/v\(version): push it"), "\(packed.stdout)")
            }
            try git(["push", "-q"] + (force ? ["--force"] : []) + ["origin", "main", "--tags"])
        }

        @discardableResult
        func git(_ arguments: String...) throws -> String { try git(arguments) }

        @discardableResult
        func git(_ arguments: [String]) throws -> String { try PackSharingWorkflowTests.git(in: folder, arguments) }
    }

    @discardableResult
    static func git(in folder: URL, _ arguments: String...) throws -> String { try git(in: folder, arguments) }

    @discardableResult
    static func git(in folder: URL, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = folder
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw LoopbackError("git \(arguments.joined(separator: " ")): \(text)") }
        return text
    }

    /// `git daemon` serving `folder` read-only on a free port of 127.0.0.1.
    final class GitDaemon {
        let port: Int
        private let process = Process()

        init(serving folder: URL) throws {
            port = try LoopbackServer.freePort()
            // git-daemon itself rather than `git daemon`, whose wrapper would outlive a stop.
            let execPath = try PackSharingWorkflowTests.git(in: folder, "--exec-path").trimmingCharacters(in: .whitespacesAndNewlines)
            process.executableURL = URL(fileURLWithPath: execPath).appendingPathComponent("git-daemon")
            process.arguments = ["--reuseaddr", "--export-all", "--informative-errors",
                                 "--base-path=\(folder.path)", "--listen=127.0.0.1", "--port=\(port)", folder.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                if (try? PackSharingWorkflowTests.git(in: folder, "ls-remote", url("packs.git"))) != nil { return }
                usleep(100_000)
            }
            stop()
            throw LoopbackError("git daemon did not start on port \(port)")
        }

        func url(_ repository: String) -> String { "git://127.0.0.1:\(port)/\(repository)" }

        func stop() {
            guard process.isRunning else { return }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }

        deinit { stop() }
    }

    @Test func oneTeamPublishesAnotherInstallsUpgradesAndWorksOffline() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        let ra = try Publisher(accord)
        try ra.publish("1.0.0", word: "academy")
        let daemon = try GitDaemon(serving: accord.folder.appendingPathComponent("served"))
        defer { daemon.stop() }

        try accord.initSample("bd")
        let added = try accord.run(["rules", "add", daemon.url("packs.git"), "--path", "Scripts/rules/regulators"], in: "bd")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("added regulators: { git: \"\(daemon.url("packs.git"))\", path: Scripts/rules/regulators, version: ^1.0.0 }")
                || added.stdout.contains("added regulators: { git: \(daemon.url("packs.git")), path: Scripts/rules/regulators, version: ^1.0.0 }"),
                "\(added.stdout)")
        let firstCommit = try ra.git("rev-parse", "Scripts/rules/regulators/v1.0.0^{commit}").trimmingCharacters(in: .newlines)
        var lock = try accord.read("bd/accord.lock")
        #expect(lock.contains("  regulators:\n    version: 1.0.0\n"))
        #expect(lock.contains("    git: \"\(daemon.url("packs.git"))\"\n") || lock.contains("    git: \(daemon.url("packs.git"))\n"))
        #expect(lock.contains("    commit: \(firstCommit)\n"))
        #expect(try accord.run("classify", "--save", in: "bd").status == 0)

        // The publisher releases 1.1.0: the BD team sees it, then takes it.
        try ra.publish("1.1.0", word: "training")
        let outdated = try accord.run("rules", "outdated", in: "bd")
        #expect(outdated.status == 1)
        #expect(outdated.stdout.contains("regulators  1.0.0   1.1.0    1.1.0"), "\(outdated.stdout)")
        let preview = try accord.run("rules", "update", "--dry-run", in: "bd")
        #expect(preview.status == 1, "\(preview.stderr)")
        #expect(preview.stdout.hasPrefix("would update: regulators 1.0.0 → 1.1.0\n"), "\(preview.stdout)")
        #expect(preview.stdout.contains("regulator (Works with a regulator): +"), "\(preview.stdout)")
        // The sample workspace's gold file scores both sets: a label it never judges only adds.
        #expect(preview.stdout.contains("\nScore against data/gold.csv:\n  before: micro-F1 "), "\(preview.stdout)")
        #expect(preview.stdout.contains("  + pfizer-rd-university  Pfizer R&D University training programme\n"
            + "      by regulators.regulator (changed): title mentions \"training\""), "\(preview.stdout)")
        #expect(try accord.read("bd/accord.lock") == lock)
        let updated = try accord.run("rules", "update", "regulators", in: "bd")
        #expect(updated.status == 0, "\(updated.stderr)")
        #expect(updated.stdout.contains("regulators 1.0.0 → 1.1.0"), "\(updated.stdout)")
        lock = try accord.read("bd/accord.lock")
        let secondCommit = try ra.git("rev-parse", "Scripts/rules/regulators/v1.1.0^{commit}").trimmingCharacters(in: .newlines)
        #expect(lock.contains("    version: 1.1.0\n") && lock.contains("    commit: \(secondCommit)\n"))
        #expect(try accord.read("bd/.accord/cache/.gitignore") == "*\n")
        #expect(try accord.run("rules", "outdated", in: "bd").status == 0)

        // A third team takes the same version as an archive the publisher wrote.
        let packed = try accord.run(["rules", "pack", "regulators", "--tag", "--out", "../shared"], in: "ra")
        #expect(packed.stdout.contains("tag Scripts/rules/regulators/v1.1.0 already publishes regulators 1.1.0"), "\(packed.stdout)")
        #expect(packed.status == 0, "\(packed.stdout)\(packed.stderr)")
        try accord.run("init", "ops")
        let fromArchive = try accord.run(["rules", "add", "../shared/regulators-1.1.0.tar.gz"], in: "ops")
        #expect(fromArchive.status == 0, "\(fromArchive.stderr)")
        #expect(fromArchive.stdout.contains("added regulators: { archive: ../shared/regulators-1.1.0.tar.gz }"), "\(fromArchive.stdout)")
        let opsLock = try accord.read("ops/accord.lock")
        #expect(opsLock.contains("    archive: ../shared/regulators-1.1.0.tar.gz\n    archive_digest: sha256:"), "\(opsLock)")
        #expect(try accord.run("rules", "check", in: "ops").status == 0)
        #expect(try accord.run("rules", "list", in: "ops").stdout.contains(".accord/packs/regulators/1.1.0/regulators"))

        // Another machine, with the workspace but no way to reach the repository.
        daemon.stop()
        let offline = accord.folder.appendingPathComponent("offline")
        try FileManager.default.copyItem(at: accord.folder.appendingPathComponent("bd"), to: offline)
        try? FileManager.default.removeItem(at: offline.appendingPathComponent(".accord/cache"))
        let frozen = try accord.run("rules", "install", "--frozen", in: "offline")
        #expect(frozen.status == 0, "\(frozen.stderr)")
        #expect(frozen.stdout.contains("accord.lock unchanged"))
        #expect(try accord.read("offline/accord.lock") == lock)
        #expect(try accord.run("classify", in: "offline").status == 0)
    }

    @Test func aVersionPublishedAgainIsRefusedWithBothDigests() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        let ra = try Publisher(accord)
        try ra.publish("1.0.0", word: "academy")
        try accord.run("init", "bd")
        let url = "file://" + accord.folder.appendingPathComponent("served/packs.git").path
        #expect(try accord.run(["rules", "add", url, "--path", "Scripts/rules/regulators"], in: "bd").status == 0)
        let lock = try accord.read("bd/accord.lock")

        try ra.publish("1.0.0", word: "inspection", force: true)
        try FileManager.default.removeItem(at: accord.folder.appendingPathComponent("bd/.accord/cache"))
        let vendored = accord.folder.appendingPathComponent("bd/.accord/packs")
        let chmod = Process()
        chmod.executableURL = URL(fileURLWithPath: "/bin/chmod")
        chmod.arguments = ["-R", "u+w", vendored.path]
        try chmod.run()
        chmod.waitUntilExit()
        try FileManager.default.removeItem(at: vendored)

        let refused = try accord.run("rules", "install", in: "bd")
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("has changed since it was locked"), "\(refused.stderr)")
        let lines = lock.split(separator: "\n")
        let entry = try #require(lines.firstIndex(of: "  regulators:"))
        let lockedDigest = try #require(lines[entry...].first { $0.hasPrefix("    digest: ") }?.split(separator: " ").last)
        #expect(refused.stderr.contains("content is sha256:") && refused.stderr.contains("\(lockedDigest) in accord.lock"))
        #expect(try accord.read("bd/accord.lock") == lock)
        #expect(try accord.run("classify", in: "bd").status != 0)
    }

    @Test func addAndRemoveEditOnlyTheirLineAndAFailedAddChangesNothing() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        let ra = try Publisher(accord)
        try ra.publish("2.0.0", word: "academy")
        try accord.run("init", "bd")
        let config = try accord.read("bd/accord.yaml").replacingOccurrences(of: "\n  standard: ^1.0\n",
                                                                            with: "\n  # our own choice\n  standard: ^1.0\n")
        try accord.write(config, to: "bd/accord.yaml")

        let missing = try accord.run(["rules", "add", "file://" + accord.folder.appendingPathComponent("nowhere.git").path], in: "bd")
        #expect(missing.status == 65, "\(missing.stderr)")
        #expect(try accord.read("bd/accord.yaml") == config)
        #expect(!FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent("bd/accord.lock").path))

        let url = "file://" + accord.folder.appendingPathComponent("served/packs.git").path
        #expect(try accord.run(["rules", "add", url, "--path", "Scripts/rules/regulators", "--version", "~2.0"], in: "bd").status == 0)
        #expect(try accord.read("bd/accord.yaml") == config.replacingOccurrences(
            of: "\n  standard: ^1.0\n", with: "\n  standard: ^1.0\n  regulators: { git: \"\(url)\", path: Scripts/rules/regulators, version: ~2.0 }\n")
            || accord.read("bd/accord.yaml") == config.replacingOccurrences(
            of: "\n  standard: ^1.0\n", with: "\n  standard: ^1.0\n  regulators: { git: \(url), path: Scripts/rules/regulators, version: ~2.0 }\n"))
        #expect(FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent("bd/.accord/packs/regulators/2.0.0").path))

        let removed = try accord.run("rules", "remove", "regulators", in: "bd")
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(try accord.read("bd/accord.yaml") == config)
        #expect(!(try accord.read("bd/accord.lock")).contains("regulators"))
        #expect(!FileManager.default.fileExists(atPath: accord.folder.appendingPathComponent("bd/.accord/packs/regulators").path))
    }
}
