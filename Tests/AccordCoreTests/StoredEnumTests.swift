import Foundation
import Testing
@testable import AccordCore

@Suite struct StoredEnumTests {
    func cases<E: StoredEnum>(_ type: E.Type) -> [E?] {
        E.allCases.map { value in
            var text = value.rawValue
            return text.withUTF8 { E.storedCases.value($0) }
        }
    }

    @Test func everyCaseIsFoundByTheBytesOfItsRawText() {
        #expect(cases(PartnershipForm.self) == PartnershipForm.allCases)
        #expect(cases(PartyRole.self) == PartyRole.allCases)
        #expect(cases(FigureKey.self) == FigureKey.allCases)
        #expect(cases(Qualifier.self) == Qualifier.allCases)
        #expect(cases(AssignedLabel.Origin.self) == AssignedLabel.Origin.allCases)
    }

    @Test(arguments: ["", "licens", "licensee", "LICENSE", "license "])
    func aTextThatIsNoCaseFindsNone(_ text: String) {
        var text = text
        #expect(text.withUTF8 { PartnershipForm.storedCases.value($0) } == nil)
    }

    /// A value changed outside Accord is an error naming its column, as it was before values
    /// were read by their bytes.
    @Test func anUnknownValueOrDateInTheDatabaseIsAnErrorNamingTheColumn() throws {
        let store = try Store.inMemory()
        try store.upsert(richDataset)
        let id = richDataset.partnerships[0].id
        try store.writing { db in try db.execute(sql: "UPDATE partnership SET form = 'merger' WHERE id = ?", arguments: [id]) }
        let unknown = #expect(throws: StoreError.self) { try store.partnership(id: id) }
        #expect(unknown?.description == "unknown form 'merger' in the database")

        try store.writing { db in
            try db.execute(sql: "UPDATE partnership SET form = ?, signed_date = '2025-13' WHERE id = ?",
                           arguments: [richDataset.partnerships[0].form.rawValue, id])
        }
        let invalid = #expect(throws: StoreError.self) { try store.partnership(id: id) }
        #expect(invalid?.description == "invalid date '2025-13' in column signed_date")
        try store.writing { db in try db.execute(sql: "UPDATE partnership SET signed_date = '2025-03' WHERE id = ?", arguments: [id]) }
        #expect(try store.partnership(id: id)?.signed == PartialDate("2025-03"))
    }
}
