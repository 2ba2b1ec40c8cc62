import AccordTestSupport
import Foundation
import Testing

/// End-to-end: an analyst measures a pack with the built binary.
@Suite struct RulesScoreWorkflowTests {
    @Test func theSampleWorkspaceScoresItsPackAgainstItsGoldFile() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.initSample("ws")
        #expect(try accord.read("ws/accord.yaml").contains("\ngold: data/gold.csv "))

        let score = try accord.run("rules", "score", in: "ws")
        #expect(score.status == 0, "\(score.stderr)")
        #expect(score.stdout.hasPrefix("Scored 83 partnerships against data/gold.csv.\n"), "\(score.stdout)")
        #expect(score.stdout.contains("\nlabel            precision  recall  f1    support  given  missed  extra\n"), "\(score.stdout)")
        #expect(score.stdout.contains("\nexact label set  "))
        #expect(score.stdout.contains("\n  sanofi-global-research-korean-oncology  "), "\(score.stdout)")

        let json = try accord.run("rules", "score", "--format", "json", "--limit", "0", in: "ws")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["partnerships"] as? Int == 83)
        #expect((document["micro"] as? [String: Any])?["f1"] as? Double ?? 0 >= 0.95)
        #expect((document["disagreements"] as? [Any])?.count == document["disagreement_count"] as? Int)

        // Nothing set by hand in the sample: nothing to score against, said plainly.
        let manual = try accord.run("rules", "score", "--against", "manual", in: "ws")
        #expect(manual.status == 0)
        #expect(manual.stdout == "Scored 0 partnerships against the labels set by hand.\n")
    }

    @Test func aGoldFileThatDoesNotFitTheDatabaseIsRefusedByLine() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.initSample("ws")
        try accord.write("partnership,labels,primary\ndksh-hanmi-sea-export-2013,export,\nnope,rnd,\ngrindeks-korea-office,export,rnd\n",
                         to: "ws/judged.csv")
        let bad = try accord.run("rules", "score", "--gold", "judged.csv", in: "ws")
        #expect(bad.status == 65)
        #expect(bad.stdout.isEmpty)
        #expect(bad.stderr.contains("judged.csv:4: partnership 'grindeks-korea-office' field 'primary': 'rnd' is not among the labels (export)"),
                "\(bad.stderr)")

        try accord.write("partnership,labels\ndksh-hanmi-sea-export-2013,export\nnope,rnd\n", to: "ws/judged.csv")
        let unknown = try accord.run("rules", "score", "--gold", "judged.csv", in: "ws")
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("judged.csv:3: field 'partnership': no partnership 'nope' in the database"), "\(unknown.stderr)")

        let both = try accord.run("rules", "score", "--gold", "judged.csv", "--against", "manual", in: "ws")
        #expect(both.status == 64)
    }

    @Test func aPackBelowItsFloorFailsItsTestsNamingTheLabels() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.initSample("ws")
        try FileManager.default.copyItem(at: AccordProcess.bundledStandard,
                                         to: accord.folder.appendingPathComponent("ws/Scripts/rules/standard"))
        let tests = try accord.read("ws/Scripts/rules/standard/tests/sample.yaml")
        try accord.write(tests.replacingOccurrences(of: "  min_micro_f1: 0.95\n", with: "  min_micro_f1: 0.95\n  min_f1: { networking: 0.99 }\n"),
                         to: "ws/Scripts/rules/standard/tests/sample.yaml")

        let tested = try accord.run("test", "Scripts/rules/standard", in: "ws")
        #expect(tested.status == 1, "\(tested.stdout)\(tested.stderr)")
        #expect(tested.stdout.contains("floor micro-F1 ≥ 0.95, networking ≥ 0.99: FAIL"), "\(tested.stdout)")
        #expect(tested.stdout.contains("      networking: F1 0.95 is below its floor 0.99 (2 missed, 0 extra)"), "\(tested.stdout)")
        #expect(tested.stdout.hasSuffix("FAILED: 1 score below the floor\n"), "\(tested.stdout)")

        // A rule that fails on a judged partnership fails the score, naming it.
        let source = try accord.read("ws/Scripts/rules/standard/init.lua")
        try accord.write(source.replacingOccurrences(of: "  rules = {\n", with: """
              rules = {
                rule {
                  id = "fails-once", label = "export", status = "experimental",
                  when = function(p) if p.id == "ae-risinajumi-plagen-mou-2024" then error("boom") end return false end,
                },

            """), to: "ws/Scripts/rules/standard/init.lua")
        let failing = try accord.run("test", "Scripts/rules/standard", in: "ws")
        #expect(failing.status == 1, "\(failing.stdout)\(failing.stderr)")
        #expect(failing.stdout.contains("      ae-risinajumi-plagen-mou-2024: "), "\(failing.stdout)")
        #expect(failing.stdout.contains("boom"), "\(failing.stdout)")
        try accord.write(source, to: "ws/Scripts/rules/standard/init.lua")

        // A gold file the test file names but that is not there is a bad test file.
        try accord.write(tests.replacingOccurrences(of: "gold: gold.csv", with: "gold: missing.csv"),
                         to: "ws/Scripts/rules/standard/tests/sample.yaml")
        let missing = try accord.run("test", "Scripts/rules/standard", in: "ws")
        #expect(missing.status == 65, "\(missing.stdout)\(missing.stderr)")
        #expect(missing.stderr.contains("Scripts/rules/standard/tests/missing.csv: cannot read the file"), "\(missing.stderr)")
    }

    @Test func rulesDiffShowsTheScoreBeforeAndAfter() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.initSample("ws")
        try FileManager.default.copyItem(at: AccordProcess.bundledStandard, to: accord.folder.appendingPathComponent("before/standard"))
        let source = try accord.read("before/standard/init.lua")
        // Before: networking read no "network" or "meeting".
        try accord.write(source.replacingOccurrences(of: #"when = mentions("network", "meeting"),"#, with: #"when = mentions("zzz"),"#),
                         to: "before/standard/init.lua")
        let diff = try accord.run("rules", "diff", "--against", "../before", in: "ws")
        #expect(diff.status == 1, "\(diff.stderr)")
        #expect(diff.stdout.contains("\nScore against data/gold.csv:\n  before: micro-F1 "), "\(diff.stdout)")
        #expect(diff.stdout.contains("\n  F1 by label: networking "), "\(diff.stdout)")
        let json = try accord.run("rules", "diff", "--against", "../before", "--format", "json", in: "ws")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let score = try #require(document["score"] as? [String: Any])
        #expect((score["before"] as? [String: Any])?["partnerships"] as? Int == 83)
        #expect(((score["after"] as? [String: Any])?["micro"] as? [String: Any])?["f1"] as? Double ?? 0
                > ((score["before"] as? [String: Any])?["micro"] as? [String: Any])?["f1"] as? Double ?? 1)
    }
}
