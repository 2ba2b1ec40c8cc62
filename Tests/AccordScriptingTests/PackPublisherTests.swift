import AccordCore
import AccordScripting
import Foundation
import Testing

/// Publishing a pack: the Accord versions a pack needs, its checks and tests first, and one
/// archive per version.
@Suite struct PackPublisherTests {
    static let pack = dsl + """
        return pack {
          name = "team", version = "1.2.0", description = "Export purposes",
          accord = ">=0.9", license = "MIT", authors = { "Export team <export@example.com>" },
          labels = { export = "Export" },
          rules = {
            rule { id = "export", label = "export", status = "stable", description = "Export contracts",
                   when = form_is "export_contract" },
          },
        }
        """

    static let cases = """
        data: [../../../../data]
        cases:
          - partnership: export-q4
            labels: [export]
            fired: [export]
        """

    /// Keeps each test's folders until the test ends.
    private final class Folders { var all: [PackFolder] = [] }
    private let folders = Folders()

    /// A workspace applying `team`, with the fixture dataset, its folder kept until the test ends.
    private func workspace(pack: String = pack, cases: String = cases,
                                  readme: String = "# Team\n") throws -> (PackFolder, PackPublisher) {
        let folder = try PackFolder()
        folders.all.append(folder)
        try folder.write("accord.yaml", "packs:\n  team: ^1.0\n")
        try folder.write("Scripts/rules/team/init.lua", pack)
        try folder.write("Scripts/rules/team/README.md", readme)
        try folder.write("data/fixture.json", String(decoding: DataExporter.json(Fixture.dataset), as: UTF8.self))
        try folder.write("Scripts/rules/team/tests/cases.yaml", cases)
        let store = try Store.inMemory()
        try store.upsert(Fixture.dataset)
        let rulebook = try Rulebook(workspace: Workspace(root: folder.root), store: store,
                                    asOf: CalendarDay(year: 2020, month: 8, day: 15)!, limits: ScriptLimits(), environment: [:])
        return (folder, PackPublisher(rulebook: rulebook))
    }

    @Test func aPackRecordsWhatItNeedsAndWhoWroteIt() throws {
        let (_, publisher) = try workspace()
        let pack = try publisher.pack(named: "team")
        #expect(pack.accord?.description == ">=0.9")
        #expect((pack.license, pack.authors) == ("MIT", ["Export team <export@example.com>"]))
        let manifest = pack.manifest
        #expect((manifest.name, manifest.version.description, manifest.digest) == ("team", "1.2.0", pack.digest))
        #expect(manifest.description == "Export purposes")
    }

    @Test func aPackForAnotherAccordIsRefusedWhenItLoads() throws {
        let folder = try PackFolder()
        try folder.pack("team", Self.pack.replacingOccurrences(of: "accord = \">=0.9\"", with: "accord = \"^1.0\""))
        try folder.pack("bad", dsl + "return pack { name = \"bad\", version = \"1.0.0\", accord = \"1.0 or later\" }")
        let problems = try folder.loadProblems()
        #expect(problems.contains("packs/team/init.lua:4: pack team needs accord ^1.0, but this is accord \(AccordVersion.current): "
            + "use another version of the pack, or of accord"), "\(problems)")
        #expect(problems.contains { $0.hasPrefix("packs/bad/init.lua:4: pack: accord '1.0 or later' is not a version range") }, "\(problems)")
        #expect(try VersionRange(">=0.9").contains(AccordVersion.current))
    }

    @Test func publishingWritesOneArchivePerVersion() throws {
        let (folder, publisher) = try workspace()
        let out = folder.root.appendingPathComponent("dist")
        let first = try publisher.publish(try publisher.pack(named: "team"), to: out)
        #expect(first.outcome == .written)
        #expect(first.archive.lastPathComponent == "team-1.2.0.tar.gz")
        #expect(first.check.cases == 1 && first.check.problems.isEmpty)
        #expect(try PackArchive.manifest(of: first.archive) == first.manifest)
        let bytes = try Data(contentsOf: first.archive)

        let again = try publisher.publish(try publisher.pack(named: "team"), to: out)
        #expect(again.outcome == .alreadyPublished)
        #expect(try Data(contentsOf: first.archive) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["team-1.2.0.tar.gz"], "nothing left beside it")

        // Other content under the same version is refused, naming both digests; the archive stays as it was.
        let (_, changed) = try workspace(pack: Self.pack.replacingOccurrences(of: "Export contracts", with: "Export deals"))
        let pack = try changed.pack(named: "team")
        let refused = #expect(throws: PackPublishRefused.self) { try changed.publish(pack, to: out) }
        #expect(refused?.description.contains("team 1.2.0 is already published with other content: \(first.manifest.digest) published, "
            + "\(pack.digest) now; raise the pack's version") == true, "\(String(describing: refused))")
        #expect(try Data(contentsOf: first.archive) == bytes)

        let (_, readme) = try workspace(readme: "# Team, revised\n")
        let sameCode = #expect(throws: PackPublishRefused.self) { try readme.publish(try readme.pack(named: "team"), to: out) }
        #expect(sameCode?.description.contains("its Lua code is the same (\(first.manifest.digest)) but other files differ") == true,
                "\(String(describing: sameCode))")
    }

    @Test func aFailingCaseOrCheckStopsPublishing() throws {
        let (folder, publisher) = try workspace(cases: Self.cases.replacingOccurrences(of: "labels: [export]", with: "labels: [rnd]"))
        let out = folder.root.appendingPathComponent("dist")
        let failing = #expect(throws: RuleProblems.self) { try publisher.publish(try publisher.pack(named: "team"), to: out) }
        let text = failing?.description ?? ""
        #expect(text.contains("Scripts/rules/team/tests/cases.yaml:3: case export-q4 fails: labels: expected [rnd], got [export]"), "\(text)")
        #expect(text.hasSuffix("pack team 1.2.0 was not published: fix the problems above"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("team-1.2.0.tar.gz").path))

        let (_, undefined) = try workspace(pack: Self.pack.replacingOccurrences(of: "return pack {", with: "helper = 1\nreturn pack {"))
        let check = try undefined.check(try undefined.pack(named: "team"))
        if undefined.luacheck != nil {
            #expect(check.problems.contains { $0.contains("Scripts/rules/team/init.lua:4") && $0.contains("helper") }, "\(check.problems)")
        }
        #expect(try #require(throws: RuleProblems.self) { try undefined.pack(named: "teem") }.description
            .contains("no pack 'teem' on the search path (did you mean 'team'?)"))
    }
}
