/// A chapter of the API: a module's functions, a group of types, or the
/// vocabularies. The reference has one section per chapter, in this order.
public struct APISection: Sendable {
    public let title: String
    public let doc: String
    public let module: LuaModule?
    public let classes: [LuaClass]
    public let enums: [LuaEnum]

    init(_ title: String, doc: String, module: LuaModule? = nil, classes: [LuaClass] = [], enums: [LuaEnum] = []) {
        self.title = title
        self.doc = doc
        self.module = module
        self.classes = classes
        self.enums = enums
    }
}

extension AccordAPI {
    public static let sections: [APISection] = [
        APISection("Module functions", doc: "The functions of `accord` that query the database and make periods and reports.",
                   module: module),
        APISection("Records", doc: """
            Records read like tables and print usefully with `tostring`. Optional fields that are absent read as nil; \
            reading a field that does not exist is an error that names the nearest real one \
            (`unknown field 'titel' (did you mean 'title'?)`). Every query returns fresh tables.
            """, classes: [partnership, organization, party, product, financial, equivalent, figures, relation, venue, person,
                           source]),
        APISection("Collection", doc: "What `accord.partnerships{…}` and `accord.organizations{…}` return.", classes: [collection]),
        APISection("Period", doc: "What `accord.period(label)` returns, and what reports are built for.", classes: [period]),
        APISection("Filters", doc: """
            The tables `accord.partnerships{…}` and `accord.organizations{…}` take, run in SQL. An unknown key or value \
            is an error with a suggestion.
            """, classes: [partnershipFilter, organizationFilter]),
        APISection("Names", doc: """
            `accord.names` turns codes into the words a report shows: labels as the packs name them, vocabulary \
            values, countries.
            """, module: namesModule),
        APISection("Rules DSL", doc: """
            `accord.rules` declares rule packs: a pack's `init.lua` returns `accord.rules.pack{…}`. Predicates check \
            their arguments when the pack loads, and every condition says what it saw, for explanations.
            """, module: rulesModule, classes: rulesClasses),
        APISection("Report builder", doc: """
            A report script returns `accord.report{…}`; its `build(r, period, params)` adds blocks to `r`, and Accord \
            renders them into every format. A value given as a collection of partnerships counts them and keeps their \
            ids, so that every number can be traced.
            """, classes: reportClasses),
        APISection("Enums", doc: "The closed vocabularies, taken from the data model: a value outside them is an error.",
                   enums: enums),
    ]

    /// Every declared type, records and the tables scripts pass in alike.
    public static var allClasses: [LuaClass] { sections.flatMap(\.classes) }
    public static var modules: [LuaModule] { sections.compactMap(\.module) }
}
