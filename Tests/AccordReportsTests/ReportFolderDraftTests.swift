import AccordTestSupport
import Foundation
import Testing
@testable import AccordReports

@Suite struct ReportFolderDraftTests {
    private let parent = FileManager.default.temporaryDirectory.appendingPathComponent("accord-draft-\(UUID().uuidString)")
    private var folder: URL { parent.appendingPathComponent("2019") }

    private func file(_ name: String, _ text: String) -> RenderedFile { RenderedFile(name: name, data: Data(text.utf8)) }

    /// The folder's siblings that drafts leave: `.2019.new-…` and `.2019.old-…`.
    private func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0.hasPrefix(".") }
    }

    private func writeEarlierOutput() throws {
        let draft = try ReportFolderDraft(for: folder)
        try draft.add(file("manifest.json", "{}"))
        try draft.add(file("report.md", "earlier"))
        try draft.commit()
    }

    @Test func theFolderKeepsItsEarlierOutputUntilTheDraftIsCommitted() throws {
        defer { try? FileManager.default.removeItem(at: parent) }
        try writeEarlierOutput()
        let draft = try ReportFolderDraft(for: folder)
        try draft.add(file("report.md", "new"))
        try draft.add(file("charts/trend.svg", "<svg/>"))
        #expect(try files(in: folder) == ["manifest.json": Data("{}".utf8), "report.md": Data("earlier".utf8)])
        try draft.add(file("manifest.json", "{\"new\": true}"))
        try draft.commit()
        #expect(try files(in: folder) == ["manifest.json": Data("{\"new\": true}".utf8), "report.md": Data("new".utf8),
                                          "charts/trend.svg": Data("<svg/>".utf8)])
        #expect(try leftovers().isEmpty)
    }

    @Test func aDiscardedDraftLeavesNothingAndTheFolderAsItWas() throws {
        defer { try? FileManager.default.removeItem(at: parent) }
        try writeEarlierOutput()
        let draft = try ReportFolderDraft(for: folder)
        try draft.add(file("report.md", "new"))
        draft.discard()
        draft.discard()
        #expect(try files(in: folder)["report.md"] == Data("earlier".utf8))
        #expect(try leftovers().isEmpty)
    }

    @Test func aDiscardedDraftTakesAwayTheEmptyFoldersItMade() throws {
        defer { try? FileManager.default.removeItem(at: parent) }
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let deep = parent.appendingPathComponent("Reports/quarterly/2019-Q4")
        let draft = try ReportFolderDraft(for: deep)
        try draft.add(file("report.md", "new"))
        #expect(FileManager.default.fileExists(atPath: parent.appendingPathComponent("Reports/quarterly").path))
        draft.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).isEmpty)
    }

    @Test func aDraftBeingMadeIsLeftAloneByAnotherOfTheSameFolder() throws {
        defer { try? FileManager.default.removeItem(at: parent) }
        let first = try ReportFolderDraft(for: folder)
        try first.add(file("manifest.json", "{}"))
        let second = try ReportFolderDraft(for: folder)
        second.discard()
        try first.add(file("report.md", "first"))
        try first.commit()
        #expect(try files(in: folder) == ["manifest.json": Data("{}".utf8), "report.md": Data("first".utf8)])
    }

    @Test func whatACrashedDraftLeftIsRemovedByTheNext() throws {
        defer { try? FileManager.default.removeItem(at: parent) }
        let crashed = parent.appendingPathComponent(".2019.new-dead")
        try FileManager.default.createDirectory(at: crashed, withIntermediateDirectories: true)
        try Data("half".utf8).write(to: crashed.appendingPathComponent("report.md"))
        let draft = try ReportFolderDraft(for: folder)
        #expect(!FileManager.default.fileExists(atPath: crashed.path))
        draft.discard()
    }

    @Test func aFolderThatIsNotAReportsIsRefusedBeforeAnythingIsWritten() throws {
        defer { try? FileManager.default.removeItem(at: parent) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        #expect(throws: ReportFolderError.self) { try ReportFolderDraft(for: folder) }
        #expect(try leftovers().isEmpty)
    }
}
