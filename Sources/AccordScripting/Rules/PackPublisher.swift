import AccordCore
import Foundation

/// Publishing a rule pack, as `accord rules pack` does: the pack's own checks and tests
/// first, then its archive (`PackArchive`), written once per version.
public struct PackPublisher {
    public let rulebook: Rulebook
    /// nil when luacheck is not installed: its checks are skipped.
    public let luacheck: Luacheck?

    public init(rulebook: Rulebook, luacheck: Luacheck? = Luacheck.find()) {
        self.rulebook = rulebook
        self.luacheck = luacheck
    }

    /// The installed pack called `name`: the first copy on the search path (the workspace's
    /// rules folder comes first). A pack that does not load is refused with its problems.
    public func pack(named name: String) throws(RuleProblems) -> Pack {
        if let pack = rulebook.installed.first(where: { $0.name == name }) { return pack }
        let failed = rulebook.loadProblems.filter { $0.position.contains("/\(name)/") || $0.description.contains("/\(name)/init.lua") }
        if !failed.isEmpty { throw RuleProblems(failed) }
        let names = rulebook.installed.map(\.name)
        throw RuleProblems([RuleProblem("", "no pack '\(name)' on the search path" + Suggestion.hint(for: name, in: names)
            + (names.isEmpty ? "" : "; installed: \(Set(names).sorted().joined(separator: ", "))"))])
    }

    /// What stops `pack` from being published, and what is only worth a look: the findings of
    /// `accord check` on its Lua (syntax, luacheck, unknown fields, loading, fixtures), the
    /// problems of its tests (files, untested stable rules) and the cases that fail. Leaves the
    /// pack's test set active.
    public func check(_ pack: Pack) throws -> PackCheck {
        var result = PackCheck()
        let lint = try Linter(workspace: rulebook.workspace, luacheck: luacheck).check([pack.folder])
        for finding in lint.findings {
            if finding.severity == .error { result.problems.append(finding.text) } else { result.warnings.append(finding.text) }
        }
        result.luacheckSkipped = luacheck == nil
        result.problems += lint.luacheckFailures.map { "luacheck failed on \($0)" }
        let run = rulebook.test([PackTestTarget(folder: pack.folder)])
        result.problems += run.problems.map(\.description)
        for report in run.reports {
            result.cases += report.results.count
            for failure in report.failures {
                result.problems.append("\(failure.fixture.position): case \(failure.fixture.partnership) fails: "
                    + failure.differences.joined(separator: "; "))
            }
        }
        var seen = Set<String>()
        result.problems = result.problems.filter { seen.insert($0).inserted }
        return result
    }

    /// Checks and tests `pack`, then writes `NAME-VERSION.tar.gz` into `folder` (created if
    /// missing). Refuses, changing nothing, when a check or a case fails, and when that version
    /// is already there with other content; the same bytes again are no change.
    public func publish(_ pack: Pack, to folder: URL) throws -> PackPublication {
        let checked = try check(pack)
        guard checked.problems.isEmpty else {
            throw RuleProblems(checked.problems.map { RuleProblem("", $0) }
                + [RuleProblem("", "pack \(pack.title) was not published: fix the problems above")])
        }
        let manifest = pack.manifest
        let fm = FileManager.default
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        let archive = folder.appendingPathComponent(manifest.archiveName)
        var publication = PackPublication(manifest: manifest, archive: archive, outcome: .written, check: checked)
        let temporary = folder.appendingPathComponent(".\(manifest.archiveName).\(UUID().uuidString).new")
        defer { try? fm.removeItem(at: temporary) }
        try PackArchive.write(folder: URL(fileURLWithPath: pack.folder), manifest: manifest, to: temporary)
        if fm.fileExists(atPath: archive.path) {
            if try Data(contentsOf: archive) == Data(contentsOf: temporary) {
                publication.outcome = .alreadyPublished
                return publication
            }
            let published = try? PackArchive.manifest(of: archive)
            let why = switch published?.digest {
            case nil: "it is not a pack archive Accord can read"
            case manifest.digest?: "its Lua code is the same (\(manifest.digest)) but other files differ"
            case let digest?: "\(digest) published, \(manifest.digest) now"
            }
            throw PackPublishRefused(description: "\(archive.path): \(pack.title) is already published with other content: \(why); "
                + "raise the pack's version to publish the change")
        }
        do { try fm.moveItem(at: temporary, to: archive) } catch {
            throw PackPublishRefused(description: "\(archive.path): cannot write: \(error.localizedDescription)")
        }
        return publication
    }
}

/// What the checks before publishing found.
public struct PackCheck: Sendable {
    /// What stops publishing: each a line naming file and line where known.
    public var problems: [String] = []
    /// Findings that do not stop it (a rule without a description).
    public var warnings: [String] = []
    /// The test cases run.
    public var cases = 0
    /// Whether luacheck was not there to run.
    public var luacheckSkipped = false
}

/// A published pack.
public struct PackPublication: Sendable {
    public enum Outcome: Sendable {
        /// The archive was written.
        case written
        /// The same archive, byte for byte, was already there.
        case alreadyPublished
    }

    public var manifest: PackManifest
    public var archive: URL
    public var outcome: Outcome
    public var check: PackCheck
}

/// Publishing refused: the version is already there with other content.
public struct PackPublishRefused: Error, CustomStringConvertible, Sendable {
    public let description: String
}
