import Foundation
import AccordCore
import Testing

@Suite struct RecordTests {
    @Test func recordsReadLikeTables() throws {
        try Fixture.check("""
            local p = accord.partnership("year-only")
            assert(p.title == "Precision medicine investment")
            assert(p.form == "investment" and p.status == "signed")
            assert(p.signed == "2019" and p.date == "2019" and p.precision == "year")
            assert(p.finish == nil and p.summary == "Five-year research investment.")
            assert(p.duration_months == 60)
            assert(#p.parties == 2 and p.parties[2].role == "investor")
            assert(p.parties[2].organization.parent == "roche")
            assert(p.parties[1].kind == "government_agency" and p.parties[1].country == "KR")
            assert(p.financials[1].amount == 170000000000 and p.financials[1].currency == "KRW")
            assert(p.sources[1].title == "A news report" and p.sources[1].published == "2019-12")
            assert(p.figures.participants == nil)
            assert(accord.partnership("academy-2020").figures.participants == 12)
            assert(accord.partnership("nope") == nil)
            """)
    }

    @Test func misspeltFieldSuggestsTheRealOne() throws {
        let message = try Fixture.error("local p = accord.partnership('year-only')\nprint(p.titel)")
        #expect(message == "bad.lua:2: unknown field 'titel' (did you mean 'title'?)")
    }

    @Test func endIsSpeltFinish() throws {
        let message = try Fixture.error("local p = accord.partnership('year-only'); return p['end']")
        #expect(message.hasSuffix("unknown field 'end' (did you mean 'finish'?)"))
    }

    @Test func strictFieldsOnNestedRecordsAndCollections() throws {
        #expect(try Fixture.error("return accord.partnership('export-q4').products[1].indicaton")
            .hasSuffix("unknown field 'indicaton' (did you mean 'indication'?)"))
        #expect(try Fixture.error("return accord.partnerships():fitler(print)")
            .hasSuffix("unknown field 'fitler' (did you mean 'filter'?)"))
        #expect(try Fixture.error("accord.partnership('export-q4').extra = 1")
            .hasSuffix("cannot add field 'extra' to a partnership"))
    }

    @Test func labelsAreManualElseSaved() throws {
        let host = try Fixture.host { store in
            let run = ClassificationRun(id: "run-1", started: Date(timeIntervalSince1970: 0), finished: Date(timeIntervalSince1970: 1),
                                        packs: "standard 1.0.0", partnerships: 2, labels: 3)
            try store.saveClassification(run, labels: [
                "export-q4": [AssignedLabel(label: "export", isPrimary: true, origin: .rule, runID: "run-1"),
                              AssignedLabel(label: "rnd", isPrimary: false, origin: .rule, runID: "run-1")],
                "academy-2020": [AssignedLabel(label: "policy", isPrimary: true, origin: .rule, runID: "run-1")],
            ])
        }
        try host.run("""
            assert(table.concat(accord.partnership("export-q4").labels, ",") == "export,rnd")
            assert(table.concat(accord.partnership("academy-2020").labels, ",") == "training")  -- set by hand
            assert(#accord.partnership("year-only").labels == 0)
            assert(#accord.partnerships():filter(function(p) return p.labels[1] == "export" end) == 1)
            """, chunkName: "labels.lua")
    }

    @Test func pairsAndTostring() throws {
        try Fixture.check("""
            local p = accord.partnership("export-q4")
            local keys = {}
            for k in pairs(p) do keys[#keys + 1] = k end
            table.sort(keys)
            assert(table.concat(keys, ",") == "date,figure_qualifiers,figures,financials,form,id,labels,parties,people,precision,products,related,series,signed,sources,status,tags,territories,title", table.concat(keys, ","))
            assert(tostring(p) == "partnership export-q4: Export contract to Southeast Asia (export_contract, 2019-11-05)", tostring(p))
            assert(tostring(p.parties[1]) == "DKSH Korea (distributor)")
            assert(tostring(accord.organization("KHIDI")) == "organization khidi: Korea Health Industry Development Institute (government_agency, KR)")
            assert(tostring(accord.partnerships()) == "collection of 3 partnerships")
            """)
    }

    @Test func helpers() throws {
        try Fixture.check("""
            local p = accord.partnership("export-q4")
            local ok, word = p:mentions("licence", "EXPORT")
            assert(ok and word == "EXPORT")
            assert(p:mentions("hypertension"))
            assert(not p:mentions("vaccine"))
            assert(p:involves("Hanmi") and p:involves("hanmi"))
            assert(p:involves{kind = "distributor", country = "KR"})
            assert(not p:involves{kind = "distributor", role = "exporter"})
            local ok2, party = p:involves{role = "exporter"}
            assert(ok2 and party.id == "hanmi")
            assert(p:party("dksh korea").role == "distributor")
            assert(p:party("DKSH") == nil, "names match whole, not in part")
            assert(p:party("nobody") == nil)
            assert(p:covers("TH") and p:covers("TW") and not p:covers("JP"))
            local roche = accord.partnership("year-only")
            assert(roche:involves{parent = "roche"})
            assert(roche:involves("roche") and roche:party("roche").id == "roche-korea")
            assert(roche:involves("korea roche"))
            """)
    }

    @Test func helperArgumentErrorsNameTheScriptLine() throws {
        #expect(try Fixture.error("local p = accord.partnership('export-q4')\nlocal _ = p:mentions(42)")
            == "bad.lua:2: bad argument #1 to 'mentions' (string expected, got number)")
    }
}
