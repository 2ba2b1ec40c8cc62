import Testing
@testable import AccordCore

@Suite struct PacksSectionEditorTests {
    let teamExport = PackRequirement(name: "team-export", range: try! VersionRange("~0.3"),
                                     source: .git(url: "https://git.example.org/bd/packs.git", path: "team-export"))

    @Test func addingAPackChangesOnlyItsLineAndKeepsComments() throws {
        let text = """
            # Our workspace.
            name: BD team          # shown in reports
            packs:
              # the pack that comes with accord
              standard: ^1.0       # reviewed 2026-11
            # limits, as IT asked
            limits:
              memory: 1GiB

            """
        let edited = try PacksSectionEditor(text: text).adding(teamExport)
        #expect(edited == """
            # Our workspace.
            name: BD team          # shown in reports
            packs:
              # the pack that comes with accord
              standard: ^1.0       # reviewed 2026-11
              team-export: { git: https://git.example.org/bd/packs.git, path: team-export, version: ~0.3 }
            # limits, as IT asked
            limits:
              memory: 1GiB

            """)
    }

    @Test func addingFollowsTheIndentationInUse() throws {
        let edited = try PacksSectionEditor(text: "packs:\n    standard: ^1.0\n").adding(teamExport)
        #expect(edited.contains("\n    standard: ^1.0\n    team-export: {"))
    }

    @Test func anEmptyPacksSettingBecomesABlock() throws {
        let edited = try PacksSectionEditor(text: "name: x\npacks: {}   # none yet\npaper: a4\n").adding(teamExport)
        #expect(edited.hasPrefix("name: x\npacks:   # none yet\n  team-export: {"))
        #expect(edited.hasSuffix("\npaper: a4\n"))
    }

    @Test func aFileWithoutPacksGetsTheSettingAtTheEnd() throws {
        let edited = try PacksSectionEditor(text: "name: x\n").adding(teamExport)
        #expect(try WorkspaceConfig.parse(edited, file: "accord.yaml").packs == [teamExport])
        #expect(edited.hasPrefix("name: x\npacks:\n"))
    }

    @Test func removingAPackTakesItsContinuationLinesAndNothingElse() throws {
        let text = """
            packs:
              standard: ^1.0
              team-export:
                git: https://git.example.org/bd/packs.git
                # pinned while the BD team reviews 0.4
                version: ~0.3
              regulators: { archive: ../shared/regulators-2.1.0.tar.gz }
            paper: letter

            """
        let edited = try PacksSectionEditor(text: text).removing("team-export")
        #expect(edited == """
            packs:
              standard: ^1.0
              regulators: { archive: ../shared/regulators-2.1.0.tar.gz }
            paper: letter

            """)
    }

    @Test func removingTheLastPackLeavesAnEmptySetting() throws {
        let edited = try PacksSectionEditor(text: "packs:   # ours\n  standard: ^1.0\npaper: a4\n").removing("standard")
        #expect(edited == "packs: {}   # ours\npaper: a4\n")
    }

    @Test(arguments: [
        ("packs: { standard: ^1.0 }\n", "its `packs:` is written on one line"),
        ("packs:\n  team-export: ^1\n", "pack 'team-export' is already in it"),
        ("packs: [\n", "not valid YAML"),
        ("packs:\r\n  standard: ^1\r\n", "it has Windows line ends (CRLF)"),
    ])
    func refusesAnEditItCannotMakeSafely(_ example: (text: String, message: String)) {
        let error = #expect(throws: ConfigError.self) { try PacksSectionEditor(text: example.text).adding(teamExport) }
        #expect(error?.description.contains(example.message) == true, "\(String(describing: error))")
    }

    @Test func refusesToRemoveAPackThatIsNotThere() {
        let error = #expect(throws: ConfigError.self) { try PacksSectionEditor(text: "packs:\n  standard: ^1\n").removing("standrd") }
        #expect(error?.description.contains("pack 'standrd' is not in it (did you mean 'standard'?)") == true)
    }
}
