import AccordTestSupport
import Foundation
import Testing

/// End-to-end: `accord rules diff`, as a reviewer runs it before accepting a change to the rules.
@Suite(.serialized) struct RulesDiffWorkflowTests {
    static let standard = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/accord/Packs/standard")

    /// A sample workspace, and a copy of the bundled standard pack in `pristine/standard` beside it.
    private func workspace() throws -> AccordProcess {
        let accord = try AccordProcess()
        try accord.initSample("ws")
        try FileManager.default.createDirectory(at: accord.folder.appendingPathComponent("pristine"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.standard, to: accord.folder.appendingPathComponent("pristine/standard"))
        return accord
    }

    @Test func theSameRulesExitZeroAndAChangedRuleExitsOneNamingWhatItChanges() throws {
        let accord = try workspace()
        defer { accord.cleanUp() }

        let same = try accord.run("rules", "diff", "--against", "../pristine", in: "ws")
        #expect(same.status == 0, "\(same.stderr)")
        #expect(same.stdout.hasPrefix("83 partnerships compared, 0 changed\n"), "\(same.stdout)")
        #expect(same.stdout.hasSuffix("No partnership changes labels.\n"))

        // Co-development, not a licence, makes licensing, in the workspace's own copy.
        let source = try String(contentsOf: Self.standard.appendingPathComponent("init.lua"), encoding: .utf8)
        try FileManager.default.copyItem(at: Self.standard, to: accord.folder.appendingPathComponent("ws/Scripts/rules/standard"))
        try accord.write(source.replacingOccurrences(of: "when = form_is \"license\",", with: "when = form_is \"co_development\","),
                         to: "ws/Scripts/rules/standard/init.lua")
        let changed = try accord.run("rules", "diff", "--against", "../pristine", in: "ws")
        #expect(changed.status == 1, "\(changed.stderr)")
        #expect(changed.stderr.isEmpty, "\(changed.stderr)")
        #expect(changed.stdout.contains("Rules: 0 added, 0 removed, 1 changed\n  ~ standard.licensing-by-form: condition"),
                "\(changed.stdout)")
        #expect(changed.stdout.contains("\nlicensing (Licensing): +"))
        #expect(changed.stdout.contains("  + abbvie-dong-a-st-mertk  AbbVie and Dong-A ST collaboration on MerTK inhibitors\n"
            + "      by standard.licensing-by-form (changed): form is co_development\n"))

        let json = try accord.run("rules", "diff", "--against", "../pristine", "--format", "json", in: "ws")
        #expect(json.status == 1, "\(json.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(report["partnerships"] as? Int == 83)
        let labels = report["labels"] as! [[String: Any]]
        let gained = (labels.first { $0["label"] as? String == "licensing" }?["gained"] as? [[String: Any]]) ?? []
        #expect(gained.contains { $0["id"] as? String == "abbvie-dong-a-st-mertk" })
        #expect(gained.allSatisfy { (($0["rules"] as? [[String: Any]])?.first?["change"] as? String) == "changed" })
        #expect((report["before"] as? [String: Any])?["name"] as? String == "../pristine")

        let period = try accord.run("rules", "diff", "--against", "../pristine", "--period", "2013", in: "ws")
        #expect(period.stdout.contains(" partnerships filed in 2013 compared, "), "\(period.stdout)")
    }

    @Test func withoutALockOrWithARevisionThatNamesNothingItSaysWhatToPass() throws {
        let accord = try workspace()
        defer { accord.cleanUp() }
        let none = try accord.run("rules", "diff", in: "ws")
        #expect(none.status == 64)
        #expect(none.stderr.contains("there is no accord.lock to compare with: pass --against"), "\(none.stderr)")

        let lock = try accord.run("rules", "lock", in: "ws")
        #expect(lock.status == 0, "\(lock.stderr)")
        let locked = try accord.run("rules", "diff", in: "ws")
        #expect(locked.status == 0, "\(locked.stderr)")
        #expect(locked.stdout.contains("before: accord.lock: standard "), "\(locked.stdout)")

        let ref = try accord.run("rules", "diff", "--against", "no-such-branch", in: "ws")
        #expect(ref.status == 64)
        #expect(ref.stderr.contains("'no-such-branch' is neither a file nor a folder"), "\(ref.stderr)")
    }

    @Test func promotingDraftsShowsWhatTheirLabelsWouldBe() throws {
        let accord = try workspace()
        defer { accord.cleanUp() }
        let source = try String(contentsOf: Self.standard.appendingPathComponent("init.lua"), encoding: .utf8)
        try FileManager.default.copyItem(at: Self.standard, to: accord.folder.appendingPathComponent("ws/Scripts/rules/standard"))
        let draft = """
            rules = {
              rule {
                id = "ministry-mou", label = "training", status = "draft",
                description = "An MOU with a ministry trains its officials",
                when = all{ form_is "mou", mentions "ministry" },
              },
            """
        let edited = source.replacingOccurrences(of: "  rules = {\n", with: "  " + draft + "\n")
        #expect(edited != source)
        try accord.write(edited, to: "ws/Scripts/rules/standard/init.lua")

        let nothing = try accord.run("rules", "diff", "--against", "../pristine", in: "ws")
        #expect(nothing.status == 0, "\(nothing.stdout)\(nothing.stderr)")
        let promoted = try accord.run("rules", "diff", "--promote-drafts", in: "ws")
        #expect(promoted.status == 1, "\(promoted.stderr)")
        #expect(promoted.stdout.contains("before: the workspace without its drafts"), "\(promoted.stdout)")
        #expect(promoted.stdout.contains("  + pfizer-mohw-rd-mou  "), "\(promoted.stdout)")
        #expect(promoted.stdout.contains("by standard.ministry-mou (changed): "), "\(promoted.stdout)")
    }
}
