import Foundation
import Testing
@testable import AccordCore

/// Data files made to hurt: values that SQLite would cut, and YAML that expands
/// without bound. Each is refused with its file and line, and quickly.
@Suite struct HostileDataTests {
    @Test func aNULCharacterInAYAMLValueIsRefusedWithItsField() {
        expectOnly(issues("deals.yaml", variant(("title: DKSH exports Hanmi drugs", #"title: "DKSH\0 exports""#))),
                   "deals.yaml:23: partnership 'dksh-hanmi-2013' field 'title': contains a NUL character (U+0000), which a value cannot hold")
    }

    @Test func aNULCharacterInAJSONListItemIsRefusedWithItsPath() {
        let text = #"{"sources": [{"id": "s", "title": "S"}], "organizations": [{"id": "o", "name": "O", "kind": "other", "country": "KR", "aliases": ["ok", "b\u0000ad"]}]}"#
        expectOnly(issues("d.json", text),
                   "d.json:1: organization 'o' field 'aliases[2]': contains a NUL character (U+0000), which a value cannot hold")
    }

    @Test func aNULByteInACSVCellIsRefusedWithItsField() {
        let text = "id,title,publisher\npress,Press\u{0} release,Wire\n"
        expectOnly(issues("sources.csv", text),
                   "sources.csv:2: source 'press' field 'title': contains a NUL character (U+0000), which a value cannot hold")
    }

    @Test func aFileWrongOnEveryLineKeepsTheFirstProblemsAndCountsTheRest() throws {
        var text = "id,title,publisher\n"
        for i in 1...5000 { text += "s\(i),A 12\" screen,Wire\n" }
        let error = try #require(throws: DataErrors.self) { try DataImporter.read(texts: [("sources.csv", text)]) }
        #expect(error.count == 5000)
        #expect(error.issues.compactMap(\.line) == Array(2...101))
        var log = IssueLog()
        for i in (1...5000).reversed() { log.append(DataIssue(file: "f", line: i, message: "m")) }
        #expect(log.count == 5000)
        #expect(log.issues.count < 2 * DataErrors.limit)
        #expect(log.issues.compactMap(\.line).sorted().prefix(DataErrors.limit) == ArraySlice(1...DataErrors.limit))
    }

    /// "Billion laughs": 342 bytes that stand for 9⁹ strings.
    static let aliasBomb = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]

        """

    @Test(.timeLimit(.minutes(1)))
    func anAliasBombIsRefusedAtItsFirstAliasBeforeAnythingIsExpanded() {
        let start = Date()
        expectOnly(issues("bomb.yaml", Self.aliasBomb), "bomb.yaml:2: YAML aliases (*name) are not read: write the value out in full")
        // The same with the aliases as mapping keys, which Yams would compare with each other.
        expectOnly(issues("keys.yaml", Self.aliasBomb + "? *i\n: x\n? *h\n: y\n"),
                   "keys.yaml:2: YAML aliases (*name) are not read: write the value out in full")
        #expect(Date().timeIntervalSince(start) < 1)
    }

    @Test func anAliasInARecordIsRefusedWithItsLine() {
        let text = variant(("    title: DKSH exports Hanmi drugs", "    title: &t DKSH exports Hanmi drugs\n    summary: *t"))
        expectOnly(issues("deals.yaml", text), "deals.yaml:24: YAML aliases (*name) are not read: write the value out in full")
    }

    @Test func theWorkspaceSettingsTheLockFileAndPackTestsRefuseAliasesToo() throws {
        try withTemporaryDirectory { dir in
            func write(_ name: String, _ text: String) throws -> String {
                let path = dir.appendingPathComponent(name).path
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                return path
            }
            let config = try write("accord.yaml", Self.aliasBomb)
            let configError = #expect(throws: ConfigError.self) { try WorkspaceConfig.load(from: config) }
            #expect(configError?.description == "\(config):2: YAML aliases (*name) are not read: write the value out in full")

            let lock = try write("accord.lock", "packs:\n  standard: &s {version: 1.0.0}\n  other: *s\n")
            let lockError = #expect(throws: ConfigError.self) { try RulesLock.load(from: lock) }
            #expect(lockError?.line == 3)

            let cases = try write("cases.yaml", "cases:\n  - partnership: a\n    labels: &l [rnd]\n  - partnership: b\n    labels: *l\n")
            let casesError = #expect(throws: DataErrors.self) { try PackFixtures.read(cases, display: "tests/cases.yaml") }
            #expect(casesError?.description == "tests/cases.yaml:5: YAML aliases (*name) are not read: write the value out in full")
        }
    }
}
