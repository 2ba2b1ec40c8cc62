@testable import AccordCore

/// A dataset that uses every field, with text that stresses every format: separators,
/// escapes, quotes, newlines, YAML look-alikes and non-ASCII letters. Values have no
/// leading or trailing whitespace, which import drops.
let richDataset = Dataset(
    sources: [
        Source(id: "2019", title: "2019"),
        Source(id: "krpia", title: "KRPIA, \"open innovation\" cases; part 1|2 \\ more", publisher: "KRPIA",
               published: date("2019-06"), url: "https://example.org/a;b?c=1|2&d=\\e", document: "C:\\docs\\krpia.pdf"),
        Source(id: "lv-press", title: "Latvijas ēņ — 한국 제약", publisher: "null", published: date("2020-04-17")),
        Source(id: "yearly", title: "- looks like: a list item # not a comment", published: date("2018")),
    ],
    organizations: [
        Organization(id: "dksh", name: "DKSH", kind: .distributor, country: "CH", sources: ["krpia"]),
        Organization(id: "dksh-korea", name: "DKSH Korea", aliases: ["DKSH KR", "디케이에스에이치"], kind: .distributor,
                     country: "KR", parent: "dksh"),
        Organization(id: "grindeks", name: "Grindeks", aliases: ["A;B", "C|D", "E\\F", "yes", "2019-06-01"],
                     kind: .localPharma, country: "LV", sources: ["lv-press", "yearly"]),
        Organization(id: "hanmi", name: "Hanmi Pharmaceutical", aliases: ["Hanmi"], kind: .localPharma, country: "KR"),
        Organization(id: "khidi", name: "Korea Health Industry Development Institute", aliases: ["KHIDI"],
                     kind: .governmentAgency, country: "KR"),
    ],
    partnerships: [
        Partnership(
            id: "dksh-hanmi-sea-export-2013", title: "DKSH exports Hanmi's drugs: \"Amosartan\", etc.",
            summary: "Ten-year contract.\nLine two, with a comma; a semicolon | a bar \\ a backslash.\n\tIndented line ē ņ 한국",
            form: .exportContract, status: .signed, announced: date("2013"), signed: date("2013-06"),
            start: date("2013-07-01"), end: date("2023-06"), durationMonths: 120,
            parties: [Party(organization: "dksh-korea", role: .distributor), Party(organization: "hanmi", role: .exporter)],
            territories: ["TH", "TW", "SG", "ASEAN"],
            products: [Product(name: "Amosartan", kind: .drug, indication: "hypertension", therapeuticArea: "cardiovascular"),
                       Product(name: "Eso;mezol|X\\Y", kind: .drug, therapeuticArea: "gastro: \"GI\""),
                       Product(name: "Rolontis", kind: .biosimilar)],
            financials: [FinancialTerm(type: .investment, amount: 170_000_000_000, currency: "KRW",
                                       wording: "170 billion won; over five years | approx."),
                         FinancialTerm(type: .milestone, amount: 12.5, currency: "USD"),
                         FinancialTerm(type: .royalty, amount: 0.1, currency: "EUR", wording: "multi\nline"),
                         FinancialTerm(type: .upfront, amount: 1_234_567.891, currency: "USD"),
                         FinancialTerm(type: .dealValue, amount: 1e18, currency: "JPY"),
                         FinancialTerm(type: .other, wording: "undisclosed"),
                         FinancialTerm(type: .fund)],
            figures: [.participants: 100, .organizations: 34, .countries: 0],
            tags: ["export", "null", "true", "~", "2019", "a,b", "tag; with | separators"],
            labels: ["export", "open_innovation", "co-marketing", "true", "null"],
            sources: ["krpia", "2019"]),
        Partnership(id: "khidi-program-2019", title: "KHIDI programme", form: .program,
                    parties: [Party(organization: "khidi", role: .organizer)], sources: ["yearly"], isSeries: true),
        // With the fields of the richer model, separators and marks in their text.
        Partnership(
            id: "grindeks-mou", title: "Grindeks MOU", form: .mou, status: .planned, start: date("2020"),
            parties: [Party(organization: "grindeks", role: .signatory), Party(organization: "dksh", role: .distributor),
                      Party(organization: "grindeks", role: .beneficiary),
                      Party(unnamed: UnnamedParty(description: "leading medical associations; a | b \\ c", kind: .association,
                                                  country: "KR", count: Quantity(4, .moreThan)), role: .participant),
                      Party(unnamed: UnnamedParty(description: "regulators", kind: .regulator), role: .beneficiary)],
            territories: ["BALTICS", "GLOBAL"],
            financials: [FinancialTerm(type: .prize, amount: 150_000_000, qualifier: .upTo, currency: "KRW", per: "winner",
                                       equivalents: [Money(amount: 115_000, qualifier: .about, currency: "USD"),
                                                     Money(amount: 100_000, currency: "EUR")],
                                       wording: "up to 150 million won"),
                         FinancialTerm(type: .grant, amount: 5, qualifier: .atLeast, currency: "USD")],
            figures: [.editions: 3, .participants: Quantity(100, .moreThan), .countries: Quantity(50, .about),
                      .winners: Quantity(2, .upTo), .projects: Quantity(7, .atLeast)],
            sources: ["lv-press"], statusAsOf: date("2019-04-30"), durationDays: 5,
            related: [Relation(to: "khidi-program-2019", kind: .editionOf), Relation(to: "dksh-hanmi-sea-export-2013", kind: .follows)],
            venue: Venue(name: "Seoul Bio Hub; hall | 2", city: "Seoul", country: "KR"),
            people: [Person(name: "Edgars Rinkēvičs", title: "President of Latvia", role: .attendee),
                     Person(name: "Cha | Soon; Do", title: "Minister", organization: "khidi", role: .speaker),
                     Person(name: "Jane Doe", role: .spokesperson)]),
    ])

extension Dataset {
    /// Each kind sorted by id, as the importer and the store return them.
    var sorted: Dataset {
        Dataset(sources: sources.sorted { $0.id < $1.id }, organizations: organizations.sorted { $0.id < $1.id },
                partnerships: partnerships.sorted { $0.id < $1.id })
    }
}
