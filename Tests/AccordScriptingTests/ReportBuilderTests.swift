import AccordCore
import AccordReports
import AccordScripting
import Foundation
import LuaKit
import Testing

/// Report scripts: the declaration, the builder, and the document it makes.
@Suite struct ReportBuilderTests {
    private func run(_ source: String, period: String = "2019-Q4", params: [String: String] = [:],
                     adding more: [Partnership] = []) throws -> (ReportScript, ReportDocument) {
        let report = try FixtureReport(source, adding: more)
        return (report.script, try report.build(period, params: params))
    }

    static let overview = """
        return accord.report {
          title = "Overview", grain = "quarter", formats = { "html", "csv" }, params = { org = "An organization id" },
          build = function(r, period, params)
            local deals = accord.partnerships{ period = period }
            r:heading("Partnerships in " .. period.label, 1)
            r:figures{
              { label = "New partnerships", value = function(p) return accord.partnerships{ period = p } end },
              { label = "Fixed", value = 7, previous = 5 },
            }
            r:breakdown{ id = "by-form", title = "By form", of = deals, by = "form", column = "Form", chart = "bar" }
            r:table{ id = "money", title = "Money", columns = { "Deal", { title = "Amount", unit = "KRW" } },
                     rows = { { deals[1], 12.5 } } }
            r:partnerships{ title = "All", items = deals }
            r:paragraph("For **" .. tostring(params.org) .. "**")
          end,
        }
        """

    @Test func theBuilderMakesADocumentThatKeepsItsPartnerships() throws {
        let (script, document) = try run(Self.overview, params: ["org": "khidi"])
        #expect(script.id == "overview")
        #expect(script.grain == .quarter)
        #expect(script.formats == ["html", "csv"])
        #expect(script.params.map(\.name) == ["org"])
        #expect(script.digest.hasPrefix("sha256:"))
        #expect(document.period == ReportPeriod(label: "2019-Q4", grain: "quarter", start: "2019-10-01", finish: "2019-12-31",
                                                previous: "2019-Q3", yearBefore: "2018-Q4"))
        guard case .figures(let figures) = document.blocks[1] else { Issue.record("no figures"); return }
        // A value computed for the period is computed for the seven before it too, for the sparkline.
        #expect(figures[0] == KeyFigure(label: "New partnerships", value: 1, previous: 0, yearBefore: 0, partnerships: ["export-q4"],
                                        trend: [0, 0, 0, 0, 0, 0, 0, 1]))
        #expect(figures[1] == KeyFigure(label: "Fixed", value: 7, previous: 5))
        guard case .table(let byForm) = document.blocks[2] else { Issue.record("no table"); return }
        #expect(byForm.columns.map(\.kind) == [.text, .number])
        #expect(byForm.rows == [[TableCell(text: "export_contract"), TableCell(number: 1, partnerships: ["export-q4"])]])
        #expect(byForm.totals)
        guard case .chart(let chart) = document.blocks[3] else { Issue.record("no chart"); return }
        #expect(chart.id == "by-form-chart")
        #expect(chart.series == [ChartSeries(name: "Partnerships", values: [1], partnerships: [["export-q4"]])])
        guard case .table(let money) = document.blocks[4] else { Issue.record("no table"); return }
        #expect(money.rows == [[TableCell(text: "Export contract to Southeast Asia", partnerships: ["export-q4"]), TableCell(number: 12.5)]])
        #expect(money.columns[1].unit == "KRW")
        guard case .partnerships(let list) = document.blocks[5] else { Issue.record("no list"); return }
        #expect(list.items.map(\.id) == ["export-q4"])
        #expect(list.items[0].parties == ["DKSH Korea (distributor)", "Hanmi Pharmaceutical (exporter)"])
        #expect(list.items[0].sources == [SourceLink(title: "A news report", url: nil)])
        #expect(document.blocks[6] == .paragraph(text: "For **khidi**"))
        // "year-only" is dated 2019: it overlaps 2019-Q4 but cannot be placed in it.
        #expect(document.blocks.last == .note(text: "1 partnership is dated to the year only (2019): Precision medicine investment. "
                                           + "It overlaps 2019-Q4 but is not counted in it."))
    }

    @Test func aFiguresEarlierPeriodsAreCountedWithoutListingTheirIDs() throws {
        // An `accord.ids` collection lists its ids when first indexed; `rawget` sees whether it was.
        let (_, document) = try run("""
            return accord.report { title = "T", grain = "quarter", build = function(r, period)
              local asked = {}
              local function filed(p)
                asked[#asked + 1] = accord.ids{ period = p }
                return asked[#asked]
              end
              r:figures{ { label = "New", value = filed } }
              local listed = {}
              for i, c in ipairs(asked) do listed[#listed + 1] = tostring(rawget(c, 1) ~= nil) end
              r:paragraph(table.concat(listed, " "))
            end }
            """, period: "2020-Q1")
        guard case .figures(let figures) = document.blocks[0] else { Issue.record("no figures"); return }
        // 2019-Q4, the quarter before, has a partnership: counted, and not listed.
        #expect(figures[0] == KeyFigure(label: "New", value: 0, previous: 1, yearBefore: 0, partnerships: [],
                                        trend: [0, 0, 0, 0, 0, 0, 1, 0]))
        // The period's own collection, then the seven before it and the year before.
        #expect(document.blocks[1] == .paragraph(text: "false false false false false false false false false"))
    }

    @Test func aBreakdownsChartSharesItsTablesListsOfIDs() throws {
        let (_, document) = try run("""
            return accord.report { title = "T", grain = "year", build = function(r, period)
              r:breakdown{ id = "by-form", title = "By form", of = accord.ids{ period = period }, by = "form",
                           column = "Form", chart = "bar", show = "both" }
            end }
            """, period: "2019")
        guard case .chart(let chart) = document.blocks[0], case .table(let table) = document.blocks[1] else {
            Issue.record("no chart and table: \(document.blocks)")
            return
        }
        let lists = table.rows.map { $0[1].partnerships }
        #expect(lists.count > 1 && lists.allSatisfy { !$0.isEmpty })
        #expect(chart.series[0].partnerships == lists)
        // Read once from Lua: the chart's arrays are the table's.
        func storage(_ ids: [String]) -> UnsafeRawPointer? { ids.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) } }
        #expect(chart.series[0].partnerships.map(storage) == lists.map(storage))
    }

    @Test func theCoarseDateNoteNamesTheFirstFiveAndCountsTheRest() throws {
        func deal(_ id: String, _ title: String, _ date: String) -> Partnership {
            Partnership(id: id, title: title, form: .mou, status: .signed, signed: PartialDate(date),
                        parties: [Party(organization: "khidi", role: .signatory)], sources: ["news"])
        }
        let more = (1...7).map { deal("y\($0)", "Year deal \($0)", "2019") } + [deal("placed", "Placed in the quarter", "2019-10")]
        let (_, document) = try run("""
            return accord.report { title = "T", grain = "quarter", build = function(r) r:heading("Quarter") end }
            """, adding: more)
        // By filing date, then id: y1…y7 come before the fixture's "year-only", dated 2019 too.
        let note = "8 partnerships are dated to the year only (2019): Year deal 1; Year deal 2; Year deal 3; Year deal 4; "
            + "Year deal 5; and 3 more. They overlap 2019-Q4 but are not counted in it."
        #expect(document.blocks.last == .note(text: note))
    }

    @Test func mistakesNameTheScriptLine() throws {
        func message(_ build: String) throws -> String {
            do {
                _ = try run("return accord.report { title = \"T\", grain = \"quarter\", build = function(r, period)\n\(build)\nend }")
                return "no error"
            } catch let error as LuaError {
                return error.message
            }
        }
        #expect(try message("r:table{ id = \"By Form\", title = \"x\", columns = {\"a\"}, rows = {} }")
                == "Scripts/reports/overview.lua:2: table: 'id' must be lower-case letters, digits and dashes, starting with a letter (it names a file), not \"By Form\"")
        #expect(try message("r:figures{ { label = \"x\", valeu = 1 } }")
                == "Scripts/reports/overview.lua:2: figures: unknown field 'valeu' (did you mean 'value'?)")
        #expect(try message("r:bar_chart{ id = \"a\", title = \"a\", categories = {\"x\"}, series = { { name = \"s\", values = { \"3\" } } } }")
                == "Scripts/reports/overview.lua:2: bar_chart series 1 value 1: expected a number or a collection of partnerships, got string")
        #expect(try message("r:tabel{}").hasPrefix("Scripts/reports/overview.lua:2: the report builder has no method 'tabel' (did you mean 'table'?)"))
        #expect(try message("r.heading(\"x\")").hasPrefix("Scripts/reports/overview.lua:2: call the builder's methods with ':'"))
        #expect(try message("r:table{ id = \"a\", title = \"a\", columns = {\"x\"}, rows = {} }\nr:bar_chart{ id = \"a\", title = \"a\", categories = {}, series = { { name = \"s\", values = {} } } }")
                == "Scripts/reports/overview.lua:3: bar_chart: id 'a' is already used by another table or chart")
    }

    @Test func hostileValuesAreRefusedAtTheScriptLine() throws {
        func message(_ source: String) throws -> String {
            do { _ = try run(source); return "no error" } catch let error as LuaError { return error.message }
        }
        #expect(try message("return accord.report { id = \"../../tmp/x\", title = \"T\", grain = \"quarter\", build = function() end }")
                .hasPrefix("Scripts/reports/overview.lua:1: report: 'id' must be lower-case letters"))
        #expect(try message("return accord.report { title = \"T\", grain = \"quarter\", build = function(r)\n"
            + "r:table{ id = \"t\", title = \"t\", columns = {\"a\", \"b\"}, rows = {{\"x\", 1e307}} }\nend }")
                == "Scripts/reports/overview.lua:2: table 't' row 1 column 2: 1e+307 is out of range (numbers are 0, or between 1e-6 and 1e24 in size)")
        #expect(try message("return accord.report { title = \"T\", grain = \"quarter\", build = function(r)\n"
            + "r:table{ id = \"t\", title = \"t\", columns = {\"a\", \"b\"}, rows = {{\"VND\", 1.2e15}, {\"sum\", 1e24}} }\nend }")
                == "no error")
        #expect(try message("return accord.report { title = \"T\", grain = \"quarter\", formats = { \"docx\" }, build = function() end }")
                == "Scripts/reports/overview.lua:1: report: format docx is not html, md, csv, json, xlsx or pdf")
    }

    @Test func breakdownsKeepPartnershipsWithoutAKey() throws {
        let (_, document) = try run("""
            return accord.report { title = "T", grain = "year", build = function(r, period)
              local all = accord.partnerships()
              r:breakdown{ id = "b", title = "By tag", of = all, by = function(p) return p.tags[1] end, top = 1 }
              r:coarse_dates(accord.partnerships{ period = period, dated = "coarser", party = "nobody" })
            end }
            """, period: "2019")
        guard case .table(let table) = document.blocks[0] else { Issue.record("no table"); return }
        // The two tags tie at the cut: both are shown rather than one cut by name.
        #expect(table.rows.map { $0[0].text } == ["precision-medicine", "training", "(none)"])
        #expect(table.rows.map { $0[1].number } == [1, 1, 1])
        #expect(table.other == nil)
        #expect(table.totals)
        #expect(document.blocks.count == 1) // the scoped line has nobody to count, and replaces the default one
    }

    /// Rows of a ranking of 3, 1 and 1 partnerships: a key all share, and one for each form but the programme.
    private func ranking(top: Int) throws -> [String?] {
        let (_, document) = try run("""
            return accord.report { title = "T", grain = "year", build = function(r)
              local by = function(p) return p.form == "program" and { "shared" } or { "shared", p.form } end
              r:breakdown{ id = "b", title = "T", of = accord.partnerships(), by = by, top = \(top) }
            end }
            """, period: "2019")
        guard case .table(let table) = document.blocks[0] else { return [] }
        return table.rows.map { $0[0].text }
    }

    @Test func aTieAtTheCutIsShownWholeOrSaidAloud() throws {
        // shared 3, then export_contract 1 and investment 1 tie: a cut after one of them shows both.
        #expect(try ranking(top: 2) == ["shared", "export_contract", "investment"])
        // No tie at the cut: the rest is lumped together.
        #expect(try ranking(top: 1) == ["shared", "Other (2 more)"])
    }

    @Test func aRankingOfManyKeysShowsTheTopAndItsTieAndLumpsTheRestUnnamed() throws {
        // The i-th partnership (by id) has keys k01 to k(3i): the first three are counted by all.
        let (_, document) = try run("""
            return accord.report { title = "T", grain = "year", build = function(r)
              local all = accord.partnerships()
              local place, named = {}, {}
              for i, p in ipairs(all:sort_by("id")) do place[p.id] = i end
              local by = function(p)
                local keys = {}
                for j = 1, 3 * place[p.id] do keys[j] = string.format("k%02d", j) end
                return keys
              end
              local name = function(k)
                named[#named + 1] = k
                return k:upper()
              end
              r:breakdown{ id = "b", title = "T", of = all, by = by, name = name, top = 4 }
              table.sort(named)
              r:paragraph(table.concat(named, " "))
            end }
            """, period: "2019")
        guard case .table(let table) = document.blocks[0] else { Issue.record("no table"); return }
        let texts = table.rows.map { $0[0].text }
        // K04 ties K05 and K06 at the cut: all three are shown, in the order of their names.
        #expect(Array(texts.prefix(6)) == ["K01", "K02", "K03", "K04", "K05", "K06"])
        #expect(texts.count == 7)
        #expect(texts.last??.hasPrefix("Other (") == true)
        #expect(table.other == 6)
        // The keys lumped together are never named (all nine were).
        guard case .paragraph(let named) = document.blocks.last else { Issue.record("no paragraph"); return }
        #expect(named == "k01 k02 k03 k04 k05 k06")
    }

    /// Partnerships of 2019 whose products name many therapeutic areas, counted unevenly and with
    /// ties: the i-th names areas a01 to a(i mod 13), some twice; every fifth has no product, and
    /// every third no party.
    private static let manyAreas = (1...40).map { i in
        Partnership(id: String(format: "areas-%02d", i), title: "Areas \(i)", form: .license, status: .signed,
                    signed: PartialDate("2019-03"),
                    parties: i % 3 == 0 ? [] : [Party(organization: i % 2 == 0 ? "hanmi" : "roche", role: .licensor)],
                    products: i % 5 == 0 ? [] : (0...(i % 13)).map { a in
                        Product(name: "P\(a)", kind: .drug, therapeuticArea: String(format: "a%02d", a % 11))
                    },
                    sources: ["news"])
    }

    @Test(arguments: [1, 2, 3, 4, 6])
    func aRankingOfADimensionKeptByTheHostIsTheRankingLuaMakes(top: Int) throws {
        // The same breakdown of `accord.ids` by a dimension, which the host groups and trims to the
        // groups a ranking can show, and of the records by a function, which Lua groups whole.
        let (_, document) = try run("""
            local function areas(p)
              local out, seen = {}, {}
              for _, product in ipairs(p.products) do
                local area = product.therapeutic_area
                if area and not seen[area] then seen[area] = true; out[#out + 1] = area end
              end
              return out
            end
            return accord.report { title = "T", grain = "year", build = function(r, period)
              local ids = accord.ids{ period = period }
              local function both(id, of)
                r:breakdown{ id = id, title = "T", of = of, by = "area", top = \(top), noun = "areas", show = "table" }
                r:breakdown{ id = id .. "-lua", title = "T", of = of:partnerships(), by = areas, top = \(top), noun = "areas",
                             show = "table" }
              end
              both("all", ids)
              both("abroad", ids:where{ abroad = true })
            end }
            """, period: "2019", adding: Self.manyAreas)
        let tables = document.blocks.compactMap { block -> ReportTable? in
            guard case .table(let table) = block else { return nil }
            return table
        }
        #expect(tables.map(\.id) == ["all", "all-lua", "abroad", "abroad-lua"])
        for (host, lua) in [(tables[0], tables[1]), (tables[2], tables[3])] {
            #expect(host.rows == lua.rows, "\(host.id)")
            #expect(host.other == lua.other, "\(host.id)")
            #expect(host.other != nil, "\(host.id): eleven areas, some lumped together")
        }
    }

    @Test func aTieThatCannotBeShownIsSaidInTheOtherRow() throws {
        let (_, document) = try run("""
            return accord.report { title = "T", grain = "year", build = function(r)
              r:breakdown{ id = "b", title = "T", of = accord.partnerships(), by = "id", top = 1 }
            end }
            """, period: "2019")
        guard case .table(let table) = document.blocks[0] else { Issue.record("no table"); return }
        #expect(table.rows.map { $0[0].text } == ["academy-2020", "Other (2 more, 2 of them tied with the last shown)"])
        #expect(table.other == 1) // the workbook sets it apart from the data rows
    }

    @Test func amountsOfMoneyKeepTheirCurrencyAndPartnerships() throws {
        let (_, document) = try run("""
            return accord.report { title = "T", grain = "year", build = function(r)
              local deals = accord.partnerships{ form = "export_contract" }
              r:table{ id = "m", title = "Money", columns = { "Kind", { title = "Committed", format = "money" } },
                       rows = { { "Export", { amount = 12.5e9, currency = "KRW", of = deals } } } }
            end }
            """, period: "2019")
        guard case .table(let table) = document.blocks[0] else { Issue.record("no table"); return }
        #expect(table.rows[0][1] == TableCell(number: 12.5e9, partnerships: ["export-q4"], unit: "KRW"))
        #expect(table.columns[1].format == .money)
    }

    @Test func aMistakenAmountOrFormatNamesItsPlace() throws {
        let currency = try #require(throws: LuaError.self) {
            _ = try run("""
                return accord.report { title = "T", grain = "year", build = function(r)
                  r:table{ id = "m", title = "M", columns = { "A" }, rows = { { { amount = 1, currency = "won" } } } }
                end }
                """)
        }
        #expect(currency.message.contains("overview.lua:2: table 'm' row 1 column 1: 'currency' must be an ISO 4217 code"))
        let format = try #require(throws: LuaError.self) {
            _ = try run("""
                return accord.report { title = "T", grain = "year", build = function(r)
                  r:table{ id = "m", title = "M", columns = { { title = "A", format = "money!" } }, rows = {} }
                end }
                """)
        }
        #expect(format.message.contains("column 1: 'format' must be integer, decimal, percent, money or date"))
    }

    @Test func highlightsSayWhatMovedNotably() throws {
        let (_, document) = try run("""
            return accord.report { title = "T", grain = "quarter", build = function(r)
              r:highlights{ of = function(p) return accord.partnerships{ period = p } end, by = "form",
                            name = accord.names.form, noun = "form" }
            end }
            """)
        // One export contract in 2019-Q4, none in 2019-Q3: a move of 1 is not notable.
        #expect(document.blocks.first == .highlights(text: "Partnerships rose to 1, from none in 2019-Q3. "
            + "No form moved by 2 or more and by a quarter or more."))
    }

    @Test func theOtherRowSaysWhatItHidesAndWhatItCounts() throws {
        let (_, document) = try run("""
            return accord.report { title = "T", grain = "year", build = function(r)
              local by = function(p) return p.form == "program" and { "shared" } or { "shared", p.form } end
              r:breakdown{ id = "b", title = "T", of = accord.partnerships(), by = by, top = 1, noun = "forms" }
            end }
            """, period: "2019")
        guard case .table(let table) = document.blocks[0] else { Issue.record("no table"); return }
        #expect(table.rows.map { $0[0].text } == ["shared", "Other (2 more forms, 2 partnerships)"])
    }

    @Test func aComparisonKeepsTheKeysThatVanished() throws {
        let (_, document) = try run("""
            return accord.report { title = "T", grain = "year", build = function(r, period)
              r:breakdown{ id = "b", title = "T", of = accord.partnerships{ period = period }, by = "form",
                           compare = function(p) return accord.partnerships{ period = p } end }
            end }
            """, period: "2020")
        // With comparisons the table is shown too, under the chart, which carries the title.
        guard case .chart = document.blocks[0], case .table(let table) = document.blocks[1] else {
            Issue.record("no chart and table"); return
        }
        #expect(!table.titleShown)
        // 2020 has the programme; 2019 had the export contract and the investment, none in 2020.
        #expect(table.columns.map(\.title) == ["", "Partnerships", "2019", "Change", "Last 8"])
        #expect(table.rows.map { $0[0].text } == ["program", "export_contract", "investment"])
        #expect(table.rows.map { $0[3].text } == ["new", "−1 (−100.0%)", "−1 (−100.0%)"])
        // Each key's counts over the last eight years, for the row's sparkline.
        #expect(table.rows.map { $0[4].trend } == [[0, 0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 0, 1, 0]])
    }

    @Test func keysThatVanishedAreNotLumpedIntoOther() throws {
        let (_, document) = try run("""
            return accord.report { title = "T", grain = "year", build = function(r, period)
              r:breakdown{ id = "b", title = "T", of = accord.partnerships{ period = period }, by = "form", top = 1,
                           show = "table", compare = function(p) return accord.partnerships{ period = p } end }
            end }
            """, period: "2020")
        guard case .table(let table) = document.blocks[0] else { Issue.record("no table"); return }
        // Past the cut are only the two forms 2019 had: no Other row counts them.
        #expect(table.rows.map { $0[0].text } == ["program"])
        #expect(table.columns[2].additive == false, "the earlier period's counts are not totalled")
    }

    @Test func theWorkbookRendersBesideTheOtherFormatsAndComesLastAsItWouldAlone() throws {
        let report = try FixtureReport(Self.overview)
        let document = try report.build("2019-Q4", params: ["org": "khidi"])
        var delivered: [RenderedFile] = []
        try report.host.render(document, script: report.script, as: [.xlsx, .html, .md]) { delivered.append($0) }
        #expect(delivered.map(\.name).filter { !$0.hasPrefix("charts/") } == ["report.html", "report.md", "report.xlsx"])
        #expect(delivered.last == (try ReportRenderer.render(document, as: .xlsx, with: RenderContext())).first)
    }

    @Test func theDeclarationIsChecked() throws {
        #expect(throws: LuaError.self) { _ = try run("return accord.report { title = \"T\", grain = \"week\", build = function() end }") }
        let error = try #require(throws: LuaError.self) {
            _ = try run("return accord.report { title = \"T\", grain = \"year\", biuld = function() end }")
        }
        #expect(error.message == "Scripts/reports/overview.lua:1: report: unknown field 'biuld' (did you mean 'build'?)")
    }

    @Test func everyDeclaredBuilderMethodExists() throws {
        let checks = AccordAPI.reportBuilder.methods.map { "assert(type(r.\($0.name)) == 'function', '\($0.name)')" }
        _ = try run("return accord.report { title = \"T\", grain = \"year\", build = function(r)\n"
            + checks.joined(separator: "\n") + "\nend }")
    }
}
