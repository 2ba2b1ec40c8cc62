import Foundation
import Testing
@testable import AccordCore
import ToolSupport

/// The issues `DataImporter` finds in files given as text (none when they import cleanly).
func issues(_ files: [(name: String, contents: String)], known: KnownIDs = KnownIDs()) -> [DataIssue] {
    do {
        _ = try DataImporter.read(texts: files, known: known)
        return []
    } catch {
        return error.issues
    }
}

func issues(_ name: String, _ contents: String, known: KnownIDs = KnownIDs()) -> [DataIssue] {
    issues([(name, contents)], known: known)
}

func read(_ name: String, _ contents: String) throws -> Dataset {
    try DataImporter.read(texts: [(name, contents)])
}

/// A fresh directory under the system's temporary directory, removed by `body`'s end.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("accord-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// What `read` makes of `text` written to a file named `name` in a temporary folder.
func reading<T>(_ text: String, as name: String, _ read: (String) throws -> T) throws -> T {
    try withTemporaryDirectory { folder in
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try read(path)
    }
}

func date(_ text: String) -> PartialDate { PartialDate(text)! }

/// A small, valid YAML dataset other tests vary: two sources, a group with a
/// subsidiary, a local pharma, and one partnership between them.
let baseYAML = """
    sources:
      - id: krpia
        title: KRPIA open innovation cases
      - id: press
        title: Press release
    organizations:
      - id: dksh
        name: DKSH
        kind: distributor
        country: CH
      - id: dksh-korea
        name: DKSH Korea
        kind: distributor
        country: KR
        parent: dksh
      - id: hanmi
        name: Hanmi Pharmaceutical
        aliases: [Hanmi]
        kind: local_pharma
        country: KR
    partnerships:
      - id: dksh-hanmi-2013
        title: DKSH exports Hanmi drugs
        form: export_contract
        signed: "2013"
        parties:
          - {org: dksh-korea, role: distributor}
          - {org: hanmi, role: exporter}
        sources: [krpia]

    """

extension SeededRandom {
    /// A number in `range`, as the standard library draws it.
    mutating func next(in range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
}
