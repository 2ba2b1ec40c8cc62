import Foundation
import GRDB
import Testing
@testable import AccordCore

/// A large first import writes with a rollback journal and checks references at the end;
/// every other import, and every database afterwards, is in WAL mode with foreign keys.
@Suite struct FirstLoadTests {
    private let files = [
        ("sources.csv", "id,title,publisher\npress,Press release,Wire\n"),
        ("organizations.csv", "id,name,kind,country,sources\nacme,Acme,local_pharma,KR,press\nbolt,Bolt,global_pharma,US,press\n"),
        ("partnerships.csv", "id,title,form,parties,sources\n"
            + (1...30).map { "deal-\($0),Deal \($0),license,acme:licensor;bolt:licensee,press\n" }.joined()),
    ]

    /// Imports the files as a large import, saying which journal files were there while it wrote.
    private func largeImport(_ store: Store, _ database: String, _ paths: [String]) throws -> (rollback: Bool, wal: Bool) {
        var seen = (rollback: false, wal: false)
        try store.importFiles(paths, rebuildingIndexesFrom: 0) {
            seen.rollback = seen.rollback || FileManager.default.fileExists(atPath: database + "-journal")
            seen.wal = seen.wal || FileManager.default.fileExists(atPath: database + "-wal")
        }
        return seen
    }

    private func journalMode(_ database: String) throws -> String? {
        try DatabaseQueue(path: database).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
    }

    private func withFiles(_ files: [(String, String)], _ body: (String, [String]) throws -> Void) throws {
        try withTemporaryDirectory { dir in
            let paths = try files.map { name, text in
                let path = dir.appendingPathComponent(name).path
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                return path
            }
            try body(dir.appendingPathComponent("accord.db").path, paths)
        }
    }

    @Test func aLargeFirstImportWritesWithARollbackJournalAndLeavesTheDatabaseInWALMode() throws {
        try withFiles(files) { database, paths in
            let store = try Store(path: database)
            let synchronous = { try store.writing { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } }
            let before = try synchronous()
            let seen = try largeImport(store, database, paths)
            #expect(seen.rollback)
            #expect(try journalMode(database) == "wal")
            #expect(try synchronous() == before)
            #expect(try store.counts().partnerships == 30)
            #expect(try store.partnerships(PartnershipFilter(form: .license)).count == 30)
        }
    }

    @Test func filesReadThroughLinksAreAsLargeAsTheFilesTheyName() throws {
        try withFiles(files) { database, paths in
            let folder = URL(fileURLWithPath: database).deletingLastPathComponent()
            let links = try paths.map { path in
                let link = folder.appendingPathComponent("linked-" + URL(fileURLWithPath: path).lastPathComponent).path
                try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
                return link
            }
            let size = Store.totalSize(of: paths)
            #expect(Store.totalSize(of: links) == size)
            let store = try Store(path: database)
            var rollback = false
            try store.importFiles(links, rebuildingIndexesFrom: size) {
                rollback = rollback || FileManager.default.fileExists(atPath: database + "-journal")
            }
            #expect(rollback)
        }
    }

    @Test func aLargeImportIntoADatabaseWithPartnershipsStaysInWALMode() throws {
        try withFiles(files) { database, paths in
            let store = try Store(path: database)
            try store.importFiles(paths, rebuildingIndexesFrom: .max)
            let seen = try largeImport(store, database, paths)
            #expect(!seen.rollback)
            #expect(seen.wal)
        }
    }

    @Test func aLargeFirstImportThatFailsLeavesAnEmptyDatabaseInWALMode() throws {
        var bad = files
        bad[2].1 += "deal-31,Deal 31,licence,acme:licensor,press\n"
        try withFiles(bad) { database, paths in
            let store = try Store(path: database)
            #expect(throws: DataErrors.self) { _ = try largeImport(store, database, paths) }
            #expect(try journalMode(database) == "wal")
            #expect(try store.counts().partnerships == 0)
            #expect(!FileManager.default.fileExists(atPath: database + "-journal"))
        }
    }

    @Test func aLargeFirstImportWhileAnotherConnectionHasTheFileOpenStaysInWALMode() throws {
        try withFiles(files) { database, paths in
            let store = try Store(path: database)
            let other = try DatabasePool(path: database)
            #expect(try other.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM partnership") } == 0)
            let seen = try largeImport(store, database, paths)
            #expect(!seen.rollback)
            #expect(try other.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM partnership") } == 30)
            #expect(try journalMode(database) == "wal")
        }
    }

    @Test func aLargeFirstImportCitingAMissingRecordSaysWhereAndLeavesForeignKeysOn() throws {
        var bad = files
        bad[2].1 += "deal-31,Deal 31,license,acme:licensor;nobody:licensee,press\n"
        try withFiles(bad) { database, paths in
            let store = try Store(path: database)
            let error = try #require(throws: DataErrors.self) { _ = try largeImport(store, database, paths) }
            #expect(error.issues.map(\.message) == ["no organization 'nobody' in the files or the database"])
            #expect(error.issues.first?.line == 32)
            // A row naming a missing partnership is refused again.
            #expect(throws: DatabaseError.self) {
                try store.writing { db in try db.execute(sql: "INSERT INTO tag (partnership_id, filed, position, tag) VALUES ('none', 99999999, 0, 'x')") }
            }
        }
    }

    @Test func referencesBrokenWhileForeignKeysWereOffAreFoundBeforeTheCommit() throws {
        try withFiles(files) { database, _ in
            let store = try Store(path: database)
            let load = try FirstLoad(try store.writer())
            #expect(load.isActive)
            let error = try #require(throws: StoreError.self) {
                try store.writing { db in
                    try db.execute(sql: "INSERT INTO source (id, title) VALUES ('press', 'Press')")
                    try db.execute(sql: "INSERT INTO partnership (id, filed, title, form, status, digest) VALUES ('deal', 99999999, 'Deal', 'mou', 'signed', x'00')")
                    try db.execute(sql: "INSERT INTO partnership_source (partnership_id, filed, position, source_id) VALUES ('deal', 99999999, 0, 'press')")
                    try db.execute(sql: "INSERT INTO party (partnership_id, filed, position, organization_id, role) VALUES ('deal', 99999999, 0, 'nobody', 'partner')")
                    try load.checkReferences(db)
                }
            }
            #expect(error.description == "a row of party names a missing row of organization; nothing was imported")
            load.end()
            #expect(try journalMode(database) == "wal")
            #expect(try store.counts().partnerships == 0)
        }
    }

    @Test(arguments: [
        ("organization", "INSERT INTO organization (id, name, name_key, kind, country, parent_id) VALUES ('child', 'Child', 'child', 'company', 'KR', 'nobody')"),
        ("organization_source", "INSERT INTO organization_source (organization_id, position, source_id) VALUES ('acme', 0, 'nowhere')"),
        ("partnership_source", "INSERT INTO partnership_source (partnership_id, filed, position, source_id) VALUES ('deal', 99999999, 1, 'nowhere')"),
        ("party", "INSERT INTO party (partnership_id, filed, position, organization_id, role) VALUES ('deal', 99999999, 0, 'nobody', 'partner')"),
        ("person", "INSERT INTO person (partnership_id, filed, position, name, organization_id, role) VALUES ('deal', 99999999, 0, 'Kim', 'nobody', 'signatory')"),
    ])
    func aRowNamingAMissingRecordIsFoundWhateverItsTable(table: String, insert: String) throws {
        try withFiles(files) { database, _ in
            let store = try Store(path: database)
            let load = try FirstLoad(try store.writer())
            defer { load.end() }
            let error = try #require(throws: StoreError.self) {
                try store.writing { db in
                    try db.execute(sql: """
                        INSERT INTO source (id, title) VALUES ('press', 'Press');
                        INSERT INTO organization (id, name, name_key, kind, country) VALUES ('acme', 'Acme', 'acme', 'company', 'KR');
                        INSERT INTO organization_source (organization_id, position, source_id) VALUES ('acme', 1, 'press');
                        INSERT INTO partnership (id, filed, title, form, status, digest) VALUES ('deal', 99999999, 'Deal', 'mou', 'signed', x'00');
                        INSERT INTO partnership_source (partnership_id, filed, position, source_id) VALUES ('deal', 99999999, 0, 'press');
                        INSERT INTO party (partnership_id, filed, position, organization_id, role) VALUES ('deal', 99999999, 1, 'acme', 'partner');
                        """)
                    try load.checkReferences(db)
                    try db.execute(sql: insert)
                    try load.checkReferences(db)
                }
            }
            #expect(error.description.hasPrefix("a row of \(table) names a missing row of "))
        }
    }

    @Test func everyForeignKeyNamingAnotherRecordIsChecked() throws {
        try withFiles(files) { database, _ in
            _ = try Store(path: database)
            let keys = try DatabaseQueue(path: database).read { db in
                try Row.fetchAll(db, sql: """
                    SELECT m.name AS owner, f."from" AS "column" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
                    WHERE m.type = 'table'
                    """)
            }
            #expect(!keys.isEmpty)
            // A list's rows name the record they are written with; every other reference is checked.
            let naming = Set(keys.compactMap { row -> String? in
                let (owner, column): (String, String) = (row["owner"], row["column"])
                let ownList = ["partnership_id", "filed"].contains(column) || column == "organization_id" && owner.hasPrefix("organization_")
                return ownList ? nil : "\(owner).\(column)"
            })
            #expect(naming == Set(FirstLoad.referencesToOtherRecords.map { "\($0.table).\($0.column)" }))
        }
    }

    @Test func recordsWrittenBetweenTheCheckAndTheTransactionStopTheFirstLoad() throws {
        try withFiles(files) { database, _ in
            let store = try Store(path: database)
            let load = try FirstLoad(try store.writer())
            defer { load.end() }
            try store.writing { db in try load.checkStillEmpty(db) }
            let error = try #require(throws: StoreError.self) {
                try store.writing { db in
                    try db.execute(sql: "INSERT INTO source (id, title) VALUES ('press', 'Press')")
                    try load.checkStillEmpty(db)
                }
            }
            #expect(error.description.contains("another process imported records"))
            #expect(try store.counts().sources == 0)
        }
    }
}
