extension AccordAPI {
    /// `accord.names`, the words a reader sees for the codes records hold.
    public static let namesModule = LuaModule(
        name: "accord.names",
        doc: """
            The words a reader sees for the codes records hold: reports show these, while JSON and id columns keep \
            the codes. A code outside its vocabulary is an error with a suggestion.
            """,
        examples: .script("local names = accord.names"),
        functions: [
            .init("label", ["label: string"], ["string"],
                  "A label as the applied packs name it (`labels = { rnd = \"Research and development\" }`); a label "
                    + "no pack names is its code in words.",
                  example: #"print(names.label("open_innovation"))  --> Open innovation"#),
            .init("form", ["form: accord.Form"], ["string"], "A partnership's form in words.",
                  example: #"print(names.form("export_contract"), names.form("license"))  --> Export contract Licence"#),
            .init("status", ["status: accord.Status"], ["string"], "A partnership's status in words.",
                  example: #"print(names.status("signed"))  --> Signed"#),
            .init("role", ["role: accord.Role"], ["string"], "A party's role in words.",
                  example: #"print(names.role("licensor"))  --> Licensor"#),
            .init("kind", ["kind: accord.Kind"], ["string"], "An organization's kind in words.",
                  example: #"print(names.kind("government_agency"))  --> Government agency"#),
            .init("product_kind", ["kind: accord.ProductKind"], ["string"], "A product's kind in words.",
                  example: #"print(names.product_kind("vaccine"))  --> Vaccine"#),
            .init("financial_type", ["type: accord.FinancialType"], ["string"], "What a sum of money stands for, in words.",
                  example: #"print(names.financial_type("upfront"))  --> Upfront payment"#),
            .init("country", ["code: string"], ["string"],
                  "A country's English name (ISO 3166-1 alpha-2 code), or a territory group's name.",
                  example: #"print(names.country("KR"), names.country("LV"), names.country("ASEAN"))  --> South Korea Latvia ASEAN"#),
        ])
}
