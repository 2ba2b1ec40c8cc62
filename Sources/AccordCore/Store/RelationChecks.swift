/// Checks the links between partnerships once an import has written them: a partnership
/// may not be part of (or an edition of) itself through others, and `edition_of` must
/// name a series. Each problem names the file, line and field of the link.
enum RelationChecks {
    static func issues(_ links: [ImportRun.Link], _ db: any StoreConnection) throws -> [DataIssue] {
        var issues: [DataIssue] = []
        for link in links {
            switch link.kind {
            case .editionOf:
                let series: Int? = try db.value("SELECT series FROM partnership WHERE id = \(link.to)")
                if series == 0 {
                    issues.append(link.issue("'\(link.to)' is not a series: an edition_of link needs one with `series: true`"))
                }
                fallthrough
            case .partOf:
                if try holds(link.to, link.from, db) {
                    issues.append(link.issue("'\(link.from)' would be part of itself: '\(link.to)' is already part of it"
                                             + " (part_of and edition_of links may not form a cycle)"))
                }
            case .follows, .amends, .renews, .implements:
                continue
            }
        }
        return issues
    }

    /// Whether `inner` lies inside `outer`, or is it, following part_of and edition_of links.
    private static func holds(_ inner: String, _ outer: String, _ db: any StoreConnection) throws -> Bool {
        try db.value("""
            WITH RECURSIVE up(id) AS (
                SELECT CAST(\(inner) AS TEXT)\(sqlite: "", postgres: " COLLATE \"C\"")
                UNION
                SELECT r.target_id FROM up JOIN partnership p ON p.id = up.id
                JOIN relation r ON r.filed = p.filed AND r.partnership_id = p.id
                WHERE r.kind IN ('part_of', 'edition_of')
            )
            SELECT COUNT(*) FROM up WHERE id = \(outer)
            """, as: Int.self) ?? 0 > 0
    }
}
