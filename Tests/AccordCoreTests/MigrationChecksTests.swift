import Foundation
import GRDB
import Testing
@testable import AccordCore

/// What an upgrade checks: a migration that only adds columns or indexes leaves the database's
/// references as it found them, without reading them all (a full check took 11 s at a million
/// partnerships); one that rebuilds tables checks every reference before it commits.
@Suite struct MigrationChecksTests {
    /// A database as Accord left it at migration `last`, with a party whose organization is
    /// missing, written with foreign keys off; `filed` says whether its lists were keyed by filing day then.
    private func database(upTo last: String, filed: Bool, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("accord.db").path
        try Migrations.createDatabase(path: path, upTo: last, sql: "SELECT 1")
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in
            let (column, day) = filed ? ("filed, ", "20190101, ") : ("", "")
            try db.execute(sql: """
                INSERT INTO partnership (id, \(column)title, form, status) VALUES ('p', \(day)'P', 'mou', 'signed');
                INSERT INTO party (partnership_id, \(column)position, organization_id, role) VALUES ('p', \(day)0, 'ghost', 'signatory');
                """)
        }
        try queue.close()
        return path
    }

    @Test func anUpgradeThatOnlyAddsColumnsAndIndexesLeavesTheReferencesUnread() throws {
        try withTemporaryDirectory { folder in
            let path = try database(upTo: "filing-order", filed: true, in: folder)
            _ = try Store(path: path)
            let queue = try DatabaseQueue(path: path)
            #expect(try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }.suffix(2)
                    == ["tag-lower", "form-status-unindexed"])
        }
    }

    @Test func anUpgradeThatRebuildsTablesRefusesABrokenReference() throws {
        try withTemporaryDirectory { folder in
            let path = try database(upTo: "label-stamps", filed: false, in: folder)
            #expect(throws: (any Error).self) { try Store(path: path) }
            let queue = try DatabaseQueue(path: path)
            // Each migration commits on its own: those before the rebuild stay.
            #expect(try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }.suffix(2)
                    == ["label-stamps", "period-series"])
        }
    }

    @Test func openingADatabaseOfAnEarlierAccordSaysWhichMigrationsUpgradeIt() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("accord.db").path
            var told: [[String]] = []
            _ = try Store(path: path, upgrading: { told.append($0) })
            #expect(told.isEmpty) // a new database is made, not upgraded

            let old = folder.appendingPathComponent("old.db").path
            try Migrations.createDatabase(path: old, upTo: "filing-order", sql: "SELECT 1")
            _ = try Store(path: old, upgrading: { told.append($0) })
            #expect(told == [["complete-runs", "tag-lower", "form-status-unindexed"]])
            _ = try Store(path: old, upgrading: { told.append($0) })
            #expect(told.count == 1) // up to date now
        }
    }
}
