import AccordCore
import AccordReports
import AccordScripting
import AccordTestSupport
import Foundation
import Testing

/// Making a report: labels brought up to date first, then built, rendered and written with its manifest.
@Suite struct ReportProducerTests {
    /// An export contract signed in 2019-Q2: the standard pack labels it `export`.
    static let exportDeal = """
        id,title,form,signed,parties,sources
        new-export-2019,Hanmi exports to Vietnam,export_contract,2019-05-20,hanmi:exporter,krpia-open-innovation

        """

    static let teamPack = """
        local R = accord.rules
        return R.pack { name = "team", version = "0.3.1", labels = { agreement = "A memorandum or letter of intent" },
          rules = { R.rule { id = "agreement", label = "agreement", when = R.form_is("mou", "loi") } } }
        """

    /// The sample workspace with `home_country: KR` in its `accord.yaml`.
    private static func sampleInKorea(on backend: Backend) throws -> SampleWorkspace {
        var sample = try SampleWorkspace(on: backend)
        try sample.write(try sample.read(Workspace.configName) + "home_country: KR\n", to: Workspace.configName)
        let bundled = sample.workspace.bundledPacks
        sample.workspace = try Workspace(root: sample.workspace.root)
        sample.workspace.bundledPacks = bundled
        return sample
    }

    private func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// Rows of a table of a report.json, by the key of their first cell (its text when it has none).
    private func counts(_ report: [String: Any], table: String) throws -> [String: Int] {
        let blocks = try #require(report["blocks"] as? [[String: Any]])
        let rows = try #require(blocks.first { $0["id"] as? String == table }?["rows"] as? [[[String: Any]]])
        var counts: [String: Int] = [:]
        for row in rows { counts[(row[0]["key"] ?? row[0]["text"]) as! String] = (row[1]["number"] as! NSNumber).intValue }
        return counts
    }

    @Test(arguments: Backend.all)
    func aReportInEveryFormatIsRepeatableAndAgreesWithTheClassification(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        let (first, classified) = try sample.report("quarterly", period: "2019-Q2", formats: "html,md,csv,json")
        #expect(classified?.partnerships == 83, "a workspace never classified is classified whole")
        let folder = URL(fileURLWithPath: sample.path("Reports/quarterly/2019-Q2"))
        guard case .written(let written, let names) = first else { Issue.record("\(first)"); return }
        #expect(written.path == folder.path)
        for name in ["report.html", "report.md", "report.json", "by-purpose.csv", "by-form.csv", "charts/by-form-chart.svg", "manifest.json"] {
            #expect(names.contains(name), "\(name)")
        }
        let report = try json(folder.appendingPathComponent("report.json"))
        var expected: [String: Int] = [:]
        var filter = PartnershipFilter()
        filter.period = try sample.workspace.periods(asOf: SampleWorkspace.asOf).parse("2019-Q2")
        try sample.classify(ClassifyRequest(filter: filter)) { c in for label in c.labels { expected[label, default: 0] += 1 } }
        let counts = try counts(report, table: "by-purpose")
        #expect(Dictionary(uniqueKeysWithValues: counts.map { ($0.key.replacingOccurrences(of: " ", with: "_"), $0.value) }) == expected)
        #expect(!counts.isEmpty)

        let manifest = try json(folder.appendingPathComponent("manifest.json"))
        #expect((manifest["period"] as? [String: String])?["start"] == "2019-04-01")
        #expect(manifest["timeZone"] as? String == "UTC")
        #expect((manifest["scriptDigest"] as? String)?.hasPrefix("sha256:") == true)
        #expect(manifest["partnerships"] as? Int == 2)

        var before = try files(in: folder)
        #expect(try sample.report("quarterly", period: "2019-Q2", formats: "html,md,csv,json").classified == nil)
        var after = try files(in: folder)
        before["manifest.json"] = nil
        after["manifest.json"] = nil
        #expect(before == after)
        #expect(try sample.report("quarterly", period: "2019-Q2", formats: "html,md,csv,json", ifChanged: true).outcome
            == .unchanged(folder: folder))

        // The digest covers the modules a script loads, not the script alone.
        let digest = try #require(manifest["scriptDigest"] as? String)
        try sample.write(try sample.read("Scripts/reports/lib/summary.lua") + "\n-- edited\n", to: "Scripts/reports/lib/summary.lua")
        try sample.report("quarterly", period: "2019-Q2", formats: "json")
        #expect(try json(folder.appendingPathComponent("manifest.json"))["scriptDigest"] as? String != digest)
        let source = try #require(try json(folder.appendingPathComponent("report.json"))["source"] as? [String: Any])
        #expect(source["modules"] as? [String] == ["Scripts/reports/lib/summary.lua"])
    }

    @Test(arguments: Backend.all)
    func aReportClassifiesWhatAnImportAddedBeforeItCountsPurposes(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        try sample.classify()
        let before = URL(fileURLWithPath: sample.path("before")), after = URL(fileURLWithPath: sample.path("after"))
        #expect(try sample.report("quarterly", period: "2019-Q2", formats: "json", out: before).classified == nil)
        let exports = try counts(try json(before.appendingPathComponent("report.json")), table: "by-purpose")["export"] ?? 0

        try sample.write(Self.exportDeal, to: "new.csv")
        try sample.store.importFiles([sample.path("new.csv")])
        let classified = try #require(try sample.report("quarterly", period: "2019-Q2", formats: "json,md", out: after).classified)
        #expect(classified.partnerships == 1)
        let report = try json(after.appendingPathComponent("report.json"))
        #expect(try counts(report, table: "by-purpose")["export"] == exports + 1)

        // The document, the manifest and the footer say which classification the labels came from.
        let classification = try #require((report["source"] as? [String: Any])?["classification"] as? [String: Any])
        let runs = try #require(classification["runs"] as? [String])
        #expect(runs.count == 2 && runs[0] == classified.id, "the sample's run and the one that classified the new deal")
        let packs = try #require(classification["packs"] as? [[String: String]])
        #expect(packs.map { $0["name"]! + " " + $0["version"]! } == ["standard 1.1.0"])
        #expect(classification["partnerships"] as? Int == 3)
        let unlabelled = try #require(classification["unlabelled"] as? Int)
        let manifest = try json(after.appendingPathComponent("manifest.json"))
        #expect((manifest["classification"] as? NSDictionary) == (classification as NSDictionary))
        let markdown = try String(contentsOf: after.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("*Purposes from classification run \(runs[0]) by standard 1.1.0 (and 1 earlier run with the same packs); "
            + "partnerships filed in 2019-Q2 without a purpose: \(unlabelled) of 3.*\n"), "\(markdown)")
    }

    @Test(arguments: Backend.all)
    func packsThatChangedHaveEveryPartnershipClassifiedAgain(on backend: Backend) throws {
        var sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        try sample.classify()
        try sample.apply("team", "^0.3")
        for edit in ["", "\n-- a comment changes the pack's digest\n"] {
            try sample.write(Self.teamPack + edit, to: "Scripts/rules/team/init.lua")
            #expect(try sample.report("yearly", period: "2019", formats: "json").classified?.partnerships == 83)
            let report = try json(URL(fileURLWithPath: sample.path("Reports/yearly/2019/report.json")))
            let classification = try #require((report["source"] as? [String: Any])?["classification"] as? [String: Any])
            #expect((classification["runs"] as? [String])?.count == 1, "every label now comes from the new run")
            #expect((classification["packs"] as? [[String: String]])?.map { $0["name"]! + " " + $0["version"]! }
                == ["standard 1.1.0", "team 0.3.1"])
        }
    }

    /// A quarter of hundreds of partnerships lists the most recent 40, says so, and gives them
    /// all in partnerships.csv.
    @Test(arguments: Backend.all)
    func partnerCountriesLeaveOutTheHomeCountry(on backend: Backend) throws {
        let sample = try Self.sampleInKorea(on: backend)
        defer { sample.cleanUp() }
        let out = URL(fileURLWithPath: sample.path("y"))
        try sample.report("yearly", period: "2019", formats: "csv,md", out: out)
        // Of the sample's 2019 partnerships, only the two of the ASEAN regulators' visit have partners abroad.
        #expect(try sample.read("y/by-reach.csv") == "period,id,Reach,Partnerships,row\n2019,domestic,Within South Korea,6,data\n"
                + "2019,cross_border,With a partner abroad,2,data\n2019,,Total,8,total\n")
        #expect(try sample.read("y/by-country.csv").contains("None outside South Korea,6"))
        #expect(!(try sample.read("y/by-country.csv").contains(",KR,")))
        #expect(try sample.read("y/report.md").contains("Partnerships by partner country, outside South Korea"))
    }

    @Test(arguments: Backend.all)
    func amountsAreConvertedOnlyWithTheWorkspacesRatesWhichTheReportCites(on backend: Backend) throws {
        var sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        try sample.write("""
            id,title,form,signed,parties,financials,sources
            kr-fund-2024,A Korean fund,investment,2024-05-10,khidi:investor,fund|100000000000|KRW,krpia-open-innovation
            eu-grant-2024,A European grant,other,2024-06-10,khidi:funder,grant|500000|EUR,krpia-open-innovation

            """, to: "money.csv")
        try sample.store.importFiles([sample.path("money.csv")])
        try sample.write("currency: USD\ndate: 2024-06-30\nsource: Rates written for this test\nrates:\n  KRW: 0.00075\n",
                         to: "fx.yaml")
        try sample.write(try sample.read(Workspace.configName) + "fx: fx.yaml\n", to: Workspace.configName)
        let bundled = sample.workspace.bundledPacks
        sample.workspace = try Workspace(root: sample.workspace.root)
        sample.workspace.bundledPacks = bundled
        let out = URL(fileURLWithPath: sample.path("q"))
        try sample.report("quarterly", period: "2024-Q2", formats: "md,csv", out: out)
        let markdown = try sample.read("q/report.md")
        #expect(markdown.contains("| Fund, converted | USD | $75m | 1 |"), "the KRW fund only: the EUR grant has no rate")
        #expect(!markdown.contains("Grant, converted"), "no row where nothing was converted")
        #expect(markdown.contains("1 sum in currencies the exchange rates do not give is left out of the converted row."))
        #expect(markdown.contains("*Amounts in USD converted at the rates of 2024-06-30 (Rates written for this test): "
            + "1 KRW = 0.00075 USD.*"))
        let manifest = try sample.read("q/manifest.json")
        #expect(manifest.contains("\"exchangeRates\"") && manifest.contains("0.00075"))
    }

    @Test(arguments: Backend.all)
    func aLongListKeepsTheMostRecentAndTheCSVListsThemAll(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        var csv = "id,title,form,signed,parties,sources\n"
        for i in 1...205 {
            csv += "bulk-\(i),Bulk deal \(i),mou,2024-\(i % 2 == 0 ? "11" : "12")-\(String(format: "%02d", i % 28 + 1)),khidi:signatory,krpia-open-innovation\n"
        }
        // Dated to the month only: as of the month's last day, it is the most recent.
        csv += "bulk-month,A deal of December 2024,mou,2024-12,khidi:signatory,krpia-open-innovation\n"
        try sample.write(csv, to: "bulk.csv")
        try sample.store.importFiles([sample.path("bulk.csv")])
        let out = URL(fileURLWithPath: sample.path("q"))
        try sample.report("quarterly", period: "2024-Q4", formats: "json,csv,html", out: out)
        let json = try String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8)
        #expect(json.contains("The 40 most recent of 208 partnerships are listed; 168 more are in partnerships.csv "
                              + "and in the workbook's Partnerships sheet."),
                "206 new and 2 of the sample's")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let blocks = try #require(document["blocks"] as? [[String: Any]])
        let list = try #require(blocks.first { $0["type"] as? String == "partnerships" })
        let items = try #require(list["items"] as? [[String: Any]])
        #expect(items.count == 40)
        #expect(items.last?["id"] as? String == "bulk-month", "listed last, as of 2024-12-31")
        let rows = try String(contentsOf: out.appendingPathComponent("partnerships.csv"), encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 209 && rows[0].hasPrefix("period,Id,Date,Precision,Title,Form,Status,Parties,"))
        #expect(rows.contains { $0.hasPrefix("2024-Q4,bulk-month,2024-12,month,A deal of December 2024,MOU,") })
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(!html.contains("<caption>Partnerships filed in 2024-Q4</caption>"), "the full list is for spreadsheets only")
    }

    /// The organization report lists the organization's partnerships of the year (its subsidiaries'
    /// too); a report without `listing` lists every partnership of its period.
    @Test(arguments: Backend.all)
    func aReportsListingHoldsThePartnershipsItsScriptSelects(on backend: Backend) throws {
        let sample = try Self.sampleInKorea(on: backend)
        defer { sample.cleanUp() }
        func listed(_ folder: String) throws -> [String] {
            try String(contentsOf: URL(fileURLWithPath: sample.path(folder + "/partnerships.csv")), encoding: .utf8)
                .split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) }
        }
        let year = try sample.workspace.periods(asOf: SampleWorkspace.asOf).parse("2019")
        try sample.report("organization", period: "2019", parameters: ["org": "khidi"], formats: "csv,xlsx", out: URL(fileURLWithPath: sample.path("o")))
        let khidi = try sample.store.partnerships(PartnershipFilter(period: year, party: "khidi")).map(\.id)
        let all = try sample.store.count(PartnershipFilter(period: year))
        #expect(!khidi.isEmpty && khidi.count < all)
        #expect(try listed("o").sorted() == khidi.sorted())
        try sample.report("yearly", period: "2019", formats: "csv", out: URL(fileURLWithPath: sample.path("y")))
        #expect(try listed("y").sorted() == (try sample.store.partnerships(PartnershipFilter(period: year)).map(\.id).sorted()))
        // A partnership with a party from abroad, reckoned from the workspace's home country as counts are:
        // of 2019's eight, the two of the ASEAN regulators' visit.
        let script = try sample.read("Scripts/reports/yearly.lua")
        try sample.write(script.replacingOccurrences(of: "  build = function(r, period)",
                                                     with: "  listing = function() return { abroad = true } end,\n  build = function(r, period)"),
                         to: "Scripts/reports/yearly.lua")
        try sample.report("yearly", period: "2019", formats: "csv", out: URL(fileURLWithPath: sample.path("a")))
        let home = try #require(sample.workspace.config.resolvedHomeCountry)
        var fromAbroad = PartnershipFilter(period: year)
        (fromAbroad.abroad, fromAbroad.home) = (true, home)
        let abroad = try sample.store.partnerships(fromAbroad).map(\.id)
        #expect(abroad.count == 2)
        #expect(try listed("a").sorted() == abroad.sorted())
    }

    /// A `listing` that gives no conditions, or conditions a listing cannot take, stops the report
    /// with the script's name; nothing is written.
    @Test(arguments: [
        ("function() return \"khidi\" end", "listing must give a table of conditions"),
        ("function(period) return { period = period } end", "leave out 'period', 'dated' and 'limit'"),
        ("function() return { limit = 3 } end", "leave out 'period', 'dated' and 'limit'"),
        ("function() return { partyy = \"khidi\" } end", "partyy"),
        ("\"khidi\"", "'listing' must be a function(period, params)"),
    ])
    func aListingThatCannotBeReadIsRefusedWithItsScript(listing: String, message: String) throws {
        let sample = try SampleWorkspace(on: .sqlite)
        defer { sample.cleanUp() }
        let script = try sample.read("Scripts/reports/yearly.lua")
        try sample.write(script.replacingOccurrences(of: "  build = function(r, period)", with: "  listing = \(listing),\n  build = function(r, period)"),
                         to: "Scripts/reports/yearly.lua")
        let error = #expect(throws: (any Error).self) {
            try sample.report("yearly", period: "2019", formats: "csv", out: URL(fileURLWithPath: sample.path("y")))
        }
        let text = String(describing: error)
        #expect(text.contains(message) && text.contains("yearly.lua"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: sample.path("y")))
    }

    @Test(arguments: Backend.all)
    func aFailingScriptLeavesEarlierOutputIntact(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        try sample.report("yearly", period: "2019")
        let folder = URL(fileURLWithPath: sample.path("Reports/yearly/2019"))
        let before = try files(in: folder)
        let script = try sample.read("Scripts/reports/yearly.lua")
        try sample.write(script.replacingOccurrences(of: "r:heading(\"The partnerships\")", with: "r:heading(\"The partnerships\")\nlocal x = nil + 1"),
                         to: "Scripts/reports/yearly.lua")
        let error = #expect(throws: (any Error).self) { try sample.report("yearly", period: "2019") }
        #expect(String(describing: error).contains("attempt to perform arithmetic on a nil value"), "\(String(describing: error))")
        #expect(try files(in: folder) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.deletingLastPathComponent().path) == ["2019"])
    }

    @Test("A period's folder holds every format rendered for it, each replaced when rendered again", arguments: Backend.all)
    func aPeriodsFolderKeepsTheFormatsRenderedBefore(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        try sample.report("yearly", period: "2019", formats: "html")
        try sample.report("yearly", period: "2019", formats: "md,csv")
        let folder = URL(fileURLWithPath: sample.path("Reports/yearly/2019"))
        let manifest = try #require(ReportManifest.read(in: folder))
        let names = Set(manifest.files.map(\.name))
        #expect(names.contains("report.html") && names.contains("report.md") && names.contains("by-purpose.csv"))
        #expect(try Set(FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.contains(".") }) == names.union(["manifest.json"]))
        // A file changed by hand no longer matches its manifest entry: it is not carried over as the report's.
        try "edited".write(to: folder.appendingPathComponent("report.md"), atomically: true, encoding: .utf8)
        try sample.report("yearly", period: "2019", formats: "html")
        let after = try #require(ReportManifest.read(in: folder))
        #expect(!after.files.map(\.name).contains("report.md"))
        #expect(after.files.map(\.name).contains("by-purpose.csv"))
        #expect(after.figures?.first?.label == "New partnerships" && after.figures?.first?.value == 8)
    }

    @Test("When the report changed, the formats already in its folder are rendered again from it", arguments: Backend.all)
    func aChangedReportRendersItsOtherFormatsAgain(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        try sample.report("yearly", period: "2019", formats: "md,csv")
        let folder = URL(fileURLWithPath: sample.path("Reports/yearly/2019"))
        let script = try sample.read("Scripts/reports/yearly.lua")
        try sample.write(script.replacingOccurrences(of: "r:heading(\"The partnerships\")", with: "r:heading(\"The deals of the year\")"),
                         to: "Scripts/reports/yearly.lua")
        let (outcome, _) = try sample.report("yearly", period: "2019", formats: "html")
        guard case .written(_, let written) = outcome else { Issue.record("\(outcome)"); return }
        #expect(written.contains("report.html") && written.contains("report.md") && written.contains("by-purpose.csv"))
        #expect(try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8).contains("The deals of the year"))
        let manifest = try #require(ReportManifest.read(in: folder))
        // Rendered again with nothing changed, the other formats are kept as they are, not written.
        let (again, _) = try sample.report("yearly", period: "2019", formats: "html")
        guard case .written(_, let names) = again else { Issue.record("\(again)"); return }
        #expect(names == ["manifest.json", "report.html"])
        #expect(ReportManifest.read(in: folder)?.contentDigest == manifest.contentDigest)
    }

    @Test(arguments: Backend.all)
    func emptyPeriodsCanBeSkippedAndFormatsAreChecked(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        #expect(try sample.report("yearly", period: "2031", skipIfEmpty: true).outcome == .skipped)
        #expect(!FileManager.default.fileExists(atPath: sample.path("Reports/yearly")))
        let error = #expect(throws: ReportFormatError.self) { try sample.report("yearly", period: "2019", formats: "html,docx") }
        #expect(error?.description.hasPrefix("unknown format 'docx': use html, md, csv, json, xlsx or pdf") == true, "\(String(describing: error))")
        let none = #expect(throws: ReportFormatError.self) { try sample.report("yearly", period: "2019", formats: "") }
        #expect(none?.description == "--format: name at least one of html, md, csv, json, xlsx, pdf")
    }

    /// Amounts as exact as their sources: an approximate one marks its sum, one per winner is not added,
    /// a series counts by its editions, and figures read with their qualifiers.
    @Test(arguments: Backend.all)
    func approximateAmountsAmountsPerWinnerSeriesAndQualifiedFigures(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        try sample.write("""
            id,title,form,signed,series,related,parties,financials,figures,sources
            challenge,A yearly challenge,program,2031-01,true,,khidi:organizer,,,krpia-open-innovation
            challenge-2031,The challenge's 2031 edition,program,2031-03-01,,challenge:edition_of,khidi:organizer,grant|50000000|KRW||winner,participants=>100;winners=<=2,krpia-open-innovation
            fund-2031,A fund of about five billion won,investment,2031-05-10,,,khidi:investor,investment|~5000000000|KRW,,krpia-open-innovation

            """, to: "rich.csv")
        try sample.store.importFiles([sample.path("rich.csv")])
        let out = URL(fileURLWithPath: sample.path("y"))
        try sample.report("yearly", period: "2031", formats: "md,csv", out: out)
        let markdown = try sample.read("y/report.md")
        #expect(markdown.contains("**2 partnerships** are dated in 2031"), "the series is not counted, its edition is")
        #expect(markdown.contains("| Investment, approximate | KRW |"), "\(markdown)")
        #expect(markdown.contains("1 amount given per winner, per year or the like is not added up."))
        #expect(markdown.contains("series (recurring programme"))
        let list = try sample.read("y/partnerships.csv")
        #expect(list.contains("Grant: 50,000,000 KRW per winner"), "\(list)")
        #expect(list.contains("participants 100+; winners ≤ 2"))
        #expect(list.contains("Investment: about 5,000,000,000 KRW"))
    }

    @Test(arguments: Backend.all)
    func anAmountOf1Point2e15VNDImportsAndTheStandardReportsRenderItsPeriod(on backend: Backend) throws {
        let sample = try SampleWorkspace(on: backend)
        defer { sample.cleanUp() }
        try sample.write("""
            id,title,form,signed,parties,financials,sources
            vn-fund-2024,A Vietnamese fund for biotech,investment,2024-05-10,khidi:investor,fund|1200000000000000|VND|1.2 quadrillion dong,krpia-open-innovation

            """, to: "vnd.csv")
        try sample.store.importFiles([sample.path("vnd.csv")])
        for (report, period) in [("quarterly", "2024-Q2"), ("yearly", "2024")] {
            let out = URL(fileURLWithPath: sample.path(report))
            try sample.report(report, period: period, formats: "html,md,csv,json,xlsx", out: out)
            // Read in short form, kept whole in the CSV, the JSON and the workbook.
            #expect(try sample.read("\(report)/report.md").contains("| Fund | VND | VND 1,200tn | 1 |"), "\(report)")
            #expect(try sample.read("\(report)/committed.csv").contains("Fund,VND,1200000000000000,VND,1"), "\(report)")
            #expect(try sample.read("\(report)/report.json").contains("1200000000000000"), "\(report)")
            let workbook = try ReadWorkbook.read(out.appendingPathComponent("report.xlsx"))
            let amount = try #require(workbook["Amounts"]?.rows.first { $0.first?.text == "vn-fund-2024" })
            #expect(amount.map(\.type) == ["text", "text", "text", "number", "text", "text", "blank", "blank"])
            #expect(amount[3].number == 1.2e15 && amount[3].format == "#,##0 \"VND\"")
            let committed = try #require(workbook.sheets.first { sheet in
                sheet.rows.contains { row in row.contains { $0.number == 1.2e15 } } && sheet.name != "Amounts"
            }, "\(report): a table sheet with the fund")
            let fund = try #require(committed.rows.first { $0.contains { $0.number == 1.2e15 } })
            #expect(fund.contains { $0.number == 1.2e15 && $0.format.hasSuffix("\"VND\"") }, "\(fund)")
            #expect(fund.last?.text == "data")
        }

        try sample.write("id,title,form,signed,parties,financials,sources\nvn-too-much,Too much,investment,2024-05-10,"
                         + "khidi:investor,fund|2e18|VND,krpia-open-innovation\n", to: "huge.csv")
        let refused = #expect(throws: DataErrors.self) { try sample.store.importFiles([sample.path("huge.csv")]) }
        #expect(refused?.description.contains(
            "huge.csv:2: partnership 'vn-too-much' field 'financials[1].amount': must be 0 or between 1e-6 and 1e18, found 2e18") == true,
            "\(String(describing: refused))")
    }
}
