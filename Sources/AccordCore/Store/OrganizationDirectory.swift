/// Each organization's country, and its name when read, found by the bytes of its id and read in
/// one pass: what the frames ask of every organization of a period to count partner countries,
/// and a large listing to name its parties. No id becomes a string, where a dictionary of strings
/// took a tenth of a quarterly report's time at a million partnerships to read, look up and free.
public struct OrganizationDirectory: Sendable {
    private let ids: ByteKeys
    /// Organization `k`'s country, as an index into `countries`; -1 for none.
    private let countryOf: [Int32]
    private let countries: [String]
    /// Organization `k`'s name, when names were read.
    private let names: [String]?

    /// Reads every organization's id and country, and its name when `names`.
    init(_ db: any StoreConnection, names readingNames: Bool) throws {
        var ids = ByteKeys(), codes = ByteKeys(), countryOf: [Int32] = [], names: [String] = []
        try db.forEachRow(readingNames ? "SELECT id, country, name FROM organization" : "SELECT id, country FROM organization") { row in
            guard row.withUTF8(0, { ids.number($0) }) != nil else { return }
            countryOf.append(row.withUTF8(1) { codes.number($0) } ?? -1)
            if readingNames { names.append(try row[2]) }
        }
        (self.ids, self.countryOf, countries) = (ids, countryOf, codes.texts.all)
        self.names = readingNames ? names : nil
    }

    /// The country of the organization `id`, when it has one.
    public func country(of id: String) -> String? {
        id.withBytes { country(of: $0) }
    }

    /// The country of the organization whose id is the UTF-8 `id`, when it has one.
    func country(of id: UnsafeBufferPointer<UInt8>) -> String? {
        guard let k = ids.existingNumber(id) else { return nil }
        let country = countryOf[Int(k)]
        return country < 0 ? nil : countries[Int(country)]
    }

    /// The name of the organization `id`, when there is one and names were read.
    public func name(of id: String) -> String? {
        guard let names, let k = ids.existingNumber(id) else { return nil }
        return names[Int(k)]
    }
}

extension Store {
    /// Every organization's name and country, read in one pass.
    public func organizationDirectory() throws -> OrganizationDirectory {
        try reading { db in try OrganizationDirectory(db, names: true) }
    }
}
