import Foundation
import Testing
@testable import AccordCore

/// Gold files: analysts' judgements a rule set is scored against.
@Suite struct GoldFileTests {
    func judgements(_ text: String, as name: String = "gold.csv") throws(DataErrors) -> [Judgement] {
        let result: Result<[Judgement], DataErrors> = try! reading(text, as: name) { path in
            do throws(DataErrors) { return .success(try GoldFile.read(path, display: name)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    func problems(_ text: String, as name: String = "gold.csv") -> [String] {
        do { _ = try judgements(text, as: name); return [] } catch { return error.issues.map(\.description) }
    }

    @Test func aCSVFileGivesLabelsPrimaryAndNoteWithTheirLines() throws {
        let read = try judgements("""
            partnership,labels,primary,note
            khidi-roche,investment; rnd;policy,investment,"The instrument is an investment, ""of course"", it says"
            lakifa-koreabio,networking,,
            empty-one,,,
            """)
        #expect(read.map(\.partnership) == ["khidi-roche", "lakifa-koreabio", "empty-one"])
        #expect(read[0].labels == ["investment", "rnd", "policy"])
        #expect(read[0].primary == "investment")
        #expect(read[0].note == "The instrument is an investment, \"of course\", it says")
        #expect(read.map(\.line) == [2, 3, 4])
        // One label is the primary one; none judges that no label applies.
        #expect(read[1].primary == "networking" && read[1].note == nil)
        #expect(read[2].labels.isEmpty && read[2].primary == nil)
    }

    @Test(arguments: ["gold.yaml", "gold.json"])
    func yamlAndJSONGiveTheSameJudgements(_ name: String) throws {
        let text = name.hasSuffix(".json")
            ? #"[{"partnership": "khidi-roche", "labels": ["investment", "rnd"], "primary": "rnd", "note": "why"},"#
                + "\n" + #" {"partnership": "lakifa-koreabio", "labels": "networking"}]"#
            : """
            - partnership: khidi-roche
              labels: [investment, rnd]
              primary: rnd
              note: why
            - {partnership: lakifa-koreabio, labels: networking}
            """
        let read = try judgements(text, as: name)
        #expect(read == [
            Judgement(partnership: "khidi-roche", labels: ["investment", "rnd"], primary: "rnd", note: "why", file: name, line: 1),
            Judgement(partnership: "lakifa-koreabio", labels: ["networking"], primary: "networking", file: name,
                      line: name.hasSuffix(".json") ? 2 : 5),
        ])
    }

    @Test func aBadCSVFileNamesEachProblemByLineAndField() {
        #expect(problems("partnership,lables\nx,rnd\n") == [
            "gold.csv:1: field 'lables': unknown column (did you mean 'labels'?)",
            "gold.csv:1: field 'labels': the column is missing",
        ])
        #expect(problems("""
            partnership,labels,primary
            a,rnd;export,policy
            b,rnd;rnd,
            ,rnd,
            c,"rnd
            """) == [
            "gold.csv:2: partnership 'a' field 'primary': 'policy' is not among the labels (rnd, export)",
            "gold.csv:3: partnership 'b' field 'labels': 'rnd' is given twice",
            "gold.csv:4: field 'partnership': the partnership's id is missing",
            "gold.csv:5: field 'labels': the quote that opens the cell on line 5 is never closed",
        ])
        #expect(problems("partnership,labels\na,rnd\nb,x,y\na,export\n") == [
            "gold.csv:3: 3 cells where the header has 2 columns",
        ])
        #expect(problems("partnership,labels\na,rnd\na,export\n") == [
            "gold.csv:3: field 'partnership': 'a' is judged twice (first on line 2)",
        ])
        #expect(problems("partnership,labels\n") == ["gold.csv: no judgements in the file"])
        #expect(problems("x", as: "gold.txt") == ["gold.txt: a gold file is .csv, .yaml, .yml or .json"])
    }

    @Test func aBadYAMLFileNamesEachProblemByLineAndField() {
        #expect(problems("""
            - partnership: a
              label: [rnd]
            - partnership: b
              labels: {rnd: 1}
            - just text
            """, as: "gold.yaml") == [
            "gold.yaml:2: field '[1].label': unknown key (did you mean 'labels'?)",
            "gold.yaml:1: field '[1].labels': 'labels' is missing (an empty list judges that no label applies)",
            "gold.yaml:4: field '[2].labels': expected a list of labels",
            "gold.yaml:5: field '[3]': expected a mapping",
        ])
        #expect(problems("labels: [rnd]", as: "gold.yaml")
                == ["gold.yaml:1: expected a list of judgements ({partnership, labels, primary, note})"])
    }

    @Test func checkingRefusesUnknownPartnershipsAndLabelsByLine() throws {
        let read = try judgements("partnership,labels,primary\nkhidi-roche,investment;rnd,rnd\nnowhere,rnd,\nlakifa,netwrking,\n")
        let issues = try GoldFile.check(read, known: { $0 != "nowhere" }, vocabulary: ["investment", "networking", "rnd"])
        #expect(issues.map(\.description) == [
            "gold.csv:3: field 'partnership': no partnership 'nowhere' in the database",
            "gold.csv:4: partnership 'lakifa' field 'labels': 'netwrking' is not a label of the applied packs (did you mean 'networking'?)",
        ])
    }
}
