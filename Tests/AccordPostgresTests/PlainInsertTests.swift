@testable import AccordPostgres
import Testing

/// Which statements the server's connection holds back to send many rows at once: plain one-row inserts alone.
struct PlainInsertTests {
    @Test func aOneRowInsertOverSeveralLinesIsHeldBack() throws {
        let insert = try #require(PlainInsert.parse("""
            INSERT INTO party (partnership_id, position, organization_id, role, description, kind, country, count,
                count_qualifier) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """))
        #expect(insert.table == "party")
        #expect(insert.columns == ["partnership_id", "position", "organization_id", "role", "description", "kind", "country",
                                   "count", "count_qualifier"])
    }

    @Test(arguments: [
        "INSERT INTO source (id) VALUES ($1) ON CONFLICT(id) DO NOTHING",
        "INSERT INTO report_run (job, period) VALUES ($1, $2) RETURNING id",
        "INSERT INTO classification_run (id, saved) VALUES ($1, (SELECT COALESCE(MAX(saved), 0) + 1 FROM classification_run))",
        "INSERT INTO tag (partnership_id, position) VALUES ($1)",
        "INSERT INTO classified (partnership_id, run_id) SELECT value, $1 FROM l",
        "DELETE FROM tag WHERE partnership_id = $1",
    ])
    func anythingElseGoesAtOnce(_ text: String) {
        #expect(PlainInsert.parse(text) == nil)
    }
}
