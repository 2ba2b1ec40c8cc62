import AccordTestSupport
import Foundation
import Testing

/// End-to-end: the table `classify` prints counts what its JSON lines say, label by label.
@Suite struct ClassifySummaryWorkflowTests {
    @Test func theSummaryTableCountsEachLabelAsTheJSONLinesGiveIt() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.initSample("ws")
        // One partnership labelled by hand, so that the table has a `manual` count too.
        let data = try accord.read("ws/data/sample/partnerships.yaml")
        let tags = "    tags: [export, modified-drugs, distribution]\n"
        #expect(data.contains(tags))
        try accord.write(data.replacingOccurrences(of: tags, with: tags + "    labels: [training]\n"), to: "ws/data/sample/partnerships.yaml")
        let imported = try accord.run("import", in: "ws")
        #expect(imported.status == 0, "\(imported.stderr)")

        let json = try accord.run("classify", "--format", "json", in: "ws")
        #expect(json.status == 0, "\(json.stderr)")
        var partnerships: [String: Int] = [:], primary: [String: Int] = [:], manual: [String: Int] = [:]
        var byRule: [String: [String: Int]] = [:]
        for line in json.stdout.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let labels = try #require(object["labels"] as? [String])
            let reasons = try #require(object["reasons"] as? [String: [String: Any]])
            for label in labels {
                partnerships[label, default: 0] += 1
                if object["manual"] as? Bool == true { manual[label, default: 0] += 1 }
                if let rule = reasons[label]?["rule"] as? String { byRule[label, default: [:]][rule, default: 0] += 1 }
            }
            if let first = object["primary"] as? String { primary[first, default: 0] += 1 }
        }
        #expect(manual == ["training": 1])

        let text = try accord.run("classify", in: "ws")
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix("LABEL") == true)
        let rows = lines.dropFirst().prefix { !$0.isEmpty }
        #expect(rows.count == partnerships.count)
        for row in rows {
            let cells = row.split(separator: "  ", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
            let label = cells[0]
            #expect(Int(cells[1]) == partnerships[label], "\(row)")
            #expect(Int(cells[2]) == primary[label] ?? 0, "\(row)")
            let rules = (byRule[label] ?? [:]).sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) (\($0.value))" }
            let givenBy = rules + (manual[label].map { ["manual (\($0))"] } ?? [])
            #expect(cells.count == 4 && cells[3] == givenBy.joined(separator: ", "), "\(row)")
        }
        #expect(text.stdout.contains("83 partnerships classified with standard"))
        #expect(text.stdout.contains("labelled, 1 by hand."))
    }

    @Test func classifyTakesIdsFromAFileAndRefusesOneThatNamesNothingBeforeSavingAnything() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.initSample("ws")
        let ids = try accord.run("classify", "--format", "json", in: "ws").stdout.split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String ?? ""
        }
        #expect(ids.count == 83)

        try accord.write("# the first three\n" + ids.prefix(3).joined(separator: "\n") + "\nno-such-deal\n", to: "ws/some.txt")
        let unknown = try accord.run("classify", "--save", "--ids-from", "some.txt", in: "ws")
        #expect(unknown.status == 64)
        #expect(unknown.stderr == "accord: no partnership no-such-deal (some.txt:5); nothing was classified\n")
        // Past ten, the rest are counted: the file's in the order of its lines, after those given as arguments.
        try accord.write((1...12).map { "gone-\($0)" }.joined(separator: "\n"), to: "ws/gone.txt")
        let many = try accord.run("classify", "--ids-from", "gone.txt", "zz-argument", in: "ws")
        #expect(many.stderr == "accord: no partnership zz-argument, " + (1...9).map { "gone-\($0) (gone.txt:\($0))" }.joined(separator: ", ")
                + " and 3 more; nothing was classified\n")
        let leftOut = try accord.run("classify", "--period", "1990", ids[0], in: "ws")
        #expect(leftOut.status == 64)
        #expect(leftOut.stderr == "accord: no partnership \(ids[0]) among those --period 1990 selects; nothing was classified\n")
        try accord.write("print(#accord.partnerships{ label = 'export' })", to: "ws/count.lua")
        #expect(try accord.run("run", "count.lua", in: "ws").stdout == "0\n", "nothing saved")

        // Every id, more than a command line holds well, each partnership classified once.
        let all = try accord.run(["classify", "--save", "--format", "json", ids[1], "--ids-from", "-"],
                                 input: ids.joined(separator: "\n"), in: "ws")
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.split(separator: "\n").count == 83)
        #expect(all.stderr.hasPrefix("saved "), "\(all.stderr)")
        #expect(all.stderr.contains(" labels of 83 partnerships"), "\(all.stderr)")
        #expect(try accord.run("run", "count.lua", in: "ws").stdout == "18\n")
    }
}
