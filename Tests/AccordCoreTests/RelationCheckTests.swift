import Foundation
import Testing
@testable import AccordCore

/// Links between partnerships are checked once every file is read, with the file, line and
/// field of the link that is wrong; the database is left as it was.
@Suite struct RelationCheckTests {
    private let header = """
        sources:
          - {id: s, title: S}
        organizations:
          - {id: o, name: O, kind: other, country: KR}
        partnerships:

        """

    private func deal(_ id: String, _ extra: String = "") -> String {
        "  - {id: \(id), title: \(id), form: other, parties: [{org: o, role: participant}], sources: [s]\(extra)}\n"
    }

    private func importing(_ text: String, as name: String = "d.yaml", into store: Store, _ dir: URL) throws {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        try store.importFiles([url.path])
    }

    private func problems(_ text: String, as name: String = "d.yaml", after first: String? = nil) throws -> [String] {
        try withTemporaryDirectory { dir in
            let store = try Store(path: dir.appendingPathComponent("a.db").path)
            if let first { try importing(first, into: store, dir) }
            let before = try store.dataset()
            do {
                try importing(text, as: name, into: store, dir)
                return []
            } catch let errors as DataErrors {
                #expect(try store.dataset() == before)
                return errors.issues.map { $0.description.replacingOccurrences(of: dir.path + "/", with: "") }
            }
        }
    }

    @Test func aPartOfCycleIsRefusedAtTheLinkThatClosesIt() throws {
        let found = try problems(header + deal("a", ", related: [{to: b, kind: part_of}]")
                                 + deal("b", ", related: [{to: a, kind: part_of}]"))
        #expect(found.count == 2)
        #expect(found.first == "d.yaml:6: partnership 'a' field 'related[1].to': 'a' would be part of itself: "
                + "'b' is already part of it (part_of and edition_of links may not form a cycle)")
    }

    @Test func aCycleThroughTheDatabaseIsRefusedToo() throws {
        let first = header + deal("a", ", related: [{to: b, kind: part_of}]") + deal("b")
        let found = try problems(header + deal("b", ", related: [{to: a, kind: edition_of}]"), after: first)
        #expect(found.contains { $0.contains("'b' would be part of itself") })
    }

    @Test func anEditionNeedsASeries() throws {
        let found = try problems(header + deal("forum") + deal("forum-2024", ", related: [{to: forum, kind: edition_of}]"))
        #expect(found == ["d.yaml:7: partnership 'forum-2024' field 'related[1].to': 'forum' is not a series: "
                          + "an edition_of link needs one with `series: true`"])
        #expect(try problems(header + deal("forum", ", series: true") + deal("forum-2024", ", related: [{to: forum, kind: edition_of}]"))
                .isEmpty)
    }

    @Test func aLinkInACSVFileIsCheckedWhereItIsWritten() throws {
        let csv = "id,title,form,related,parties,sources\nforum-2025,Forum 2025,other,forum:edition_of,o:participant,s\n"
        #expect(try problems(csv, as: "d.csv", after: header + deal("forum")) == [
            "d.csv:2: partnership 'forum-2025' field 'related[1].to': 'forum' is not a series: "
                + "an edition_of link needs one with `series: true`",
        ])
    }

    @Test func otherLinksMayGoBothWays() throws {
        #expect(try problems(header + deal("a", ", related: [{to: b, kind: follows}]")
                             + deal("b", ", related: [{to: a, kind: amends}]")).isEmpty)
    }

    @Test func aLinkToNothingOrToItselfIsRefusedWhileReading() {
        let found = issues("d.yaml", header + deal("a", ", related: [{to: a, kind: renews}, {to: zz, kind: follows}]"))
        #expect(found.map(\.description) == [
            "d.yaml:6: partnership 'a' field 'related[1].to': a partnership cannot relate to itself",
            "d.yaml:6: partnership 'a' field 'related[2].to': no partnership 'zz' in the files or the database",
        ])
    }

    @Test func aPartnershipOthersLinkToCannotBeDeletedAlone() throws {
        try withTemporaryDirectory { dir in
            let store = try Store(path: dir.appendingPathComponent("a.db").path)
            try importing(header + deal("a", ", related: [{to: b, kind: part_of}]") + deal("b"), into: store, dir)
            #expect(throws: DeletionRefused.self) { try store.delete(["b"], kind: .partnership) }
        }
    }
}
