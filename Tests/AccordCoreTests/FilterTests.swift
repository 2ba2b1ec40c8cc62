import Foundation
import Testing
@testable import AccordCore

@Suite struct FilterTests {
    let store: Store

    init() throws {
        store = try Store.inMemory()
        func p(_ id: String, _ form: PartnershipForm, status: PartnershipStatus = .unknown, signed: String? = nil,
               announced: String? = nil, start: String? = nil, parties: [String], territories: [String] = [],
               tags: [String] = [], labels: [String] = []) -> Partnership {
            Partnership(id: id, title: id, form: form, status: status, announced: announced.map(date),
                        signed: signed.map(date), start: start.map(date),
                        parties: parties.map { Party(organization: $0, role: .collaborator) },
                        territories: territories, tags: tags, labels: labels, sources: ["s"])
        }
        try store.upsert(Dataset(
            sources: [Source(id: "s", title: "S")],
            organizations: [
                Organization(id: "roche", name: "Roche", kind: .globalPharma, country: "CH"),
                Organization(id: "roche-korea", name: "Roche Korea", kind: .globalPharma, country: "KR", parent: "roche"),
                Organization(id: "hanmi", name: "Hanmi Pharmaceutical", aliases: ["Hanmi", "한미약품"], kind: .localPharma, country: "KR"),
                Organization(id: "khidi", name: "KHIDI", aliases: ["Korea Health Industry Development Institute"],
                             kind: .governmentAgency, country: "KR"),
                Organization(id: "grindeks", name: "Grindeks", kind: .localPharma, country: "LV"),
                Organization(id: "roche-korea-diagnostics", name: "Roche Korea Diagnostics", kind: .medtech, country: "KR",
                             parent: "roche-korea"),
            ],
            partnerships: [
                p("year-only", .mou, signed: "2019", parties: ["roche-korea", "khidi"], territories: ["KR"], tags: ["Training"]),
                p("november", .license, status: .signed, signed: "2019-11", parties: ["hanmi", "roche"], territories: ["ASEAN"],
                  labels: ["rnd"]),
                p("october-day", .license, announced: "2019-10-05", parties: ["hanmi"], territories: ["GLOBAL"], tags: ["export"]),
                p("june", .distribution, start: "2019-06", parties: ["grindeks"], territories: ["BALTICS"]),
                p("undated", .mou, parties: ["khidi"], territories: ["TH"]),
                p("next-year", .investment, status: .active, signed: "2020-01-15", announced: "2019-12", parties: ["grindeks", "hanmi"]),
                p("grandchild", .mou, signed: "2021", parties: ["roche-korea-diagnostics"]),
            ]))
    }

    func ids(_ filter: PartnershipFilter) throws -> [String] { try store.partnerships(filter).map(\.id) }

    @Test func aFormOrAStatusIsFoundThroughThePeriodsIndexWithOrWithoutAPeriod() throws {
        let year = try Period.parse("2019")
        for filter in [PartnershipFilter(period: year, form: .mou), PartnershipFilter(period: year, status: .signed)] {
            let plan = try store.reading { db in
                try db.rows("EXPLAIN QUERY PLAN " + filter.select("COUNT(*)", ordered: false)) { row in row.text(3) ?? "" }
            }.joined(separator: "; ")
            #expect(plan.contains("partnership_period") && !plan.contains("partnership_form") && !plan.contains("partnership_status"),
                    "\(plan)")
        }
        // Without a period, a form or a status is counted from the period's index read through, not the table.
        for filter in [PartnershipFilter(form: .mou), PartnershipFilter(status: .signed)] {
            let plan = try store.reading { db in
                try db.rows("EXPLAIN QUERY PLAN " + filter.select("COUNT(*)", ordered: false)) { $0.text(3) ?? "" }
            }
            #expect(plan.joined().contains("COVERING INDEX partnership_period"), "\(plan)")
        }
        #expect(try ids(PartnershipFilter(form: .mou)).sorted() == ["grandchild", "undated", "year-only"])
        #expect(try ids(PartnershipFilter(status: .signed)) == ["november"])
    }

    @Test func aPartysPartnershipsAreFoundFromItsPartiesWhateverThePeriod() throws {
        for filter in [PartnershipFilter(party: "roche"), PartnershipFilter(period: try Period.parse("2019"), party: "roche")] {
            let plan = try store.reading { db in
                try db.rows("EXPLAIN QUERY PLAN " + filter.select("p.id", ordered: true)) { row in row.text(3) ?? "" }
            }.joined(separator: "; ")
            #expect(plan.contains("party_organization (organization_id=?)") && plan.contains("partnership_id (id=?)"), "\(plan)")
        }
    }

    @Test func aTagIsFoundWhateverItsCaseThroughTheTagsIndex() throws {
        for tag in ["training", "TRAINING", "Training"] { #expect(try ids(PartnershipFilter(tag: tag)) == ["year-only"], "\(tag)") }
        #expect(try ids(PartnershipFilter(tag: "train")) == [])
        let plan = try store.reading { db in
            try db.rows("EXPLAIN QUERY PLAN " + PartnershipFilter(tag: "Training").select("COUNT(*)", ordered: false)) { $0.text(3) ?? "" }
        }
        #expect(plan.joined().contains("INDEX tag_tag"), "\(plan)")
    }

    @Test func sortsByFilingDateThenIDWithUndatedLast() throws {
        #expect(try ids(PartnershipFilter()) == ["year-only", "june", "october-day", "november", "next-year", "grandchild", "undated"])
    }

    @Test func periodInsideAndCoarser() throws {
        let q4 = try Period.parse("2019-Q4")
        #expect(try ids(PartnershipFilter(period: q4)) == ["october-day", "november"])
        #expect(try ids(PartnershipFilter(period: q4, periodMembership: .coarser)) == ["year-only"])
        #expect(try ids(PartnershipFilter(period: q4, periodMembership: .outside)) == ["june", "next-year", "grandchild"])
        #expect(try ids(PartnershipFilter(period: .year(2019))) == ["year-only", "june", "october-day", "november"])
        #expect(try ids(PartnershipFilter(period: .month(2019, 10))) == ["october-day"])
        #expect(try ids(PartnershipFilter(period: .month(2019, 10), periodMembership: .coarser)) == ["year-only"])
        #expect(try ids(PartnershipFilter(period: .year(2020))) == ["next-year"], "filed under signed, not announced")
    }

    @Test("The database sorts dates of every precision into a period as the period itself does, across year ends")
    func membershipInTheDatabaseIsThePeriodsOwn() throws {
        let store = try Store.inMemory()
        let dates = ["2018", "2019", "2020", "2018-12", "2019-01", "2019-12", "2020-01", "2018-12-30", "2018-12-31",
                     "2019-01-01", "2019-06-30", "2019-12-29", "2019-12-30", "2019-12-31", "2020-01-01"]
        try store.upsert(Dataset(
            sources: [Source(id: "s", title: "S")],
            organizations: [Organization(id: "o", name: "O", kind: .biotech, country: "KR")],
            partnerships: dates.map { Partnership(id: $0, title: $0, form: .mou, signed: date($0),
                                                  parties: [Party(organization: "o", role: .collaborator)], sources: ["s"]) }))
        // Weeks that straddle a year end, months, quarters and years, on both sides of 2019.
        for text in ["2019-W01", "2020-W01", "2019-W52", "2019-01", "2019-12", "2020-01", "2019-Q1", "2019-Q4", "2018", "2019", "2020"] {
            let period = try Period.parse(text)
            for membership in Period.Membership.allCases {
                let expected = dates.filter { period.membership(of: date($0)) == membership }
                #expect(Set(try store.partnerships(PartnershipFilter(period: period, periodMembership: membership)).map(\.id))
                        == Set(expected), "\(text) \(membership)")
            }
        }
    }

    /// A group's partnerships are those of its subsidiaries at any depth.
    @Test func aGroupFindsItsSubsidiariesAtAnyDepth() throws {
        #expect(try ids(PartnershipFilter(party: "roche")) == ["year-only", "november", "grandchild"])
        #expect(try ids(PartnershipFilter(party: "Roche Korea")) == ["year-only", "grandchild"])
        #expect(try store.count(PartnershipFilter(party: "roche")) == 3)
    }

    @Test func partyByIDNameAliasOrGroup() throws {
        #expect(try ids(PartnershipFilter(party: "hanmi")) == ["october-day", "november", "next-year"])
        #expect(try ids(PartnershipFilter(party: "HANMI PHARMACEUTICAL")) == ["october-day", "november", "next-year"])
        #expect(try ids(PartnershipFilter(party: "한미약품")) == ["october-day", "november", "next-year"])
        #expect(try ids(PartnershipFilter(party: "korea health industry development institute")) == ["year-only", "undated"])
        #expect(try ids(PartnershipFilter(party: "roche")) == ["year-only", "november", "grandchild"], "roche-korea belongs to roche")
        #expect(try ids(PartnershipFilter(party: "roche-korea")) == ["year-only", "grandchild"])
        #expect(try ids(PartnershipFilter(party: "nobody")) == [])
    }

    @Test func countryAndKindOfSomeParty() throws {
        #expect(try ids(PartnershipFilter(country: "LV")) == ["june", "next-year"])
        #expect(try ids(PartnershipFilter(country: "CH")) == ["november"])
        #expect(try ids(PartnershipFilter(kind: .governmentAgency)) == ["year-only", "undated"])
    }

    @Test func formStatusTagIDsAndLimit() throws {
        #expect(try ids(PartnershipFilter(form: .license)) == ["october-day", "november"])
        #expect(try ids(PartnershipFilter(status: .active)) == ["next-year"])
        #expect(try ids(PartnershipFilter(tag: "training")) == ["year-only"])
        #expect(try ids(PartnershipFilter(ids: ["undated", "june", "missing"])) == ["june", "undated"])
        #expect(try ids(PartnershipFilter(limit: 2)) == ["year-only", "june"])
    }

    @Test func labelsSetByHandWinOverAssignedOnes() throws {
        let run = ClassificationRun(id: "run-1", started: .now, finished: .now, packs: "standard 1.0.0", partnerships: 2,
                                    labels: 3)
        func rule(_ label: String, primary: Bool = false) -> AssignedLabel {
            AssignedLabel(label: label, isPrimary: primary, origin: .rule, rule: "standard.\(label)", runID: run.id)
        }
        try store.saveClassification(run, labels: ["november": [rule("export", primary: true)],
                                                   "june": [rule("export", primary: true), rule("rnd")]])
        #expect(try ids(PartnershipFilter(label: "export")) == ["june"], "november's own labels win")
        #expect(try ids(PartnershipFilter(label: "rnd")) == ["june", "november"])
        #expect(try ids(PartnershipFilter(label: "training")) == [])
        #expect(try ids(PartnershipFilter(form: .license, label: "rnd")) == ["november"])
    }

    @Test func territoryMatchesGroupsThatCoverIt() throws {
        #expect(try ids(PartnershipFilter(territory: "TH")) == ["october-day", "november", "undated"])
        #expect(try ids(PartnershipFilter(territory: "LV")) == ["june", "october-day"])
        #expect(try ids(PartnershipFilter(territory: "ASEAN")) == ["october-day", "november"])
    }

    @Test func conditionsCombine() throws {
        let q4 = try Period.parse("2019-Q4")
        #expect(try ids(PartnershipFilter(period: q4, party: "roche")) == ["november"])
        #expect(try ids(PartnershipFilter(country: "KR", form: .mou, territory: "KR")) == ["year-only"])
    }

    @Test func loadsWholeRecords() throws {
        let p = try #require(try store.partnerships(PartnershipFilter(party: "grindeks")).last)
        #expect(p.parties.map(\.organization) == ["grindeks", "hanmi"])
        #expect(p.sources == ["s"] && p.announced == date("2019-12"))
    }

    @Test func organizationFilters() throws {
        #expect(try store.organizations().map(\.id) == ["grindeks", "hanmi", "khidi", "roche", "roche-korea", "roche-korea-diagnostics"])
        #expect(try store.organizations(OrganizationFilter(kind: .localPharma)).map(\.id) == ["grindeks", "hanmi"])
        #expect(try store.organizations(OrganizationFilter(country: "KR")).map(\.id) == ["hanmi", "khidi", "roche-korea", "roche-korea-diagnostics"])
        #expect(try store.organizations(OrganizationFilter(name: "hanmi")).map(\.id) == ["hanmi"])
        #expect(try store.organizations(OrganizationFilter(name: "roche korea")).map(\.id) == ["roche-korea"])
        #expect(try store.organizations(OrganizationFilter(country: "KR", ids: ["roche", "khidi"])).map(\.id) == ["khidi"])
        #expect(try store.organizations(OrganizationFilter(name: "hanmi"))[0].aliases == ["Hanmi", "한미약품"])
    }

    @Test func anOrganizationIsFoundByNameOrAliasThroughTheirIndexes() throws {
        #expect(try store.organizations(OrganizationFilter(name: "한미약품")).map(\.id) == ["hanmi"])
        let plan = try store.reading { db in
            try db.rows("EXPLAIN QUERY PLAN " + OrganizationFilter(name: "Hanmi").sql) { $0.text(3) ?? "" }
        }
        #expect(plan.contains { $0.contains("INDEX organization_name_key") }, "\(plan)")
        #expect(plan.contains { $0.contains("INDEX organization_alias_key") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN o") }, "\(plan)")
    }

    @Test func organizationsReadWithoutTheirListsKeepTheirNamesAndCountries() throws {
        let filter = OrganizationFilter(ids: ["khidi", "hanmi", "nobody"])
        let whole = try store.organizations(filter), named = try store.organizationsWithoutLists(filter)
        #expect(named.map(\.id) == ["hanmi", "khidi"])
        #expect(named.map(\.name) == whole.map(\.name) && named.map(\.country) == whole.map(\.country))
        #expect(whole[0].aliases == ["Hanmi", "한미약품"] && named.allSatisfy { $0.aliases.isEmpty && $0.sources.isEmpty })
    }

    @Test func everyOrganizationReadAtOnceHasTheAliasesAndSourcesEachHasWhenNamed() throws {
        let every = try store.organizations()
        #expect(every.count == 6)
        for o in every { #expect(try store.organizations(OrganizationFilter(ids: [o.id])) == [o]) }
        #expect(every.first { $0.id == "hanmi" }?.aliases == ["Hanmi", "한미약품"])
        #expect(every.first { $0.id == "khidi" }?.aliases == ["Korea Health Industry Development Institute"])
    }
}
