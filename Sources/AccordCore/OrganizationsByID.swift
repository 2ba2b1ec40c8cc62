/// Organizations found by the bytes of their ids (`ByteKeys`), of two with one id the first. A
/// classification looks up the organization of each party a rule asks about: a dictionary of
/// strings hashed each id with `Hasher`, some 800 instructions a lookup, 3% of `classify`.
public struct OrganizationsByID: Sendable {
    private var ids = ByteKeys()
    /// Organization `k` has id number `k`.
    @usableFromInline var organizations: [Organization] = []

    public init() {}

    public init(_ organizations: some Sequence<Organization>) {
        for organization in organizations { add(organization) }
    }

    /// How many organizations.
    public var count: Int { organizations.count }

    /// The organization whose id is `id`; nil for none.
    public subscript(id id: String) -> Organization? {
        guard let k = ids.existingNumber(id) else { return nil }
        return organizations[Int(k)]
    }

    /// The number of the organization whose id is `id`, nil for none: `self[number:]` reads it.
    public func number(of id: String) -> Int? {
        ids.existingNumber(id).map(Int.init)
    }

    /// Organization number `k`, read where it is kept rather than copied: a copy retains each of its texts.
    @inlinable public subscript(number k: Int) -> Organization {
        _read { yield organizations[k] }
    }

    /// Adds `organization`, unless one with its id is there already.
    public mutating func add(_ organization: Organization) {
        if ids.number(organization.id) == organizations.count { organizations.append(organization) }
    }
}
