import Foundation
import Testing
@testable import AccordCore

/// `Store.importFiles` with `prune`: the files become the whole database.
@Suite struct PruneTests {
    /// A source, an organization and a partnership beside `baseYAML`'s records.
    static let extra = """
        sources:
          - {id: memo, title: Internal memo}
        organizations:
          - {id: acme, name: Acme Pharma, kind: global_pharma, country: US, sources: [memo]}
        partnerships:
          - {id: acme-hanmi-2020, title: Acme and Hanmi, form: mou, parties: [{org: acme, role: signatory}, {org: hanmi, role: signatory}], sources: [memo]}
        """

    private func files(_ dir: URL, _ texts: [(String, String)]) throws -> [String] {
        try texts.map { name, text in
            let url = dir.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
    }

    @Test func pruningRemovesWhatTheFilesNoLongerHoldWithItsSavedLabels() throws {
        try withTemporaryDirectory { dir in
            let paths = try files(dir, [("base.yaml", baseYAML), ("extra.yaml", Self.extra)])
            let store = try Store(path: dir.appendingPathComponent("accord.db").path)
            try store.importFiles(paths)
            let run = ClassificationRun(id: "r1", started: Date(), finished: Date(), packs: "standard 1.0.0", partnerships: 1, labels: 1)
            try store.saveClassification(run, labels: ["acme-hanmi-2020": [AssignedLabel(label: "rnd", isPrimary: true, origin: .manual, runID: "r1")]])
            let revision = try store.revision()

            let counts = try store.importFiles([paths[0]], prune: true)
            #expect(counts.removed == [RecordRef(.source, "memo"), RecordRef(.organization, "acme"), RecordRef(.partnership, "acme-hanmi-2020")])
            #expect(counts.description == """
                2 sources: 0 added, 0 updated, 2 unchanged, 1 removed
                3 organizations: 0 added, 0 updated, 3 unchanged, 1 removed
                1 partnership: 0 added, 0 updated, 1 unchanged, 1 removed
                """)
            #expect(try store.dataset() == DataImporter.read(files: [paths[0]]))
            #expect(try store.assignedLabels().isEmpty)
            #expect(try store.revision() > revision)
        }
    }

    @Test func aPruneDryRunSaysWhatWouldGoAndChangesNothing() throws {
        try withTemporaryDirectory { dir in
            let paths = try files(dir, [("base.yaml", baseYAML), ("extra.yaml", Self.extra)])
            let store = try Store(path: dir.appendingPathComponent("accord.db").path)
            try store.importFiles(paths)
            let (before, rows, revision) = (try store.dataset(), try store.rowCounts(), try store.revision())
            let dry = try store.importFiles([paths[0]], prune: true, dryRun: true)
            #expect(dry.removed.map(\.id) == ["memo", "acme", "acme-hanmi-2020"])
            #expect(try store.dataset() == before)
            #expect(try store.rowCounts() == rows)
            #expect(try store.revision() == revision)
            #expect(try store.importFiles([paths[0]], prune: true) == dry)
        }
    }

    @Test func filesThatFailValidationPruneNothing() throws {
        try withTemporaryDirectory { dir in
            let paths = try files(dir, [("base.yaml", baseYAML), ("extra.yaml", Self.extra),
                                        ("bad.yaml", "sources:\n  - {id: broken, titel: misspelt}\n")])
            let store = try Store(path: dir.appendingPathComponent("accord.db").path)
            try store.importFiles(Array(paths.prefix(2)))
            let rows = try store.rowCounts()
            #expect(throws: DataErrors.self) { try store.importFiles([paths[0], paths[2]], prune: true) }
            #expect(try store.rowCounts() == rows)
        }
    }

    @Test func filesCitingARecordOnlyTheDatabaseHoldsAreRefusedWithFileLineAndField() throws {
        try withTemporaryDirectory { dir in
            let paths = try files(dir, [("base.yaml", baseYAML), ("extra.yaml", Self.extra)])
            let store = try Store(path: dir.appendingPathComponent("accord.db").path)
            try store.importFiles(paths)
            let rows = try store.rowCounts()
            // extra.yaml without its organization: its partnership still names acme.
            let rest = try files(dir, [("rest.yaml", Self.extra.replacingOccurrences(of: "  - {id: acme, name: Acme Pharma, kind: global_pharma, country: US, sources: [memo]}\n", with: ""))])
            let refused = try #require(throws: DataErrors.self) { try store.importFiles([paths[0], rest[0]], prune: true) }
            #expect(refused.issues.map(\.description) == [
                "\(rest[0]):5: partnership 'acme-hanmi-2020' field 'parties[1].org': no organization 'acme' in the files: pruning would remove it from the database",
            ])
            #expect(try store.rowCounts() == rows)
            // Without pruning, citing what the database holds is fine.
            #expect(try store.importFiles([rest[0]]).partnerships.unchanged == 1)
        }
    }
}
