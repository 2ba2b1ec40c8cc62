import Foundation
import GRDB
import Testing
@testable import AccordCore

/// Partnerships and their lists are keyed by filing day, then id (`FilingOrder`).
@Suite struct FilingOrderTests {
    @Test func aFilingDayIsTheFirstDayTheDateCoversAndTheUndatedComeLast() {
        #expect(FilingOrder.filed(PartialDate("2020-04-17")) == 20_200_417)
        #expect(FilingOrder.filed(PartialDate("2019-06")) == 20_190_601)
        #expect(FilingOrder.filed(PartialDate("2019")) == 20_190_101)
        #expect(FilingOrder.filed(PartialDate("0987-02-03")) == 9_870_203)
        #expect(FilingOrder.filed(nil) == FilingOrder.undated)
        #expect(FilingOrder.filed(PartialDate("9999-12-31")) < FilingOrder.undated)
    }

    @Test(arguments: ["2020-04-17", "2019-06", "2019", "0987-02-03", "9999-12-31"])
    func aFilingDayGivesBackTheFirstDayOfItsDates(date: String) throws {
        let first = try #require(PartialDate(date)?.first)
        #expect(FilingOrder.dateFirst(FilingOrder.filed(PartialDate(date))) == first.description)
        #expect(FilingOrder.dateFirst(FilingOrder.undated) == nil)
    }

    @Test(arguments: ["2020-04-17", "2019-06", "2019", " 2019-06 ", "0001-01-01", "2019-6", "2019/06", "20190", "", "  ", "abcd"])
    func aCSVCellGivesTheDayItsDateDoesOrNone(cell: String) {
        let bytes = Array(cell.utf8)
        let read = bytes.withUnsafeBufferPointer { FilingOrder.filed(csvCell: $0) }
        let date = PartialDate(cell.trimmingCharacters(in: .whitespaces))
        #expect(read == date.map { FilingOrder.filed($0) }, "\(cell)")
    }

    @Test func aKeyListedForAQueryKeepsItsDayAndIdApart() throws {
        let keys = [PartnershipKey(filed: 10_101, id: "old one"), PartnershipKey(filed: FilingOrder.undated, id: "x 1")]
        #expect(keys.map(\.listed) == ["00010101 old one", "99999999 x 1"])
        let store = try Store.inMemory()
        let read = try store.reading { db in
            try db.rows(Store.matching(keys: SQLStringList(keys.map(\.listed))) + "SELECT filed, id, ord FROM f") { row in
                "\(try row[0] as Int) \(try row[1] as String) \(try row[2] as Int)"
            }
        }
        #expect(read == ["10101 old one 1", "99999999 x 1 2"])
    }

    @Test func aPartnershipWhoseFilingDateChangesTakesItsListsAndSavedLabelsAlong() throws {
        let store = try Store.inMemory()
        let acme = Organization(id: "acme", name: "Acme", kind: .globalPharma, country: "US")
        var deal = Partnership(id: "deal", title: "Deal", form: .mou, status: .signed)
        deal.signed = PartialDate("2019-05-02")
        deal.parties = [Party(organization: "acme", role: .collaborator)]
        deal.tags = ["vaccines"]
        try store.writing { db in
            try RecordsSQL.write(acme, db)
            try RecordsSQL.write(deal, db)
        }
        let label = AssignedLabel(label: "rnd", isPrimary: true, origin: .rule, rule: "r", pack: "p", runID: "run")
        let started = Date(timeIntervalSince1970: 1_780_000_000)
        try store.saveClassification(ClassificationRun(id: "run", started: started, finished: started, packs: "p 1.0.0",
                                                       partnerships: 1, labels: 1), labels: ["deal": [label]])
        var moved = deal
        moved.signed = PartialDate("2024-11")
        moved.summary = "Signed later than first reported."
        try store.writing { db in try RecordsSQL.write(moved, db) }

        let days = try store.reading { db in
            try ["partnership", "party", "tag", "assigned_label"].map { table in
                try db.column("SELECT filed FROM \(sql: table)") as [Int]
            }
        }
        #expect(days == [[20_241_101], [20_241_101], [20_241_101], [20_241_101]])
        #expect(try store.partnerships() == [moved])
        #expect(try store.assignedLabels(for: ["deal"])["deal"]?.map(\.label) == ["rnd"])
        #expect(try store.classificationState().changed == 1, "a changed partnership waits to be classified again")
        let problems = try store.readingSQLite { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }
        #expect(problems.isEmpty)
    }
}
