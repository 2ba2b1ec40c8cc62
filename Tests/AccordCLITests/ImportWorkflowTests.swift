import AccordTestSupport
import Foundation
import Testing

/// End-to-end: `accord import` on files made to break it, through the binary.
@Suite(.serialized) struct ImportWorkflowTests {
    static let header = "id,title,form,parties,sources\n"

    /// Imports `files` into a fresh workspace, expecting exit 65 and each of `messages` on stderr,
    /// with nothing imported, `--dry-run` saying the same.
    private func expectRefused(_ files: [String: String], _ messages: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.run("init", ".")
        try accord.write("sources:\n  - {id: memo, title: Memo}\norganizations:\n  - {id: acme, name: Acme, kind: biotech, country: KR}\n",
                         to: "base.yaml")
        for (name, text) in files { try accord.write(text, to: name) }
        for dryRun in [false, true] {
            let result = try accord.run(["import"] + (dryRun ? ["--dry-run"] : []) + ["base.yaml"] + files.keys.sorted())
            #expect(result.status == 65, "\(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
            for message in messages { #expect(result.stderr.contains(message), "\(result.stderr)", sourceLocation: sourceLocation) }
            #expect(result.seconds < 5, sourceLocation: sourceLocation)
        }
        #expect(!(try accord.run("export").stdout.contains("acme")), "nothing is imported", sourceLocation: sourceLocation)
    }

    @Test func aQuoteInsideAQuotedCellIsRefusedWithItsLineAndColumn() throws {
        try expectRefused(["deals.csv": Self.header + "a,\"Title \"quoted\" inside\",mou,acme:host,memo\n"],
                          ["deals.csv:2: partnership 'a' field 'title': text after the closing quote of a cell"])
    }

    @Test func anUnclosedQuoteIsRefusedAndSwallowsNothing() throws {
        try expectRefused(["deals.csv": Self.header + "a,\"Unclosed,mou,acme:host,memo\nb,Second,mou,acme:host,memo\n"],
                          ["deals.csv:2: row 1 field 'title': the quote that opens the cell on line 2 is never closed"])
    }

    @Test func aNULCharacterIsRefusedWithItsField() throws {
        try expectRefused(["deals.csv": Self.header + "a,Cut\u{0}here,mou,acme:host,memo\n"],
                          ["deals.csv:2: partnership 'a' field 'title': contains a NUL character (U+0000)"])
        try expectRefused(["deals.yaml": "partnerships:\n  - {id: a, title: \"Cut\\0here\", form: mou, parties: [{org: acme, role: host}], sources: [memo]}\n"],
                          ["deals.yaml:2: partnership 'a' field 'title': contains a NUL character (U+0000)"])
    }

    @Test func aYAMLAliasBombIsRefusedAtOnce() throws {
        var bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for (name, previous) in zip("bcdefghi", "abcdefgh") {
            bomb += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        try expectRefused(["bomb.yaml": bomb], ["bomb.yaml:2: YAML aliases (*name) are not read: write the value out in full"])
    }

    @Test func aRowLongerThan16MiBIsRefusedWithoutReadingTheRest() throws {
        let long = Self.header + "a," + String(repeating: "x", count: 17 << 20) + ",mou,acme:host,memo\n"
        try expectRefused(["deals.csv": long], ["deals.csv:2: row 1: the row is longer than 16 MiB; the rest of the file is not read"])
    }

    @Test func anAliasInTheWorkspaceSettingsIsBadConfiguration() throws {
        let accord = try AccordProcess()
        defer { accord.cleanUp() }
        try accord.run("init", ".")
        try accord.write("name: &n Demo\nrules: *n\n", to: "accord.yaml")
        let result = try accord.run("export")
        #expect(result.status == 78)
        #expect(result.stderr.contains("accord.yaml:2: YAML aliases (*name) are not read"), "\(result.stderr)")
    }
}
