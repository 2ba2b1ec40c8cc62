import AccordCore
import AccordScripting
import AccordTestSupport
import Foundation
import Testing

/// Comparing two rule sets on a workspace's partnerships, as `accord rules diff` does.
@Suite struct RuleSetDiffTests {
    static let bundledStandard = SampleWorkspace.bundled.appendingPathComponent("Packs/standard")

    /// The standard pack with one rule changed, one added and one removed, at 1.2.0.
    static func modifiedStandard() throws -> String {
        let source = try String(contentsOf: bundledStandard.appendingPathComponent("init.lua"), encoding: .utf8)
        var text = source
        func replace(_ old: String, _ new: String) throws {
            guard text.contains(old) else { throw CocoaError(.fileReadCorruptFile) }
            text = text.replacingOccurrences(of: old, with: new)
        }
        try replace("version = \"1.1.0\"", "version = \"1.2.0\"")
        // Changed: co-development, not a licence, makes licensing.
        try replace("when = form_is \"license\",", "when = form_is \"co_development\",")
        // Removed: the government counterpart rule.
        let start = try #require(text.range(of: "    rule {\n      id = \"policy-government-counterpart\""))
        let end = try #require(text.range(of: "    rule {", range: start.upperBound..<text.endIndex))
        text.removeSubrange(start.lowerBound..<end.lowerBound)
        // Added: every memorandum is networking.
        try replace("    rule {\n      id = \"networking-events\"", """
                rule {
                  id = "mou-networking", label = "networking", priority = 45,
                  description = "A memorandum of understanding",
                  when = form_is "mou",
                },
                rule {
                  id = "networking-events"
            """)
        return text
    }

    /// Copies the bundled standard pack to `folder/standard`, its init.lua replaced by `text` when given.
    static func copyStandard(to folder: String, text: String? = nil) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let target = (folder as NSString).appendingPathComponent("standard")
        try fm.copyItem(atPath: bundledStandard.path, toPath: target)
        if let text { try text.write(toFile: target + "/init.lua", atomically: true, encoding: .utf8) }
    }

    /// Each partnership's labels, classified with the workspace's packs as `classify` does.
    static func labels(_ sample: SampleWorkspace, period: Period? = nil) throws -> [String: Classification] {
        var filter = PartnershipFilter()
        filter.period = period
        var out: [String: Classification] = [:]
        try sample.classify(ClassifyRequest(filter: filter, save: false)) { out[$0.partnership] = $0 }
        return out
    }

    /// What the report should say, from two separate classifications: per label, the ids gained and lost.
    static func expected(before: [String: Classification], after: [String: Classification])
        -> (gained: [String: [String]], lost: [String: [String]], primary: [String: (String?, String?)], changed: Int) {
        var gained: [String: [String]] = [:], lost: [String: [String]] = [:], primary: [String: (String?, String?)] = [:]
        var changed = 0
        for id in before.keys.sorted() {
            let b = before[id]!, a = after[id]!
            let old = Set(b.labels), new = Set(a.labels)
            for label in new.subtracting(old) { gained[label, default: []].append(id) }
            for label in old.subtracting(new) { lost[label, default: []].append(id) }
            if b.primary != a.primary { primary[id] = (b.primary, a.primary) }
            if old != new || b.primary != a.primary { changed += 1 }
        }
        return (gained, lost, primary, changed)
    }

    /// Checks `report` id by id against two separate classifications.
    static func check(_ report: RuleSetDiff.Report, before: [String: Classification], after: [String: Classification]) {
        let want = expected(before: before, after: after)
        #expect(report.partnerships == before.count)
        #expect(report.changed == want.changed)
        #expect(report.hasChanges == (want.changed > 0))
        let labels = Set(want.gained.keys).union(want.lost.keys).sorted()
        #expect(report.labels.map(\.label) == labels)
        for change in report.labels {
            #expect(change.gained.map(\.id) == (want.gained[change.label] ?? []), "gained \(change.label)")
            #expect(change.lost.map(\.id) == (want.lost[change.label] ?? []), "lost \(change.label)")
            for gain in change.gained {
                let fired = after[gain.id]!.fired.filter { $0.label == change.label }
                #expect(gain.rules.map(\.rule) == fired.map(\.rule))
                #expect(gain.rules.map(\.evidence) == fired.map(\.evidence))
                #expect(gain.title == after[gain.id]!.title)
            }
            for loss in change.lost {
                let fired = before[loss.id]!.fired.filter { $0.label == change.label }
                #expect(loss.rules.map(\.rule) == fired.map(\.rule))
                #expect(loss.rules.map(\.evidence) == fired.map(\.evidence))
            }
        }
        #expect(report.primary.map(\.id) == want.primary.keys.sorted())
        for change in report.primary {
            #expect(change.before == want.primary[change.id]?.0 && change.after == want.primary[change.id]?.1, "\(change.id)")
        }
    }

    @Test(arguments: Backend.all)
    func aChangedAnAddedAndARemovedRuleShowAsTheLabelsTheyGainAndLoseIdById(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        let pristine = sample.folder.appendingPathComponent("pristine").path
        try Self.copyStandard(to: pristine)
        let before = try Self.labels(sample)
        try Self.copyStandard(to: sample.path("Scripts/rules"), text: try Self.modifiedStandard())
        let after = try Self.labels(sample)

        let report = try RuleSetDiff.compare(workspace: sample.workspace, store: sample.store,
                                             before: try .replacing(with: pristine, in: sample.workspace),
                                             after: .workspace(sample.workspace), threads: 2)
        Self.check(report, before: before, after: after)
        #expect(report.before.packs.map { "\($0.name) \($0.version)" } == ["standard 1.1.0"])
        #expect(report.after.packs.map { "\($0.name) \($0.version) \($0.folder)" } == ["standard 1.2.0 Scripts/rules/standard"])
        #expect(report.rules.map { "\($0.kind) \($0.id) \($0.fields)" } == [
            "changed standard.licensing-by-form [\"condition\"]",
            "added standard.mou-networking []",
            "removed standard.policy-government-counterpart []",
        ])

        // Each change names the rule responsible and what became of it.
        let labels = Dictionary(uniqueKeysWithValues: report.labels.map { ($0.label, $0) })
        let licensing = try #require(labels["licensing"])
        #expect(!licensing.gained.isEmpty && licensing.lost.isEmpty)
        for gain in licensing.gained {
            #expect(gain.rules.map(\.rule) == ["standard.licensing-by-form"])
            #expect(gain.rules.map(\.change) == [.changed])
            #expect(gain.rules.map(\.evidence) == ["form is co_development"])
        }
        let networking = try #require(labels["networking"])
        #expect(!networking.gained.isEmpty && networking.lost.isEmpty)
        #expect(networking.gained.allSatisfy { $0.rules.map(\.rule) == ["standard.mou-networking"] && $0.rules[0].change == .added })
        #expect(networking.gained.allSatisfy { $0.rules[0].evidence == "form is mou" })
        let policy = try #require(labels["policy"])
        #expect(!policy.lost.isEmpty)
        #expect(policy.lost.allSatisfy { $0.rules.contains { $0.rule == "standard.policy-government-counterpart" && $0.change == .removed } })
        #expect(!report.primary.isEmpty)

        // Several engines a side, or every condition in Lua, give the same report.
        for (threads, evaluation) in [(6, RuleEvaluation.compiled), (2, .interpreted)] {
            let again = try RuleSetDiff.compare(workspace: sample.workspace, store: sample.store,
                                                before: try .replacing(with: pristine, in: sample.workspace),
                                                after: .workspace(sample.workspace), threads: threads, evaluation: evaluation)
            #expect(again == report, "\(threads) threads, \(evaluation)")
        }

        // The other way round, everything is reversed.
        let reverse = try RuleSetDiff.compare(workspace: sample.workspace, store: sample.store,
                                              before: .workspace(sample.workspace),
                                              after: try .replacing(with: pristine, in: sample.workspace), threads: 1)
        Self.check(reverse, before: after, after: before)

        let text = report.text
        #expect(text.hasPrefix("83 partnerships compared, \(report.changed) changed\n"), "\(text)")
        #expect(text.contains("Rules: 1 added, 1 removed, 1 changed"))
        #expect(text.contains("  + standard.mou-networking → networking  (Scripts/rules/standard/init.lua:"))
        #expect(text.contains("\nlicensing (Licensing): +\(licensing.gained.count) gained, -0 lost\n"), "\(text)")
        #expect(text.contains("      by standard.licensing-by-form (changed): form is co_development"))
        #expect(text.contains("      had standard.policy-government-counterpart (removed): party "))
        let json = try JSONSerialization.jsonObject(with: Data(try report.json().utf8)) as! [String: Any]
        #expect(json["changed"] as? Int == report.changed)
        #expect(json["period"] is NSNull)
        let jsonLabels = json["labels"] as! [[String: Any]]
        #expect(jsonLabels.map { $0["label"] as! String } == report.labels.map(\.label))
    }

    @Test(arguments: Backend.all)
    func theSameRulesChangeNothing(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        let pristine = sample.folder.appendingPathComponent("pristine").path
        try Self.copyStandard(to: pristine)
        let report = try RuleSetDiff.compare(workspace: sample.workspace, store: sample.store,
                                             before: try .replacing(with: pristine, in: sample.workspace),
                                             after: .workspace(sample.workspace))
        #expect((report.partnerships, report.changed, report.hasChanges) == (83, 0, false))
        #expect(report.rules.isEmpty && report.labels.isEmpty && report.primary.isEmpty)
        #expect(report.text.hasSuffix("No partnership changes labels."))
    }

    @Test(arguments: Backend.all)
    func aPeriodLimitsTheComparisonToThePartnershipsFiledInIt(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        let pristine = sample.folder.appendingPathComponent("pristine").path
        try Self.copyStandard(to: pristine)
        let period = try sample.workspace.periods(asOf: SampleWorkspace.asOf).parse("2019")
        let before = try Self.labels(sample, period: period)
        try Self.copyStandard(to: sample.path("Scripts/rules"), text: try Self.modifiedStandard())
        let after = try Self.labels(sample, period: period)
        let report = try RuleSetDiff.compare(workspace: sample.workspace, store: sample.store,
                                             before: try .replacing(with: pristine, in: sample.workspace),
                                             after: .workspace(sample.workspace), period: period)
        #expect(report.period == "2019")
        #expect(report.partnerships > 0 && report.partnerships < 83)
        Self.check(report, before: before, after: after)
    }

    @Test(arguments: Backend.all)
    func theLockIsWhatIsComparedWithByDefaultAndItsContentMustStillBeThere(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        let before = try Self.labels(sample)
        try Self.copyStandard(to: sample.path("Scripts/rules"), text: try Self.modifiedStandard())
        let after = try Self.labels(sample)
        // Locked before the copy was made.
        let aside = sample.folder.appendingPathComponent("aside").path
        try FileManager.default.moveItem(atPath: sample.path("Scripts/rules/standard"), toPath: aside)
        let rulebook = try sample.rulebook()
        try rulebook.lock(try rulebook.configured())
        #expect(try sample.read("accord.lock").contains("path: \"<bundled>/standard\""))
        try FileManager.default.moveItem(atPath: aside, toPath: sample.path("Scripts/rules/standard"))

        let locked = try PackSelection.against(nil, workspace: sample.workspace)
        #expect(locked.name == "accord.lock")
        let report = try RuleSetDiff.compare(workspace: sample.workspace, store: sample.store, before: locked,
                                             after: .workspace(sample.workspace))
        Self.check(report, before: before, after: after)
        #expect(report.before.packs.map(\.folder) == ["<bundled>/standard"])

        // Locked where the pack was then edited: its locked content is gone.
        let current = try sample.rulebook()
        try current.lock(try current.configured())
        #expect(try sample.read("accord.lock").contains("path: Scripts/rules/standard\n"))
        let edited = try Self.modifiedStandard().replacingOccurrences(of: "priority = 45", with: "priority = 46")
        try edited.write(toFile: sample.path("Scripts/rules/standard/init.lua"), atomically: true, encoding: .utf8)
        let error = #expect(throws: PackSelectionError.self) {
            try RuleSetDiff.compare(workspace: sample.workspace, store: sample.store,
                                    before: try PackSelection.against(sample.path("accord.lock"), workspace: sample.workspace),
                                    after: .workspace(sample.workspace))
        }
        #expect(error?.kind == .unavailable)
        #expect(error?.description.contains("the content accord.lock pins for pack standard 1.2.0") == true, "\(String(describing: error))")
        #expect(error?.description.contains("--against REF") == true)
    }

    @Test(arguments: Backend.all)
    func aRuleThatFailsNamesTheSetItBelongsTo(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        let folder = sample.folder.appendingPathComponent("failing").path
        let source = try String(contentsOf: Self.bundledStandard.appendingPathComponent("init.lua"), encoding: .utf8)
        let failing = source.replacingOccurrences(of: "when = form_is \"license\",",
                                                  with: "when = function(p) error(\"no licence today\") end,")
        #expect(failing != source)
        try Self.copyStandard(to: folder, text: failing)
        let error = #expect(throws: (any Error).self) {
            try RuleSetDiff.compare(workspace: sample.workspace, store: sample.store,
                                    before: try .replacing(with: folder, in: sample.workspace),
                                    after: .workspace(sample.workspace))
        }
        let message = error.map { String(describing: $0) } ?? ""
        #expect(message.contains("no licence today"), "\(message)")
        #expect(message.contains("(in the rule set of \(folder))"), "\(message)")
    }

    @Test(arguments: Backend.all)
    func aFolderOutsideTheWorkspacesRangeSaysSo(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        let folder = sample.folder.appendingPathComponent("next").path
        let source = try String(contentsOf: Self.bundledStandard.appendingPathComponent("init.lua"), encoding: .utf8)
        try Self.copyStandard(to: folder, text: source.replacingOccurrences(of: "version = \"1.1.0\"", with: "version = \"2.0.0\""))
        let error = #expect(throws: RuleProblems.self) {
            try RuleSetDiff.compare(workspace: sample.workspace, store: sample.store,
                                    before: try .replacing(with: folder + "/standard", in: sample.workspace),
                                    after: .workspace(sample.workspace))
        }
        #expect(error?.description.contains("pack standard 2.0.0") == true, "\(String(describing: error))")
        #expect(error?.description.contains("is outside the range ^1.0 that accord.yaml asks for") == true)

        let empty = sample.folder.appendingPathComponent("empty").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let none = #expect(throws: PackSelectionError.self) { try PackSelection.against(empty, workspace: sample.workspace) }
        #expect(none?.kind == .usage)
    }

    @Test(arguments: Backend.all)
    func aGitRevisionIsReadWithoutTouchingTheWorkingTree(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        let root = sample.workspace.root.path
        try Self.copyStandard(to: sample.path("Scripts/rules"))
        let before = try Self.labels(sample)
        // A repository whose workspace is a sub-folder, the database left out.
        let repository = sample.folder.path
        try git(repository, "init", "-q", "-b", "main")
        try git(repository, "add", "ws/accord.yaml", "ws/Scripts/rules")
        try git(repository, "commit", "-q", "-m", "standard as bundled")
        try Self.modifiedStandard().write(toFile: root + "/Scripts/rules/standard/init.lua", atomically: true, encoding: .utf8)
        let after = try Self.labels(sample)
        let status = try git(repository, "status", "--porcelain")

        let selection = try PackSelection.against("HEAD", workspace: sample.workspace)
        #expect(selection.name.hasPrefix("HEAD ("))
        let report = try RuleSetDiff.compare(workspace: sample.workspace, store: sample.store, before: selection,
                                             after: .workspace(sample.workspace))
        Self.check(report, before: before, after: after)
        #expect(report.before.packs.map { "\($0.name) \($0.version) \($0.folder)" } == ["standard 1.1.0 Scripts/rules/standard"])
        #expect(try git(repository, "status", "--porcelain") == status, "the working tree and index are as they were")
        #expect(try String(contentsOfFile: root + "/Scripts/rules/standard/init.lua", encoding: .utf8).contains("1.2.0"))

        // With a lock committed, the revision's lock says what applied.
        try git(repository, "stash", "-q")
        let rulebook = try sample.rulebook()
        try rulebook.lock(try rulebook.configured())
        try git(repository, "add", "ws/accord.lock")
        try git(repository, "commit", "-q", "-m", "lock")
        try git(repository, "stash", "pop", "-q")
        let locked = try PackSelection.against("main", workspace: sample.workspace)
        #expect(locked.requiredBy == "accord.lock at main")
        let again = try RuleSetDiff.compare(workspace: sample.workspace, store: sample.store, before: locked,
                                            after: .workspace(sample.workspace))
        Self.check(again, before: before, after: after)

        let error = #expect(throws: PackSelectionError.self) { try PackSelection.against("no-such-branch", workspace: sample.workspace) }
        #expect(error?.kind == .usage)
        #expect(error?.description.contains("'no-such-branch' is neither a file, a folder, nor a revision") == true,
                "\(String(describing: error))")
    }

    @discardableResult
    private func git(_ folder: String, _ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder, "-c", "user.name=Analyst", "-c", "user.email=analyst@example.org",
                             "-c", "commit.gpgsign=false"] + arguments
        let out = sampleOutput()
        process.standardOutput = out.handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
        return try out.read()
    }

    /// A file standing in for a pipe.
    private func sampleOutput() -> (handle: FileHandle, read: () throws -> String) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("accord-git-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try! FileHandle(forWritingTo: url)
        return (handle, {
            try? handle.close()
            defer { try? FileManager.default.removeItem(at: url) }
            return try String(contentsOf: url, encoding: .utf8)
        })
    }
}
