import AccordCore

/// The organizations of a partnership's parties as the compiled plan reads them: found by number
/// in the catalog's table and read where they are kept. Copying each party's organization
/// retained every one of its texts, and releasing them all again cost as much.
struct PartyOrganizations {
    /// Where the organizations are found: the catalog's table, as it was when last looked at.
    private var table = OrganizationsByID()
    /// The catalog `table` is of, held so that another catalog is never taken for it.
    private var owner: RecordCatalog?
    /// For each party: its organization's number in `table`, `none`, or `standIn - j` for `standIns[j]`.
    private var numbers: [Int] = []
    /// What rules know of the unnamed parties' organizations (`Organization.standIn(for:)`).
    private var standIns: [Organization] = []
    private static let none = -1, standIn = -2

    /// Finds the organization of each of `p`'s parties in `catalog` (that of the records' module).
    mutating func read(_ p: Partnership, in catalog: () -> RecordCatalog?) {
        numbers.removeAll(keepingCapacity: true)
        standIns.removeAll(keepingCapacity: true)
        // The catalog is asked for once, at the first named party.
        var current: RecordCatalog?, asked = false
        for party in p.parties {
            if let unnamed = party.unnamed {
                standIns.append(.standIn(for: unnamed))
                numbers.append(Self.standIn - (standIns.count - 1))
                continue
            }
            guard let id = party.organization else {
                numbers.append(Self.none)
                continue
            }
            if !asked { (current, asked) = (catalog(), true) }
            numbers.append(number(of: id, in: current) ?? Self.none)
        }
    }

    /// The number of organization `id`, read into the catalog first if it was not.
    private mutating func number(of id: String, in catalog: RecordCatalog?) -> Int? {
        guard let catalog else { return nil }
        if owner !== catalog { (table, owner) = (catalog.table, catalog) }
        if let k = table.number(of: id) { return k }
        // Let go of the table first, so that the catalog adds what it reads to its own in place
        // rather than to a copy of every organization it holds.
        table = OrganizationsByID()
        let found = catalog.organization(id) != nil
        table = catalog.table
        return found ? table.number(of: id) : nil
    }

    /// Lets go of the catalog's table, before the catalog adds to it: held, it would be copied whole.
    mutating func letGo() {
        (table, owner) = (OrganizationsByID(), nil)
    }

    /// What `field` reads of party `i`'s organization, in place; nil when it has none.
    @inline(__always)
    private func read<R>(_ i: Int, _ field: (borrowing Organization) -> R) -> R? {
        let k = numbers[i]
        if k >= 0 { return field(table[number: k]) }
        if k == Self.none { return nil }
        return field(standIns[Self.standIn - k])
    }

    /// Party `i`'s organization's country ("" when not recorded); nil when it has no organization.
    func country(_ i: Int) -> String? { read(i) { $0.country } }

    /// Party `i`'s organization's kind; nil when it has no organization.
    func kind(_ i: Int) -> OrganizationKind? { read(i) { $0.kind } }

    /// Party `i`'s organization's group; nil when it has none, or no organization.
    func parent(_ i: Int) -> String? { read(i) { $0.parent } ?? nil }

    /// `organization.matches` for party `i`'s organization: its id, or its name or an alias regardless of case.
    func isNamed(_ i: Int, _ name: PartyMatch.Name) -> Bool {
        read(i) { o in
            ASCII.equals(o.id, name.bytes) || ASCII.lowerEquals(o.name, name.lowered)
                || o.aliases.contains { ASCII.lowerEquals($0, name.lowered) }
        } ?? false
    }
}
