/// When a large import drops the secondary indexes, to build them once at the end: sorting once is
/// far cheaper than a million inserts at random places in each, but building them takes as long
/// whatever the import changed (some 8 s at a million partnerships). A file read again as it was
/// writes nothing and needs none of it: a million partnerships imported again into the database
/// that held them took 18.1 s with the indexes built again, 11.7 s with them kept. A record written
/// while they are kept costs more: 100,000 new partnerships took 15.9–16.6 s with the indexes dropped
/// at once, 16.0–17.8 s with them dropped after the first 1,000.
///
/// So into a database without partnerships the indexes go at once; into one with some, once the
/// import has written a thousandth as many records as it held partnerships, and at least 1,000.
struct IndexRebuild {
    /// Whether the indexes go before the first record is written.
    let dropsAtOnce: Bool
    /// How many more records written drop the indexes; nil when they go at once, or went already.
    private var remaining: Int?

    /// The rebuild of an import into a database that holds `partnerships`.
    init(holding partnerships: Int) {
        dropsAtOnce = partnerships == 0
        remaining = dropsAtOnce ? nil : max(partnerships / 1_000, 1_000)
    }

    /// Counts a record written; true the once the indexes go.
    mutating func wrote() -> Bool {
        guard let left = remaining else { return false }
        remaining = left > 1 ? left - 1 : nil
        return left == 1
    }
}
