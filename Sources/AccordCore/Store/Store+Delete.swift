extension Store {
    /// Deletes the records `ids` name, in one transaction, with their lists and a
    /// partnership's saved labels. An id names a record of any kind, or of `kind`
    /// when given.
    ///
    /// Records that stay may not refer to a deleted one. Without `cascade`, such a
    /// reference refuses the whole deletion (`DeletionRefused`, listing them). With
    /// it, a partnership that names a deleted organization as a party, or cites no
    /// source but deleted ones, is deleted too; an organization whose parent is
    /// deleted stays without a parent; a record that stays loses its citations of
    /// deleted sources. With `dryRun`, all of it is done and rolled back: the
    /// result says what would change.
    ///
    /// - Throws: `AmbiguousIDs` when an id names records of two kinds and `kind` is
    ///   not given; `DeletionRefused` for ids that name nothing and for references.
    @discardableResult
    public func delete(_ ids: [String], kind: RecordKind? = nil, cascade: Bool = false, dryRun: Bool = false) throws -> Deletion {
        try writingAny(committing: !dryRun) { db in
            let deletion = try Self.plan(ids, kind: kind, cascade: cascade, db)
            try Self.apply(deletion, db)
            try Self.raiseRevision(db)
            return deletion
        }
    }

    /// Deletes the rows of `records`; their lists and saved labels go with them.
    static func deleteRows(of records: [RecordRef], _ db: any StoreConnection) throws {
        for kind in RecordKind.allCases.reversed() {
            let ids = records.filter { $0.kind == kind }.map(\.id)
            guard !ids.isEmpty else { continue }
            try db.execute("DELETE FROM \(sql: kind.rawValue) WHERE id IN (\(list: ids))")
        }
    }

    private static func plan(_ ids: [String], kind: RecordKind?, cascade: Bool, _ db: any StoreConnection) throws -> Deletion {
        let named = try resolve(ids, kind: kind, db)
        let references = try self.references(to: named, db)
        if !references.isEmpty && !cascade { throw DeletionRefused(unknown: [], kind: kind, references: references) }

        var partiesNamed: [String: [String]] = [:], parents: [String: String] = [:], citations: [RecordRef: [String]] = [:]
        for reference in references {
            switch reference.field {
            case "parties": partiesNamed[reference.from.id, default: []].append(reference.to.id)
            case "parent": parents[reference.from.id] = reference.to.id
            default: citations[reference.from, default: []].append(reference.to.id)
            }
        }
        // A partnership deleted for its parties needs nothing else done to it.
        for id in partiesNamed.keys { citations[RecordRef(.partnership, id)] = nil }
        let deletedSources = Set(named.filter { $0.kind == .source }.map(\.id))
        let cited = try sources(ofPartnerships: citations.keys.filter { $0.kind == .partnership }.map(\.id), db)

        var steps = named.map(DeletionStep.delete)
        var uncited: [DeletionStep] = []
        for (partnership, organizations) in partiesNamed.sorted(by: { $0.key < $1.key }) {
            steps.append(.deletePartnershipNaming(partnership: partnership, organizations: organizations))
        }
        for (record, sources) in citations.sorted(by: { $0.key < $1.key }) {
            if record.kind == .partnership && cited[record.id, default: []].allSatisfy(deletedSources.contains) {
                steps.append(.deletePartnershipCiting(partnership: record.id, sources: sources))
            } else {
                uncited.append(.removeCitations(record, sources: sources))
            }
        }
        for (organization, parent) in parents.sorted(by: { $0.key < $1.key }) {
            steps.append(.clearParent(organization: organization, parent: parent))
        }
        return Deletion(steps: steps + uncited)
    }

    /// The records `ids` name, in the order given; throws for ids that name
    /// nothing or, without `kind`, records of two kinds.
    private static func resolve(_ ids: [String], kind: RecordKind?, _ db: any StoreConnection) throws -> [RecordRef] {
        var seen = Set<String>()
        let unique = ids.filter { seen.insert($0).inserted }
        var kinds: [String: [RecordKind]] = [:]
        let candidates = kind.map { [$0] } ?? RecordKind.allCases
        for candidate in candidates {
            let found: [String] = try db.column("SELECT id FROM \(sql: candidate.rawValue) WHERE id IN (\(list: unique))")
            for id in found { kinds[id, default: []].append(candidate) }
        }
        let ambiguous = kinds.filter { $0.value.count > 1 }
        if !ambiguous.isEmpty { throw AmbiguousIDs(ids: ambiguous) }
        let unknown = unique.filter { kinds[$0] == nil }
        if !unknown.isEmpty { throw DeletionRefused(unknown: unknown, kind: kind, references: []) }
        return unique.map { RecordRef(kinds[$0]![0], $0) }
    }

    /// The references of records outside `records` to records in it: parties, people and
    /// parents naming organizations, links to partnerships, citations of sources.
    private static func references(to records: [RecordRef], _ db: any StoreConnection) throws -> [RecordReference] {
        let deleted = Set(records)
        func ids(_ kind: RecordKind) -> [String] { records.filter { $0.kind == kind }.map(\.id) }
        let queries: [(sql: String, from: RecordKind, to: RecordKind, field: String)] = [
            ("SELECT DISTINCT partnership_id, organization_id FROM party WHERE organization_id IN",
             .partnership, .organization, "parties"),
            ("SELECT id, parent_id FROM organization WHERE parent_id IN",
             .organization, .organization, "parent"),
            ("SELECT DISTINCT partnership_id, organization_id FROM person WHERE organization_id IN",
             .partnership, .organization, "people"),
            ("SELECT DISTINCT partnership_id, target_id FROM relation WHERE target_id IN",
             .partnership, .partnership, "related"),
            ("SELECT DISTINCT organization_id, source_id FROM organization_source WHERE source_id IN",
             .organization, .source, "sources"),
            ("SELECT DISTINCT partnership_id, source_id FROM partnership_source WHERE source_id IN",
             .partnership, .source, "sources"),
        ]
        var references: [RecordReference] = []
        for query in queries {
            try db.forEachRow("\(sql: query.sql) (\(list: ids(query.to))) ORDER BY 2, 1") { row in
                let from = RecordRef(query.from, try row[0])
                guard !deleted.contains(from) else { return }
                references.append(RecordReference(from: from, to: RecordRef(query.to, try row[1]), field: query.field))
            }
        }
        return references
    }

    /// Every source each partnership cites, by partnership id.
    private static func sources(ofPartnerships ids: [String], _ db: any StoreConnection) throws -> [String: [String]] {
        var sources: [String: [String]] = [:]
        guard !ids.isEmpty else { return sources }
        try db.forEachRow("""
            SELECT s.partnership_id, s.source_id FROM partnership p JOIN partnership_source s ON s.filed = p.filed AND s.partnership_id = p.id
            WHERE p.id IN (\(list: ids)) ORDER BY s.filed, s.partnership_id, s.position
            """) { row in sources[try row[0], default: []].append(try row[1]) }
        return sources
    }

    /// Rewrites the records that stay without what `deletion` removes from them,
    /// then deletes the rest.
    private static func apply(_ deletion: Deletion, _ db: any StoreConnection) throws {
        var parentless: Set<String> = [], dropped: [RecordRef: Set<String>] = [:]
        for step in deletion.steps {
            switch step {
            case .clearParent(let organization, _): parentless.insert(organization)
            case .removeCitations(let record, let sources): dropped[record, default: []].formUnion(sources)
            default: break
            }
        }
        let organizations = parentless.union(dropped.keys.filter { $0.kind == .organization }.map(\.id))
        for var o in try RecordsSQL.organizations(db, OrganizationFilter(ids: organizations.sorted())) {
            if parentless.contains(o.id) { o.parent = nil }
            o.sources.removeAll { dropped[RecordRef(.organization, o.id)]?.contains($0) == true }
            try RecordsSQL.write(o, db)
        }
        let partnerships = dropped.keys.filter { $0.kind == .partnership }.map(\.id)
        for var p in try RecordsSQL.partnerships(db, PartnershipFilter(ids: partnerships.sorted()).sql) {
            p.sources.removeAll { dropped[RecordRef(.partnership, p.id)]!.contains($0) }
            try RecordsSQL.write(p, db)
        }
        try deleteRows(of: deletion.deleted, db)
    }
}
