import AccordTestSupport
import Foundation
import Testing

/// End-to-end: keeping the data with `import` (its counts, `--prune`) and `delete`.
@Suite(.serialized) struct RecordsWorkflowTests {
    /// A workspace with `WorkflowTests`' data imported.
    private func workspace(on backend: Backend) throws -> AccordProcess {
        let accord = try AccordProcess(on: backend)
        #expect(try accord.run("init", "ws").status == 0)
        try accord.write(WorkflowTests.organizations, to: "ws/orgs.yaml")
        try accord.write(WorkflowTests.deals, to: "ws/deals.csv")
        #expect(try accord.run("import", "deals.csv", "orgs.yaml", in: "ws").status == 0)
        return accord
    }

    @Test(arguments: Backend.all)
    func importCountsOnlyRealChanges(on backend: Backend) throws {
        let accord = try workspace(on: backend)
        defer { accord.cleanUp() }
        let again = try accord.run("import", "deals.csv", "orgs.yaml", in: "ws")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == """
            1 source: 0 added, 0 updated, 1 unchanged
            2 organizations: 0 added, 0 updated, 2 unchanged
            2 partnerships: 0 added, 0 updated, 2 unchanged

            """)
        try accord.write(WorkflowTests.deals.replacingOccurrences(of: "r-and-d", with: "research"), to: "ws/deals.csv")
        let changed = try accord.run("import", "deals.csv", in: "ws")
        #expect(changed.stdout.hasSuffix("2 partnerships: 0 added, 1 updated, 1 unchanged\n"), "\(changed.stdout)")
    }

    @Test(arguments: Backend.all)
    func importPruneRemovesWhatTheFilesNoLongerHold(on backend: Backend) throws {
        let accord = try workspace(on: backend)
        defer { accord.cleanUp() }
        let before = try accord.run("export", in: "ws").stdout
        // The 2019 MOU is gone from the file.
        try accord.write(WorkflowTests.deals.split(separator: "\n").prefix(2).joined(separator: "\n") + "\n", to: "ws/deals.csv")
        let dry = try accord.run("import", "--prune", "--dry-run", "deals.csv", "orgs.yaml", in: "ws")
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout == """
            would remove partnership acme-kobio-2019
            1 source: 0 added, 0 updated, 1 unchanged, 0 removed
            2 organizations: 0 added, 0 updated, 2 unchanged, 0 removed
            1 partnership: 0 added, 0 updated, 1 unchanged, 1 removed
            dry run: nothing changed

            """)
        #expect(try accord.run("export", in: "ws").stdout == before)

        // Only the partnerships: pruning would leave them naming organizations it removes.
        let partial = try accord.run("import", "--prune", "deals.csv", in: "ws")
        #expect(partial.status == 65)
        #expect(partial.stderr.hasPrefix("deals.csv:2: partnership 'acme-kobio-2021' field 'parties[1].org': no organization 'acme' in the files: pruning would remove it from the database\n"), "\(partial.stderr)")
        #expect(try accord.run("export", in: "ws").stdout == before)

        let pruned = try accord.run("import", "--prune", "deals.csv", "orgs.yaml", in: "ws")
        #expect(pruned.status == 0, "\(pruned.stderr)")
        #expect(pruned.stdout.hasPrefix("removed partnership acme-kobio-2019\n"))
        let after = try accord.run("export", in: "ws").stdout
        #expect(!after.contains("acme-kobio-2019") && after.contains("acme-kobio-2021"))
    }

    @Test(arguments: Backend.all)
    func deleteRefusesUnknownAmbiguousAndStillNamedRecords(on backend: Backend) throws {
        let accord = try workspace(on: backend)
        defer { accord.cleanUp() }
        let before = try accord.run("export", in: "ws").stdout

        let unknown = try accord.run("delete", "acme-kobio-2019", "nope", in: "ws")
        #expect(unknown.status == 65)
        #expect(unknown.stderr == "accord: no record has the id 'nope'\nnothing deleted\n")

        let named = try accord.run("delete", "kobio", in: "ws")
        #expect(named.status == 65)
        #expect(named.stderr == """
            accord: organization 'kobio' is named by partnership 'acme-kobio-2019' (parties), partnership 'acme-kobio-2021' (parties)
            nothing deleted
            delete those too, or see what --cascade would do with --dry-run --cascade

            """)

        try accord.write("partnerships:\n  - {id: memo, title: Memo deal, form: mou, parties: [{org: acme, role: signatory}], sources: [memo]}\n",
                         to: "ws/memo.yaml")
        #expect(try accord.run("import", "memo.yaml", in: "ws").status == 0)
        let ambiguous = try accord.run("delete", "memo", in: "ws")
        #expect(ambiguous.status == 64)
        #expect(ambiguous.stderr == "accord: 'memo' names a source and a partnership: say which with --kind\n")
        #expect(try accord.run("delete", in: "ws").status == 64)
        #expect(try accord.run("delete", "memo", "--kind", "partnership", in: "ws").stdout == "deleted partnership memo\n")
        #expect(try accord.run("export", in: "ws").stdout == before)
    }

    @Test(arguments: Backend.all)
    func deleteTakesIdsFromAFileOrStandardInputAndNamesTheLineOfOneThatNamesNothing(on backend: Backend) throws {
        let accord = try workspace(on: backend)
        defer { accord.cleanUp() }
        let before = try accord.run("export", in: "ws").stdout

        try accord.write("# gone\nacme-kobio-2019\n\nnope\n", to: "ws/gone.txt")
        let unknown = try accord.run("delete", "--ids-from", "gone.txt", in: "ws")
        #expect(unknown.status == 65)
        #expect(unknown.stderr == "accord: no record has the id 'nope' (gone.txt:4)\nnothing deleted\n")
        let notAnID = try accord.run(["delete", "--ids-from", "-"], input: "acme-kobio-2019\nAcme Kobio 2021\n", in: "ws")
        #expect(notAnID.status == 64)
        #expect(notAnID.stderr.hasPrefix("accord: --ids-from: standard input:2: 'Acme Kobio 2021' is not an id"), "\(notAnID.stderr)")
        let empty = try accord.run(["delete", "--ids-from", "-"], input: "# nothing\n", in: "ws")
        #expect(empty.status == 64)
        #expect(empty.stderr == "accord: --ids-from: standard input holds no id\n")
        #expect(try accord.run("export", in: "ws").stdout == before)

        let deleted = try accord.run(["delete", "acme-kobio-2021", "--ids-from", "-"], input: "acme-kobio-2019\nacme-kobio-2021\n", in: "ws")
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(deleted.stdout == "deleted partnership acme-kobio-2021\ndeleted partnership acme-kobio-2019\n")
    }

    @Test(arguments: Backend.all)
    func deleteCascadesWhenToldAndItsDryRunShowsExactlyWhat(on backend: Backend) throws {
        let accord = try workspace(on: backend)
        defer { accord.cleanUp() }
        try accord.write("organizations:\n  - {id: acme-korea, name: Acme Korea, kind: global_pharma, country: KR, parent: acme}\n",
                         to: "ws/subsidiary.yaml")
        #expect(try accord.run("import", "subsidiary.yaml", in: "ws").status == 0)
        let before = try accord.run("export", in: "ws").stdout

        let source = try accord.run("delete", "memo", "--cascade", "--dry-run", in: "ws")
        #expect(source.stdout == """
            would delete source memo
            would delete partnership acme-kobio-2019 (it cites only deleted sources: memo)
            would delete partnership acme-kobio-2021 (it cites only deleted sources: memo)
            would remove source memo from the sources of organization acme
            would remove source memo from the sources of organization kobio

            """)

        let dry = try accord.run("delete", "acme", "memo", "--cascade", "--dry-run", in: "ws")
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout == """
            would delete organization acme
            would delete source memo
            would delete partnership acme-kobio-2019 (it names organization acme as a party)
            would delete partnership acme-kobio-2021 (it names organization acme as a party)
            would clear the parent of organization acme-korea (acme)
            would remove source memo from the sources of organization kobio

            """)
        #expect(try accord.run("export", in: "ws").stdout == before)

        let done = try accord.run("delete", "acme", "memo", "--cascade", in: "ws")
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stdout == dry.stdout.replacingOccurrences(of: "would delete", with: "deleted")
            .replacingOccurrences(of: "would clear", with: "cleared").replacingOccurrences(of: "would remove", with: "removed"))
        let after = try accord.run("export", "--format", "yaml", in: "ws").stdout
        #expect(after == """
            sources: []
            organizations:
            - id: acme-korea
              name: Acme Korea
              kind: global_pharma
              country: KR
            - id: kobio
              name: KoBio
              aliases: [KB]
              kind: biotech
              country: KR
            partnerships: []

            """, "\(after)")
    }
}
