import Foundation
import Testing
@testable import AccordCore

@Suite struct PackConfigTests {
    func config(_ yaml: String) throws -> WorkspaceConfig {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("accord.yaml").path
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            return try WorkspaceConfig.load(from: path)
        }
    }

    func requirement(_ name: String, _ range: String) throws -> PackRequirement {
        PackRequirement(name: name, range: try VersionRange(range))
    }

    @Test func readsPacksInFileOrder() throws {
        let config = try config("""
            packs:
              standard: ^1.0
              export_rules: ">=1.0 <2"
              zeta: "*"
              alpha: 1.2.3
            pack_paths: [vendor/packs, /opt/accord/packs]

            """)
        #expect(try config.packs == [requirement("standard", "^1.0"), requirement("export_rules", ">=1.0 <2"),
                                     requirement("zeta", "*"), requirement("alpha", "1.2.3")])
        #expect(config.packPaths == ["vendor/packs", "/opt/accord/packs"])
    }

    @Test func readsWhereAPackComesFrom() throws {
        let config = try config("""
            packs:
              standard: ^1.0
              team-export: { git: "https://git.example.org/bd/packs.git", path: team-export/, version: "~0.3" }
              regulators: { archive: "../shared/regulators-2.1.0.tar.gz" }
              local:
                folder: ../packs/local
                version: ^1
              pinned: { version: 1.2.0 }

            """)
        #expect(config.packs == [
            try requirement("standard", "^1.0"),
            PackRequirement(name: "team-export", range: try VersionRange("~0.3"),
                            source: .git(url: "https://git.example.org/bd/packs.git", path: "team-export")),
            PackRequirement(name: "regulators", range: try VersionRange("*"), source: .archive("../shared/regulators-2.1.0.tar.gz")),
            PackRequirement(name: "local", range: try VersionRange("^1"), source: .folder("../packs/local")),
            try requirement("pinned", "1.2.0"),
        ])
        #expect(config.packs[1].yamlValue == "{ git: https://git.example.org/bd/packs.git, path: team-export, version: ~0.3 }")
        #expect(config.packs[2].yamlValue == "{ archive: ../shared/regulators-2.1.0.tar.gz }")
    }

    @Test func newWorkspacesWriteSourcesTheyReadBack() throws {
        var written = WorkspaceConfig()
        written.packs = [PackRequirement(name: "team", range: try VersionRange("^0.3"),
                                         source: .git(url: "ssh://git@example.org/bd/packs.git", path: "team"))]
        #expect(try config(written.yaml()).packs == written.packs)
    }

    @Test func noPacksByDefault() throws {
        #expect(try config("name: x\n").packs.isEmpty)
        #expect(try config("packs: {}\n").packs.isEmpty)
        #expect(try config("packs:\n").packs.isEmpty)
        #expect(try config("name: x\n").packPaths.isEmpty)
    }

    @Test(arguments: [
        ("name: x\npacks:\n  standard: ^x\n",
         ":3: packs.standard: '^x' is not a version range: '^' needs a version number, not 'x' (write '*' alone for any version)"),
        ("packs:\n  standard: ^1.0\n  export: 1.2.3.4\n", ":3: packs.export: '1.2.3.4' is not a version range: '1.2.3.4' has more than three parts"),
        ("packs:\n  standard: \"\"\n", ":2: packs.standard: '' is not a version range: it is empty (write '*' for any version)"),
        ("packs:\n  standard: [1, 2]\n", ":2: packs.standard: expected a version range such as ^1.0, or a source such as { git: URL, version: \"^1.0\" }"),
        ("packs:\n  x: { git: a.git, archive: b.tar.gz }\n", ":2: packs.x: name one source, not git and archive"),
        ("packs:\n  x: { archive: b.tar.gz, path: sub }\n", ":2: packs.x: 'path' names a subfolder of a git repository; it needs 'git'"),
        ("packs:\n  x: { git: a.git, path: ../up }\n", ":2: packs.x: path must be a subfolder of the repository, without '.' or '..'"),
        ("packs:\n  x: { git: a.git, versoin: ^1 }\n", ":2: packs.x: unknown key 'versoin' (did you mean 'version'?)"),
        ("packs:\n  x: { git: a.git, version: ^z }\n", ":2: packs.x: '^z' is not a version range: major 'z' is not a number"),
        ("packs:\n  x: { git: \"--upload-pack=touch /tmp/owned\" }\n", ":2: packs.x: a git address cannot start with '-'"),
        ("packs:\n  x: {}\n", ":2: packs.x: name a version range (version: ^1.0) or a source (git, archive or folder)"),
        ("packs:\n  ../evil: ^1\n", ":2: packs: '../evil' is not a pack name (letters, digits, '-' and '_')"),
        ("packs: [standard]\n", ":1: 'packs' must be a mapping of pack names to version ranges (standard: ^1.0)"),
        ("pakcs:\n  standard: ^1\n", ":1: unknown setting 'pakcs' (did you mean 'packs'?)"),
        ("pack_path: []\n", ":1: unknown setting 'pack_path' (did you mean 'pack_paths'?)"),
        ("pack_paths:\n  a: b\n", ":1: 'pack_paths' must be a list of paths"),
        ("name: x\npaper: a5\n", ":2: 'paper' must be a4 or letter, not 'a5'"),
        ("csv_bom: sometimes\n", ":1: 'csv_bom' must be true or false"),
    ])
    func badSettingsNameFileLineAndKey(_ example: (yaml: String, message: String)) {
        let error = #expect(throws: ConfigError.self) { try config(example.yaml) }
        #expect(error?.description.hasSuffix("accord.yaml" + example.message) == true, "\(String(describing: error))")
    }

    @Test func newWorkspacesWriteTheirPacks() throws {
        let fresh = WorkspaceConfig().yaml()
        #expect(fresh.contains("\npack_paths: []"))
        #expect(fresh.contains("\npacks: {}"))

        var written = WorkspaceConfig()
        written.packPaths = ["vendor/packs", "/opt/packs"]
        written.paper = "letter"
        written.csvByteOrderMark = true
        written.packs = try [requirement("standard", "^1.0"), requirement("export", ">=1.0, <2"),
                             requirement("any", "*"), requirement("either", "^1 || ^2")]
        #expect(try config(written.yaml()) == written)
    }

    @Test func searchesRulesThenPackPathsThenAccordPath() throws {
        try withTemporaryDirectory { folder in
            var settings = WorkspaceConfig()
            settings.packPaths = ["vendor/packs", "/opt/team/packs", "Scripts/rules/", "../shared"]
            let workspace = try Workspace.create(at: folder, config: settings)
            let root = workspace.root.path
            let current = FileManager.default.currentDirectoryPath
            let path = workspace.packSearchPath(environment: ["ACCORD_PATH": "::/usr/share/accord/packs:local/packs:/opt/team/packs:"])
            #expect(path == [
                root + "/Scripts/rules",
                root + "/vendor/packs",
                "/opt/team/packs",
                workspace.root.deletingLastPathComponent().path + "/shared",
                "/usr/share/accord/packs",
                URL(fileURLWithPath: current).appendingPathComponent("local/packs").path,
            ])
            #expect(workspace.packSearchPath(environment: [:]).count == 4)
        }
    }

    @Test func bundledPacksComeLastAndShowAsBundled() throws {
        try withTemporaryDirectory { folder in
            var workspace = try Workspace.create(at: folder, config: WorkspaceConfig())
            workspace.bundledPacks = ["/opt/accord/Packs", workspace.root.path + "/Scripts/rules"]
            #expect(workspace.packSearchPath(environment: ["ACCORD_PATH": "/srv/packs"])
                == [workspace.root.path + "/Scripts/rules", "/srv/packs", "/opt/accord/Packs"])
            #expect(workspace.display("/opt/accord/Packs/standard/init.lua") == "<bundled>/standard/init.lua")
            #expect(workspace.display("/opt/accord/Packsrc/x.lua") == "/opt/accord/Packsrc/x.lua")
        }
    }

    @Test func theSampleWorkspaceAppliesTheStandardPack() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let workspace = try Workspace(root: repository)
        #expect(try workspace.config.packs == [requirement("standard", "^1.0")])
        #expect(workspace.config.packPaths.isEmpty)
        #expect(workspace.packSearchPath(environment: [:]) == [repository.standardizedFileURL.path + "/Scripts/rules"])
    }
}
