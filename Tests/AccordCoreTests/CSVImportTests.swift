import Testing
@testable import AccordCore

@Suite struct CSVImportTests {
    let known = KnownIDs(sources: ["krpia"], organizations: ["dksh-korea", "hanmi"])
    let header = CSVCells.partnershipColumns.joined(separator: ",")

    /// A partnerships row from the non-empty columns given.
    func row(_ cells: [String: String]) -> String {
        CSVCells.partnershipColumns.map { cells[$0] ?? "" }.joined(separator: ",")
    }

    var valid: [String: String] {
        ["id": "dksh-hanmi-2013", "title": "DKSH exports", "form": "export_contract",
         "parties": "dksh-korea:distributor;hanmi:exporter", "sources": "krpia"]
    }

    @Test func linesCountNewlinesInsideQuotedCells() {
        var multiline = valid
        multiline["id"] = "first"
        multiline["summary"] = "\"three\nline\nsummary\""
        var bad = valid
        bad["id"] = "abc-2019"
        bad["form"] = "licence"
        let text = [header, row(multiline), row(valid), "", row(bad)].joined(separator: "\n") + "\n"
        expectOnly(issues("deals.csv", text, known: known),
                   "deals.csv:7: partnership 'abc-2019' field 'form': unknown value 'licence' (did you mean 'license'?)")
    }

    @Test func crlfLineEndingsAndAByteOrderMark() throws {
        var bad = valid
        bad["title"] = "\"two\r\nlines\""
        bad["form"] = "mo"
        let text = "\u{FEFF}" + [header, row(valid).replacingOccurrences(of: "dksh-hanmi-2013", with: "a"), row(bad)]
            .joined(separator: "\r\n")
        let found = issues("deals.csv", text, known: known)
        #expect(found.map(\.line) == [3])
        #expect(found.first?.field == "form")
    }

    @Test func splitsCellsOnUnescapedSeparators() throws {
        let text = """
            id,name,aliases,kind,country,parent,sources
            acme,Acme,A\\;B; C\\|D ;E\\\\F;;G\\x,other,KR,,
            """
        let o = try #require(try read("orgs.csv", text).organizations.first)
        #expect(o.aliases == ["A;B", "C|D", "E\\F", "G\\x"])
        #expect(o.parent == nil && o.sources.isEmpty)
    }

    @Test func readsEveryCompoundCell() throws {
        var cells = valid
        cells["products"] = "Amosartan|drug||cardiovascular;Esomezol|drug"
        cells["financials"] = "investment|170000000000|KRW|170 billion won\\; over five years;milestone"
        cells["figures"] = "participants=100; organizations = 34"
        cells["territories"] = "TH;TW"
        cells["labels"] = "rnd; export"
        cells["duration_months"] = "120"
        let p = try #require(try DataImporter.read(texts: [("p.csv", header + "\n" + row(cells))], known: known).partnerships.first)
        #expect(p.parties == [Party(organization: "dksh-korea", role: .distributor), Party(organization: "hanmi", role: .exporter)])
        #expect(p.products == [Product(name: "Amosartan", kind: .drug, therapeuticArea: "cardiovascular"),
                               Product(name: "Esomezol", kind: .drug)])
        #expect(p.financials == [FinancialTerm(type: .investment, amount: 170_000_000_000, currency: "KRW",
                                               wording: "170 billion won; over five years"),
                                 FinancialTerm(type: .milestone)])
        #expect(p.figures == [.participants: 100, .organizations: 34])
        #expect(p.territories == ["TH", "TW"] && p.durationMonths == 120 && p.status == .unknown)
        #expect(p.labels == ["rnd", "export"])
    }

    @Test func labelsAreCheckedAsInYAML() {
        var cells = valid
        cells["labels"] = "rnd;R&D;rnd"
        #expect(issues("p.csv", header + "\n" + row(cells), known: known).map(\.description) == [
            "p.csv:2: partnership 'dksh-hanmi-2013' field 'labels[2]': 'R&D' is not a label "
                + "(lower-case letters, digits, '_' and '-', starting with a letter)",
            "p.csv:2: partnership 'dksh-hanmi-2013' field 'labels[3]': 'rnd' is given twice",
        ])
    }

    @Test func malformedCompoundCells() {
        var cells = valid
        cells["parties"] = "dksh-korea;hanmi:exporter"
        cells["products"] = "a|drug|x|y|z"
        cells["figures"] = "participants"
        #expect(issues("p.csv", header + "\n" + row(cells), known: known).map(\.description) == [
            "p.csv:2: partnership 'dksh-hanmi-2013' field 'parties[1]': expected org:role, found 'dksh-korea'",
            "p.csv:2: partnership 'dksh-hanmi-2013' field 'products[1]': expected at most 4 parts (name|kind|indication|therapeutic_area), found 5",
            "p.csv:2: partnership 'dksh-hanmi-2013' field 'figures': expected key=value, found 'participants'",
        ])
    }

    @Test func rowsWithoutAnIDAreNamedByNumber() {
        var cells = valid
        cells["id"] = ""
        expectOnly(issues("p.csv", header + "\n" + row(valid) + "\n" + row(cells), known: known),
                   "p.csv:3: row 2 field 'id': missing required field")
    }

    @Test func headerProblems() {
        expectOnly(issues("x.csv", "id,title,url\ns,t,u\n"), "x.csv:1: cannot tell what the file holds: its header "
                   + "needs a 'form' (partnerships), 'kind' (organizations) or 'publisher' (sources) column")
        #expect(issues("s.csv", "id,titel,publisher\ns,t,p\n").map(\.description) == [
            "s.csv:1: field 'titel': unknown column for sources (did you mean 'title'?)",
            "s.csv:1: field 'title': missing required column",
        ])
        #expect(issues("s.csv", "id,title,publisher,title\n").map(\.message) == ["the column appears twice"])
        expectOnly(issues("s.csv", ""), "s.csv:1: the file is empty")
    }

    @Test func rowsMustHaveTheHeadersWidth() {
        expectOnly(issues("s.csv", "id,title,publisher\ns,t\n"), "s.csv:2: row 1: the row has 2 cells, the header 3")
        #expect(issues("s.csv", "id,title,publisher\ns,t\n,t,p\n").map(\.description) == [
            "s.csv:2: row 1: the row has 2 cells, the header 3",
            "s.csv:3: row 2 field 'id': missing required field",
        ])
    }

    @Test func aCSVFileFindsDuplicatesAndUnknownIDsWhereTheyAreWritten() {
        var again = valid
        again["title"] = "DKSH exports again"
        var citing = valid
        citing["id"] = "citing"
        citing["parties"] = "nobody:distributor;hanmi:exporter"
        let text = [header, row(valid), row(citing), row(again)].joined(separator: "\n") + "\n"
        #expect(issues("deals.csv", text, known: known).map(\.description) == [
            "deals.csv:3: partnership 'citing' field 'parties[1].org': no organization 'nobody' in the files or the database",
            "deals.csv:4: partnership 'dksh-hanmi-2013' field 'id': duplicate id, first defined at deals.csv:2",
        ])
    }

    @Test func eachKindIsToldByItsHeader() throws {
        let d = try DataImporter.read(texts: [
            ("s.csv", "id,title,publisher\nkrpia,KRPIA cases,KRPIA\n"),
            ("o.csv", "id,name,kind,country\nhanmi,Hanmi,local_pharma,KR\ndksh-korea,DKSH Korea,distributor,KR\n"),
            ("p.csv", header + "\n" + row(valid) + "\n"),
        ])
        #expect(d.sources.map(\.id) == ["krpia"])
        #expect(d.organizations.map(\.id) == ["dksh-korea", "hanmi"])
        #expect(d.partnerships.map(\.id) == ["dksh-hanmi-2013"])
    }
}

@Suite struct JSONImportTests {
    @Test func jsonIsReadWithLines() {
        let text = """
            {
              "sources": [
                {"id": "a", "title": "A"},
                {"id": "b", "titel": "B"}
              ]
            }
            """
        #expect(issues("d.json", text).map(\.description) == [
            "d.json:4: source 'b' field 'titel': unknown field (did you mean 'title'?)",
            "d.json:4: source 'b' field 'title': missing required field",
        ])
    }

    @Test func minifiedJSONWithEscapesAndTabs() throws {
        let text = "{\"sources\":[{\"id\":\"a\",\t\"title\":\"caf\\u00e9 \\ud83d\\ude00 \\\\ud83d a\\/b \\\"q\\\"\",\"published\":null}]}"
        let source = try #require(try read("d.json", text).sources.first)
        #expect(source.title == "café 😀 \\ud83d a/b \"q\"")
        #expect(source.published == nil)
    }

    @Test func numbersInJSON() throws {
        let text = """
            {"sources": [{"id": "s", "title": "S"}],
             "organizations": [{"id": "o", "name": "O", "kind": "other", "country": "KR"}],
             "partnerships": [{"id": "p", "title": "P", "form": "grant", "duration_months": 24,
                               "parties": [{"org": "o", "role": "funder"}], "sources": ["s"],
                               "financials": [{"type": "grant", "amount": 1.5e+11, "currency": "KRW"}],
                               "figures": {"winners": 3}}]}
            """
        let p = try #require(try read("d.json", text).partnerships.first)
        #expect(p.financials.first?.amount == 150_000_000_000)
        #expect(p.durationMonths == 24 && p.figures == [.winners: 3])
    }
}
