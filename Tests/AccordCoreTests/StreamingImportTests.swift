import Foundation
import GRDB
import Testing
@testable import AccordCore

/// Large files are read in pieces and written as they are read: what a user
/// sees must be the same as for a file read whole.
@Suite struct StreamingImportTests {
    private let organizations = """
        id,name,kind,country,sources
        acme,Acme,local_pharma,KR,press
        bolt,Bolt,global_pharma,US,press

        """
    private let sources = "id,title,publisher\npress,Press release,Wire\n"

    private func partnerships(_ count: Int, badAt bad: Int? = nil) -> String {
        var text = "id,title,summary,form,parties,sources\n"
        for i in 1...count {
            let form = i == bad ? "licence" : "license"
            text += "deal-\(i),\"Deal \(i)\",\"A summary, with \"\"quotes\"\"\nand a line break\",\(form),acme:licensor;bolt:licensee,press\n"
        }
        return text
    }

    @Test func rowsReadInBlocksOfAnySizeAreTheSame() throws {
        let text = partnerships(50)
        func rows(blockSize: Int) throws -> [[String]] {
            let reader = CSVRowReader(input: CSVMemoryInput(Array(text.utf8)), blockSize: blockSize)
            var rows: [[String]] = []
            while let row = try reader.next() {
                #expect(row.problems.isEmpty)
                rows.append(row.cells)
            }
            return rows
        }
        let whole = try rows(blockSize: text.utf8.count)
        #expect(whole.count == 51)
        for size in [1, 2, 7, 64, 1000] {
            let pieces = try rows(blockSize: size)
            #expect(pieces == whole, "block size \(size)")
        }
    }

    @Test func aFileReadInPiecesGivesTheSameRecordsAndLines() throws {
        try withTemporaryDirectory { dir in
            let paths = try [("organizations.csv", organizations), ("sources.csv", sources),
                             ("partnerships.csv", partnerships(300, badAt: 250))].map { name, text in
                let url = dir.appendingPathComponent(name)
                try text.write(to: url, atomically: true, encoding: .utf8)
                return url.path
            }
            // Row 250 starts on line 1 + 249 × 2 + 1: every row spans two lines.
            let error = try #require(throws: DataErrors.self) { try DataImporter.check(files: paths) }
            #expect(error.issues.count == 1)
            #expect(error.issues[0].file == paths[2])
            #expect(error.issues[0].line == 500)
            #expect(error.issues[0].record == "partnership 'deal-250'")
        }
    }

    @Test func citationsOfRecordsInLaterFilesAreSettled() throws {
        try withTemporaryDirectory { dir in
            // Named so that the partnerships come first in name order.
            let paths = try [("a.csv", partnerships(3)), ("b.csv", organizations), ("c.csv", sources)].map { name, text in
                let url = dir.appendingPathComponent(name)
                try text.write(to: url, atomically: true, encoding: .utf8)
                return url.path
            }
            let store = try Store(path: dir.appendingPathComponent("accord.db").path)
            let counts = try store.importFiles(paths)
            #expect(counts.description == """
                1 source: 1 added, 0 updated, 0 unchanged
                2 organizations: 2 added, 0 updated, 0 unchanged
                3 partnerships: 3 added, 0 updated, 0 unchanged
                """)
            #expect(try store.partnership(id: "deal-2")?.summary == "A summary, with \"quotes\"\nand a line break")
        }
    }

    @Test func aProblemInTheLastRowLeavesTheDatabaseAsItWas() throws {
        try withTemporaryDirectory { dir in
            let store = try Store(path: dir.appendingPathComponent("accord.db").path)
            let good = try [("organizations.csv", organizations), ("sources.csv", sources)].map { name, text in
                let url = dir.appendingPathComponent(name)
                try text.write(to: url, atomically: true, encoding: .utf8)
                return url.path
            }
            try store.importFiles(good)
            let rows = try store.rowCounts()
            let deals = dir.appendingPathComponent("partnerships.csv")
            try partnerships(200, badAt: 200).write(to: deals, atomically: true, encoding: .utf8)
            #expect(throws: DataErrors.self) { try store.importFiles([deals.path]) }
            #expect(try store.rowCounts() == rows)
        }
    }

    @Test func aFileThatIsNotUTF8IsNamed() throws {
        try withTemporaryDirectory { dir in
            let file = dir.appendingPathComponent("sources.csv")
            try Data("id,title,publisher\npress,Caf\u{E9},Wire\n".utf8.map { $0 == 0xC3 ? 0xE9 : $0 }).write(to: file)
            let error = try #require(throws: DataErrors.self) { try DataImporter.check(files: [file.path]) }
            #expect(error.issues.map(\.description) == ["\(file.path):2: source 'press' field 'title': the text is not UTF-8"])
        }
    }

    @Test func reimportingTheSameFilesCountsEveryRecordUnchangedAndKeepsTheRevision() throws {
        try withTemporaryDirectory { dir in
            let paths = try [("organizations.csv", organizations), ("sources.csv", sources),
                             ("partnerships.csv", partnerships(5))].map { name, text in
                let url = dir.appendingPathComponent(name)
                try text.write(to: url, atomically: true, encoding: .utf8)
                return url.path
            }
            let store = try Store(path: dir.appendingPathComponent("accord.db").path)
            try store.importFiles(paths)
            let (rows, revision) = (try store.rowCounts(), try store.revision())
            #expect(try store.importFiles(paths).description == """
                1 source: 0 added, 0 updated, 1 unchanged
                2 organizations: 0 added, 0 updated, 2 unchanged
                5 partnerships: 0 added, 0 updated, 5 unchanged
                """)
            #expect(try store.rowCounts() == rows)
            #expect(try store.revision() == revision)
        }
    }
}

extension StreamingImportTests {
    @Test func recordsStoredBeforeDigestsAreUpdatedOnceThenUnchanged() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("v3.db").path
            try Migrations.createDatabase(path: path, upTo: "v3", sql: "INSERT INTO source (id, title) VALUES ('press', 'Press release')")
            let file = dir.appendingPathComponent("sources.csv")
            try "id,title,publisher\npress,Press release,\n".write(to: file, atomically: true, encoding: .utf8)
            let store = try Store(path: path)
            #expect(try store.importFiles([file.path]).sources == ImportCounts.Tally(updated: 1))
            #expect(try store.importFiles([file.path]).sources == ImportCounts.Tally(unchanged: 1))
        }
    }

    @Test func aChangeInAnyListCountsItsRecordUpdated() throws {
        try withTemporaryDirectory { dir in
            let file = dir.appendingPathComponent("base.yaml")
            try baseYAML.write(to: file, atomically: true, encoding: .utf8)
            let store = try Store(path: dir.appendingPathComponent("accord.db").path)
            try store.importFiles([file.path])
            let revision = try store.revision()
            try baseYAML.replacingOccurrences(of: "role: exporter", with: "role: licensor")
                .replacingOccurrences(of: "aliases: [Hanmi]", with: "aliases: [Hanmi, HM]")
                .write(to: file, atomically: true, encoding: .utf8)
            let counts = try store.importFiles([file.path])
            #expect(counts.description == """
                2 sources: 0 added, 0 updated, 2 unchanged
                3 organizations: 0 added, 1 updated, 2 unchanged
                1 partnership: 0 added, 1 updated, 0 unchanged
                """)
            #expect(try store.organization(id: "hanmi")?.aliases == ["Hanmi", "HM"])
            #expect(try store.partnership(id: "dksh-hanmi-2013")?.parties.map(\.role) == [.distributor, .licensor])
            #expect(try store.revision() > revision)
        }
    }

    private func indexes(_ path: String) throws -> [String] {
        let queue = try GRDB.DatabaseQueue(path: path)
        return try queue.read { db in
            try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        }
    }

    @Test func aLargeImportIntoADatabaseWithPartnershipsDropsTheIndexesOnlyOnceItHasWrittenAThousand() throws {
        try withTemporaryDirectory { dir in
            let database = dir.appendingPathComponent("accord.db").path
            func file(_ name: String, _ text: String) throws -> String {
                let url = dir.appendingPathComponent(name)
                try text.write(to: url, atomically: true, encoding: .utf8)
                return url.path
            }
            let records = [try file("organizations.csv", organizations), try file("sources.csv", sources)]
            let store = try Store(path: database)
            let before = try indexes(database)
            // Into the empty database, at once: before the first record is read.
            var read = 0, droppedAfter: [Int] = []
            try store.importFiles(records + [try file("partnerships.csv", partnerships(20))], rebuildingIndexesFrom: 0,
                                  read: { read += 1 }, dropped: { droppedAfter.append(read) })
            #expect(droppedAfter == [0])
            // The same records again, then with 1,200 new ones: the indexes go once 1,000 are written (the
            // records are read in the tables' order, the 20 there already among the new), and only once.
            let runs: [(count: Int, dropAfter: ClosedRange<Int>?)] = [(20, nil), (1_220, (3 + 999)...(3 + 999 + 20))]
            for (count, dropAfter) in runs {
                (read, droppedAfter) = (0, [])
                let counts = try store.importFiles(records + [try file("partnerships.csv", partnerships(count))],
                                                   rebuildingIndexesFrom: 0, read: { read += 1 }, dropped: { droppedAfter.append(read) })
                if let dropAfter {
                    #expect(droppedAfter.count == 1 && droppedAfter.allSatisfy(dropAfter.contains), "\(droppedAfter)")
                } else {
                    #expect(droppedAfter.isEmpty, "\(droppedAfter)")
                }
                #expect(counts.partnerships.added == count - 20 && counts.partnerships.unchanged == 20)
                #expect(try indexes(database) == before, "every index, kept or built again (\(count))")
                #expect(try store.partnerships(PartnershipFilter(party: "acme")).count == count)
            }
        }
    }

    @Test func aLargeImportRebuildsTheIndexesEvenWhenItFails() throws {
        try withTemporaryDirectory { dir in
            let database = dir.appendingPathComponent("accord.db").path
            let paths = try [("organizations.csv", organizations), ("sources.csv", sources),
                             ("partnerships.csv", partnerships(20))].map { name, text in
                let url = dir.appendingPathComponent(name)
                try text.write(to: url, atomically: true, encoding: .utf8)
                return url.path
            }
            let store = try Store(path: database)
            let before = try indexes(database)
            #expect(before.count > 10)
            _ = try store.importFiles(paths, rebuildingIndexesFrom: 0)
            #expect(try indexes(database) == before)
            #expect(try store.partnerships(PartnershipFilter(form: .license)).count == 20)
            let sorting = try store.writer().writeWithoutTransaction { db in
                try [Int.fetchOne(db, sql: "PRAGMA threads"), Int.fetchOne(db, sql: "PRAGMA cache_size")]
            }
            #expect(sorting == [0, -2000], "the index builder's threads and the import's cache are put back")

            let bad = dir.appendingPathComponent("bad.csv")
            try partnerships(3, badAt: 3).write(to: bad, atomically: true, encoding: .utf8)
            #expect(throws: DataErrors.self) { try store.importFiles([bad.path], rebuildingIndexesFrom: 0) }
            #expect(try indexes(database) == before)
        }
    }
}
