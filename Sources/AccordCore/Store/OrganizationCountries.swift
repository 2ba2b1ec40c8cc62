/// Each organization's country, found by the bytes of its id: what the frames ask of every
/// organization of a period to count partner countries. Read once for all frames of a report;
/// no id becomes a string, where a dictionary of strings took a tenth of a quarterly report's
/// time at a million partnerships to read, look up and free.
struct OrganizationCountries {
    private var ids = ByteKeys()
    /// Organization `k`'s country, as an index into `countries`; -1 for none.
    private var countryOf: [Int32] = []
    private let countries: [String]

    /// Reads every organization's id and country.
    init(_ db: any StoreConnection) throws {
        var ids = ByteKeys(), codes = ByteKeys(), countryOf: [Int32] = []
        try db.forEachRow("SELECT id, country FROM organization") { row in
            guard row.withUTF8(0, { ids.number($0) }) != nil else { return }
            countryOf.append(row.withUTF8(1) { codes.number($0) } ?? -1)
        }
        (self.ids, self.countryOf, countries) = (ids, countryOf, (0..<codes.count).map(codes.text))
    }

    /// The country of the organization `id`, when it has one.
    func country(of id: String) -> String? {
        guard let k = ids.existingNumber(id) else { return nil }
        let country = countryOf[Int(k)]
        return country < 0 ? nil : countries[Int(country)]
    }
}
